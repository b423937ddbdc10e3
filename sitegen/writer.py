"""Writing the site safely: the output-folder checks, the lock, the safe join, the staging folder
and the atomic swap (pelican keeps this in its Writer; the rest of the build never touches disk).

Files are written into a staging folder beside the output, which is swapped in with one
atomic rename only when everything was written. A failure or a kill at any point leaves the
previous output as it was; the next build removes what a killed one left behind. Builds into
one output folder are serialised by an OS lock (flock) on a file beside it, held from the
output checks to after the swap: a second build waits up to LOCK_WAIT_SECONDS, then stops
with a clear message; so a staging folder found beside the output while holding the lock
belongs to a build that is gone, and only those are removed. An --out that is a symbolic link
stays one: the site replaces the folder it points to.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator

from . import interrupts, limits
from .errors import Issue, SitegenError, stopped
from .files import display_path

MARKER = ".sitegen"
MARKER_TEXT = b"Built by sitegen. This folder is replaced as a whole on every build.\n"


@dataclass(frozen=True)
class OutputFile:
    path: str   # relative, POSIX
    content: bytes


def absolute_url(base_url: str, path: str) -> str:
    """A path from the site root at the address the site is published at (`--base-url`)."""
    return base_url.rstrip("/") + "/" + path


def relative_url(from_page: str, target: str) -> str:
    """URL of `target` (a path from the site root) as seen from the page at `from_page`:
    one '../' per folder the page is in (quicker than posixpath.relpath, called thousands of times)."""
    return "../" * from_page.count("/") + target


def output_folder_problems(out_dir: Path, inputs: list[Path]) -> list[Issue]:
    """Refuse an --out that sitegen must never replace."""
    return output_location_problems(out_dir, inputs) or output_content_problems(out_dir)


def output_location_problems(out_dir: Path, inputs: list[Path]) -> list[Issue]:
    """The project, a home folder, an input folder or a dangling link: never an output."""
    out = out_dir.resolve()
    shown = str(out_dir)
    protected = {Path("/").resolve(), Path.home().resolve(), Path.cwd().resolve()}
    resolved = [p.resolve() for p in inputs]
    if out in protected or any(out == p or out in p.parents for p in resolved) or out in Path.cwd().resolve().parents:
        return [Issue(shown, None, None, "unsafe-output",
                      "refusing to replace this folder: it is the project, a home folder or holds the inputs",
                      "use a dedicated folder such as output/")]
    if out_dir.is_symlink() and not out.exists():
        return [Issue(shown, None, None, "unsafe-output", f"is a symbolic link to {out}, which does not exist",
                      "create the folder it points to, or remove the link")]
    return []


def output_content_problems(out_dir: Path) -> list[Issue]:
    out, shown = out_dir.resolve(), str(out_dir)
    if out.exists() and not out.is_dir():
        return [Issue(shown, None, None, "unsafe-output", "exists and is not a folder")]
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        return [Issue(shown, None, None, "unsafe-output",
                      "refusing to replace a non-empty folder that sitegen did not create",
                      "choose an empty or new folder, or empty this one yourself")]
    return []


def lock_path(out: Path) -> Path:
    return out.parent / f".{out.name}.sitegen.lock"


@contextmanager
def output_lock(out: Path, shown: str) -> Iterator[None]:
    """Hold the lock of the output folder `out` (resolved) for the block, waiting for it up to
    LOCK_WAIT_SECONDS. The lock file is removed on release, while still locked; a build that
    then gets the lock of the removed file sees that the path no longer names it and locks the
    new file instead."""
    wait = limits.LOCK_WAIT_SECONDS   # read when called, so that a test can shorten it
    path, deadline = lock_path(out), time.monotonic() + wait
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        if not wait_for_lock(fd, deadline):
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise stopped([Issue(shown, None, None, "output-busy",
                                 f"another sitegen build (process {holder}) is writing this folder; "
                                 f"gave up after waiting {wait:g} s", "build again once it has finished")])
        if same_file(fd, path):
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        try:
            path.unlink()
        except OSError:
            pass
        os.close(fd)   # releases the lock


def wait_for_lock(fd: int, deadline: float) -> bool:
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


def same_file(fd: int, path: Path) -> bool:
    try:
        mine, named = os.fstat(fd), os.stat(path)
    except FileNotFoundError:
        return False
    return (mine.st_dev, mine.st_ino) == (named.st_dev, named.st_ino)


def safe_join(root: Path, relative: str) -> Path:
    """root/relative, refusing anything that would land outside root."""
    parts = PurePosixPath(relative).parts
    if not parts or PurePosixPath(relative).is_absolute() or ".." in parts or "\\" in relative:
        raise SitegenError(f"refusing to write '{relative}': it would land outside the output folder")
    return root.joinpath(*parts)


class Stage:
    """The staging folder of one build: files written here appear in the output at the swap."""

    def __init__(self, root: Path):
        self.root = root
        self.count = 0
        self.folders: set[Path] = set()   # made already: a build writes thousands of files into a dozen

    def write(self, file: OutputFile) -> None:
        """Write one file; a second file for the same path is an error, never a silent
        replacement (names are unique by construction; this holds across worker processes too)."""
        target = safe_join(self.root, file.path)
        if target.parent not in self.folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self.folders.add(target.parent)
        try:
            with target.open("xb") as out:
                out.write(file.content)
        except FileExistsError:
            raise stopped([Issue(file.path, None, None, "name-collision", f"two files would be written to {file.path}",
                                 "rename the id or image that produces it")]) from None
        self.count += 1


@contextmanager
def staged_output(out: Path, shown: str) -> Iterator[Stage]:
    """A Stage beside `out` (resolved), swapped in when the block ends normally, removed otherwise.
    The marker file is written last, so only a complete site carries it. Holds the output's lock."""
    stage = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with output_lock(out, shown):
            problems = output_content_problems(out)   # again: the folder may have changed meanwhile
            if problems:
                raise stopped(problems)
            remove_leftovers(out)
            stage = Stage(Path(tempfile.mkdtemp(prefix=f".{out.name}.sitegen-new-", dir=out.parent)))
            yield stage
            stage.write(OutputFile(MARKER, MARKER_TEXT))
            os.chmod(stage.root, 0o755)
            with interrupts.held():   # from the swap on, the build has succeeded: Ctrl-C cannot undo it
                swap_in(stage.root, out)
                shutil.rmtree(stage.root, ignore_errors=True)   # the previous site, after an exchange
    except OSError as err:
        raise stopped([Issue(shown, None, None, "write-error",
                             f"cannot write the site: {err.strerror or err}",
                             "free some space or choose another --out; the previous output is unchanged")]) from None
    finally:
        if stage is not None and stage.root.exists():
            shutil.rmtree(stage.root, ignore_errors=True)


def write_atomically(files: list[OutputFile], out_dir: Path) -> int:
    """Write every file, then swap the site in; returns the number of files written."""
    with staged_output(out_dir.resolve(), display_path(out_dir)) as stage:
        for file in sorted(files, key=lambda f: f.path):
            stage.write(file)
    return stage.count


def remove_leftovers(out: Path) -> None:
    """Staging folders of builds that were killed before they finished (the caller holds the
    lock, so no running build owns one)."""
    for leftover in out.parent.glob(f".{out.name}.sitegen-*"):
        shutil.rmtree(leftover, ignore_errors=True)


RENAME_EXCHANGE = 2


def swap_in(staging: Path, out: Path) -> None:
    """Put `staging` in the place of `out` in one step (Linux renameat2), then drop the old site."""
    if not out.exists():
        staging.rename(out)
        return
    if exchange(staging, out):
        return  # staging now holds the previous site, removed by the caller
    previous = out.parent / f".{out.name}.sitegen-old-{time.monotonic_ns()}"
    out.rename(previous)
    try:
        staging.rename(out)
    except OSError:
        previous.rename(out)  # put the previous site back before reporting the failure
        raise
    shutil.rmtree(previous, ignore_errors=True)  # a leftover is removed by the next build


def exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(libc_name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE)
    if result != 0:
        error = ctypes.get_errno()
        if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # not supported here
            return False
        raise OSError(error, os.strerror(error))
    return True
