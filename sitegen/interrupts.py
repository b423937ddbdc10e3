"""Ctrl-C: before the new site is swapped in, it stops the build and nothing has changed; from the
swap on, the build has succeeded, so Ctrl-C is held (noted, not raised) until the command ends
and the command reports success (click would print "Aborted!" and exit 1, as if nothing had
changed, although the new site is already in place).
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator


class _State:
    command = False          # a command (cli.py) is running and will release the hold at its end
    interrupted = False      # Ctrl-C came while held
    previous = None          # the SIGINT handler to restore


_state = _State()


def _note(signum, frame) -> None:
    _state.interrupted = True


def _hold() -> None:
    if _state.previous is None and threading.current_thread() is threading.main_thread():
        _state.previous = signal.signal(signal.SIGINT, _note)


def _release() -> None:
    if _state.previous is not None:
        signal.signal(signal.SIGINT, _state.previous)
        _state.previous = None


@contextmanager
def command() -> Iterator[_State]:
    """The span of one CLI command: a hold begun inside it lasts until it ends."""
    _state.command, _state.interrupted = True, False
    try:
        yield _state
    finally:
        _release()
        _state.command = False


@contextmanager
def held() -> Iterator[None]:
    """Ctrl-C is noted, not raised, from here to the end of the block (or of the command)."""
    _hold()
    try:
        yield
    finally:
        if not _state.command:
            _release()
