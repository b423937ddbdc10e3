"""Reading the curators' files, which are not trusted: the one way sitegen reads an input file.

A file is read only if it resolves inside the folder it belongs to (a symlink in data/ to a
secret file, or content/…/methodology.md linked to /etc/passwd, would otherwise be published),
is a regular file (a FIFO would block for ever, /dev/zero never ends), and is no larger than
its limit. Text must be UTF-8 (a BOM is allowed) without control characters (a NUL or a
terminal escape sequence is invisible in an editor but reaches HTML, CSV and the terminal);
line ends become LF and text Unicode NFC.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path

from .errors import Issue
from .limits import size_text

# C0 controls but tab and line feed (CR is a line end, normalised first), DEL and C1 controls.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def display_path(path: Path) -> str:
    """The path as the curator typed it: relative to the working folder when inside it (a
    symlink is named by its own path, not by what it points to)."""
    for absolute in (lambda: Path(os.path.abspath(path)), lambda: path.resolve()):
        try:
            return str(absolute().relative_to(Path.cwd().resolve()))
        except (ValueError, OSError, RuntimeError):
            continue
    return str(path)


def read_bytes(path: Path, root: Path, limit: int) -> tuple[bytes | None, list[Issue]]:
    """The bytes of `path`, which must be a regular file inside `root` of at most `limit` bytes."""
    shown = display_path(path)
    try:
        real = path.resolve(strict=True)
        inside = real.is_relative_to(root.resolve(strict=True))
    except FileNotFoundError:
        return None, [Issue(shown, None, None, "missing-file", "file not found",
                            "create it or restore it from version control")]
    except (OSError, RuntimeError) as err:   # a symlink loop, a folder that cannot be searched
        return None, [unreadable(shown, err)]
    if not inside:
        return None, [Issue(shown, None, None, "outside-folder",
                            f"is a link to {display_path(real)}, outside {display_path(root)}/; refusing to read it",
                            "copy the file into the folder instead of linking to it")]
    return read_regular_file(real, shown, limit)


def read_regular_file(real: Path, shown: str, limit: int) -> tuple[bytes | None, list[Issue]]:
    # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer; O_NOFOLLOW:
    # the path was resolved, so a symlink swapped in since then is refused rather than followed.
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(real, flags)
    except OSError as err:
        return None, [unreadable(shown, err)]
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        return None, [Issue(shown, None, None, "not-a-file",
                            "is not a regular file (a folder, a FIFO or a device); refusing to read it",
                            "put an ordinary file in its place")]
    with os.fdopen(fd, "rb") as file:
        try:
            data = file.read(limit + 1)
        except OSError as err:
            return None, [unreadable(shown, err)]
    if len(data) > limit:
        return None, [Issue(shown, None, None, "file-too-large", f"file is larger than {size_text(limit)}, "
                            "the limit for such a file", "the limits are listed in the README, under 'Guarantees'")]
    return data, []


def unreadable(shown: str, err: Exception) -> Issue:
    reason = getattr(err, "strerror", None) or str(err)
    return Issue(shown, None, None, "unreadable-file", f"cannot read file: {reason}", "check the file's permissions")


def read_text(path: Path, root: Path, limit: int) -> tuple[str | None, list[Issue]]:
    """Read a UTF-8 file (a BOM is allowed), normalise line ends to LF and text to NFC."""
    raw, issues = read_bytes(path, root, limit)
    if raw is None:
        return None, issues
    return decode(raw, path)


def decode(raw: bytes, path: Path) -> tuple[str | None, list[Issue]]:
    shown = display_path(path)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        byte = raw[err.start:err.start + 1].hex()
        excel = ", in Excel as 'CSV UTF-8'" if path.suffix == ".csv" else ""
        return None, [Issue(shown, line, None, "encoding-error",
                            f"not UTF-8 text (byte 0x{byte} cannot be decoded)",
                            f"save it again as UTF-8{excel}; Latin-1 and Windows-1258 are not read")]
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    control = CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        return None, [Issue(shown, line, None, "control-character",
                            f"holds the invisible control character U+{ord(control.group()):04X} "
                            f"at character {column} of the line",
                            "delete it: only tabs and line breaks are allowed in text")]
    return text, []
