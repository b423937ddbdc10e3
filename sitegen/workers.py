"""Running a build's independent jobs (one per language) side by side.

On Linux the jobs run in forked worker processes, one per CPU up to one per job: a fork starts
with the parent's memory, so the checked and analysed data reach the workers without being
copied or pickled, and each job returns a small result. Elsewhere, with a single CPU, or when
other threads are running (a fork copies only the calling thread, and a lock held by another
one would stay held for ever: `sitegen serve` builds beside its web server), the jobs run one
after the other in this process. Either way the output is the same.

Ctrl-C reaches the whole process group: workers ignore it and the parent stops them, so the
interruption is reported once, by the command. A build that is killed takes its workers with it.
"""

from __future__ import annotations

import ctypes
import functools
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

Shared = TypeVar("Shared")
Job = TypeVar("Job")
Result = TypeVar("Result")

_task: Callable | None = None   # in a worker: the function with the shared state


def worker_count(jobs: int) -> int:
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    return max(1, min(jobs, len(os.sched_getaffinity(0))))


def run_all(function: Callable[[Shared, Job], Result], shared: Shared, jobs: list[Job]) -> list[Result]:
    """[function(shared, job) for job in jobs], in parallel where possible, in the jobs' order."""
    workers = worker_count(len(jobs))
    if workers == 1:
        return [function(shared, job) for job in jobs]
    with multiprocessing.get_context("fork").Pool(workers, initializer=_start,
                                                    initargs=(function, shared, os.getpid())) as pool:
        outcomes = pool.map(_run, jobs, chunksize=1)
    for succeeded, value in outcomes:   # the first job's error, as when the jobs run one after the other
        if not succeeded:
            raise value
    return [value for _, value in outcomes]


def _start(function: Callable, shared, parent: int) -> None:
    global _task
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with(parent)
    _task = functools.partial(function, shared)


def die_with(parent: int) -> None:
    """A worker ends when the build does, even when it is killed (SIGKILL cannot be caught): it
    would otherwise go on writing into a staging folder that the next build is to remove, and
    hold the output's lock until it finishes."""
    PR_SET_PDEATHSIG = 1
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:   # the build died before the request above was made
        os._exit(1)


def _run(job) -> tuple[bool, object]:
    try:
        return True, _task(job)
    except Exception as error:   # noqa: BLE001 - handed to the parent, which raises it
        return False, error
