"""Writing the site safely: the output-folder checks, the safe join, the staging folder and
the atomic swap (pelican keeps this in its Writer; the rest of the build never touches disk).

Files are written into a staging folder beside the output, which is swapped in with one
atomic rename only when everything was written. A failure or a kill at any point leaves the
previous output as it was; the next build removes what a killed one left behind.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator

from .errors import Issue, SitegenError, stopped
from .files import display_path

MARKER = ".sitegen"
MARKER_TEXT = b"Built by sitegen. This folder is replaced as a whole on every build.\n"


@dataclass(frozen=True)
class OutputFile:
    path: str   # relative, POSIX
    content: bytes


def output_folder_problems(out_dir: Path, inputs: list[Path]) -> list[Issue]:
    """Refuse an --out that sitegen must never replace."""
    out = out_dir.resolve()
    shown = str(out_dir)
    protected = {Path("/").resolve(), Path.home().resolve(), Path.cwd().resolve()}
    resolved = [p.resolve() for p in inputs]
    if out in protected or any(out == p or out in p.parents for p in resolved) or out in Path.cwd().resolve().parents:
        return [Issue(shown, None, None, "unsafe-output",
                      "refusing to replace this folder: it is the project, a home folder or holds the inputs",
                      "use a dedicated folder such as output/")]
    if out.exists() and not out.is_dir():
        return [Issue(shown, None, None, "unsafe-output", "exists and is not a folder")]
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        return [Issue(shown, None, None, "unsafe-output",
                      "refusing to replace a non-empty folder that sitegen did not create",
                      "choose an empty or new folder, or empty this one yourself")]
    return []


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

    def write(self, file: OutputFile) -> None:
        target = safe_join(self.root, file.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file.content)
        self.count += 1


@contextmanager
def staged_output(out: Path) -> Iterator[Stage]:
    """A Stage beside `out`, swapped in when the block ends normally, removed otherwise.
    The marker file is written last, so only a complete site carries it."""
    out = out.absolute()
    stage = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(out)
        stage = Stage(Path(tempfile.mkdtemp(prefix=f".{out.name}.sitegen-new-", dir=out.parent)))
        yield stage
        stage.write(OutputFile(MARKER, MARKER_TEXT))
        os.chmod(stage.root, 0o755)
        swap_in(stage.root, out)
    except OSError as err:
        raise stopped([Issue(display_path(out), None, None, "write-error",
                             f"cannot write the site: {err.strerror or err}",
                             "free some space or choose another --out; the previous output is unchanged")]) from None
    finally:
        if stage is not None and stage.root.exists():
            shutil.rmtree(stage.root, ignore_errors=True)


def write_atomically(files: list[OutputFile], out: Path) -> int:
    """Write every file, then swap the site in; returns the number of files written."""
    with staged_output(out) as stage:
        for file in sorted(files, key=lambda f: f.path):
            stage.write(file)
    return stage.count


def remove_leftovers(out: Path) -> None:
    """Staging folders of builds that were killed before they finished."""
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
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not supported here
            return False
        raise OSError(errno, os.strerror(errno))
    return True
