"""The history of the data: which figures each commit that touched data/ added, revised or removed.

Input: the data folder and the primary key of observations.csv. Output: a `History` read from
git (two `git` processes and one `git cat-file --batch`, whatever the number of commits): the last
LIMIT commits of the data folder along the first-parent line (a merged pull request is one
change), newest first, each with its committer date and subject, and the figures compared with
its parent's observations.csv by primary key. Nothing depends on the clock or the machine: the same
repository state gives the same history. When there is no history to read (git missing, not a
repository, a shallow clone) the History says why, as a notice code.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .i18n import N_

LIMIT = 50
OBSERVATIONS = "observations.csv"
COMPARED = ("value", "qualifier", "quote", "note")   # a figure is revised when one of these changes (`differs`)
NO_BLOB = "0" * 40
NOTICES = {
    "no-git": N_("The history of the data is not shown: git was not found where this site was built."),
    "not-a-repository": N_("The history of the data is not shown: the data folder this site was built from is not "
                           "in a git repository."),
    "shallow": N_("The history of the data is not shown: the site was built from a shallow clone, which lacks the "
                  "earlier commits (on GitHub Actions, check out with fetch-depth: 0)."),
    "no-commits": N_("No commit has changed the data yet."),
}


@dataclass(frozen=True)
class FigureChange:
    status: str                   # "added", "revised" or "removed"
    key: dict[str, str]           # the observation's primary key
    old: dict[str, str] | None    # the row before (revised, removed)
    new: dict[str, str] | None    # the row after (added, revised)

    @property
    def row(self) -> dict[str, str]:
        return self.new or self.old


@dataclass(frozen=True)
class Commit:
    hash: str
    date: str                  # the committer date, ISO 8601 with its offset
    subject: str               # the first line of the message
    changes: list[FigureChange] = field(default_factory=list)
    other_files: list[str] = field(default_factory=list)   # other files of the data folder it changed


@dataclass(frozen=True)
class History:
    commits: list[Commit]
    more: bool = False          # older commits than LIMIT are left out
    notice: str | None = None   # a key of NOTICES when there is nothing to show


def git(folder: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """git's output; the options given fix its format, whatever the user's configuration."""
    return subprocess.run(["git", "-C", str(folder), *args], input=stdin, capture_output=True, check=True,
                          env={**os.environ, "LC_ALL": "C"}).stdout


def read_history(folder: Path, key: list[str]) -> History:
    return history_of(read_log(folder), key)


@dataclass(frozen=True)
class GitLog:
    """What git says of the data folder, before its figures are compared (history_of): a build
    reads it while the data is read and analysed, since git mostly waits."""
    records: list[tuple] = field(default_factory=list)   # parse_log's, newest first
    blobs: dict[str, str] = field(default_factory=dict)  # the observations.csv of each, by blob id
    notice: str | None = None


def read_log(folder: Path) -> GitLog:
    try:
        shallow, prefix = git(folder, "rev-parse", "--is-shallow-repository", "--show-prefix").decode().split("\n")[:2]
    except FileNotFoundError:
        return GitLog(notice="no-git")
    except (subprocess.CalledProcessError, ValueError):
        return GitLog(notice="not-a-repository")
    if shallow == "true":
        return GitLog(notice="shallow")
    raw = git(folder, "log", "--first-parent", "--diff-merges=first-parent", "--raw", "--no-abbrev", "--no-renames",
              "-z", "--format=%x1e%H%x1f%cI%x1f%s", f"-n{LIMIT + 1}", "--", ".")
    records = parse_log(raw.decode("utf-8", "replace"), prefix)
    if not records:
        return GitLog(notice="no-commits")
    return GitLog(records, read_blobs(folder, {b for r in records for b in r[3] if b and b != NO_BLOB}))


def history_of(log: GitLog, key: list[str]) -> History:
    """The figures each commit added, revised or removed, by the primary key of observations.csv."""
    if log.notice:
        return History([], notice=log.notice)
    commits = [Commit(h, d, s, figure_changes(log.blobs.get(old, ""), log.blobs.get(new, ""), key)
                      if (old, new) != ("", "") else [], others) for h, d, s, (old, new), others in log.records[:LIMIT]]
    return History(commits, more=len(log.records) > LIMIT)


def parse_log(text: str, prefix: str) -> list[tuple]:
    """(hash, date, subject, (old blob, new blob) of observations.csv or ("", ""), other files) per commit."""
    records = []
    for record in text.split("\x1e")[1:]:
        header, _, raw = record.partition("\0")
        commit, date, subject = (header.split("\x1f") + ["", ""])[:3]
        tokens = [t.strip("\n") for t in raw.split("\0")]
        blobs, others = ("", ""), []
        for meta, path in zip(tokens[0::2], tokens[1::2]):
            name = path[len(prefix):] if path.startswith(prefix) else path
            if name == OBSERVATIONS and meta.startswith(":"):
                blobs = tuple(meta.split()[2:4])
            elif name:
                others.append(name)
        records.append((commit, date, subject, blobs, sorted(others)))
    return records


def read_blobs(folder: Path, ids: set[str]) -> dict[str, str]:
    """The text of each blob, from one `git cat-file --batch`."""
    ordered = sorted(ids)
    if not ordered:
        return {}
    out = git(folder, "cat-file", "--batch", stdin="".join(f"{i}\n" for i in ordered).encode())
    texts, at = {}, 0
    for blob in ordered:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) < 3:          # "<id> missing": not in this clone
            at = end + 1
            continue
        size = int(header[2])
        texts[blob] = out[end + 1:end + 1 + size].decode("utf-8", "replace").lstrip("\ufeff")
        at = end + 1 + size + 1
    return texts


def rows_by_key(text: str, key: list[str]) -> dict[tuple, dict[str, str]]:
    rows = csv.DictReader(io.StringIO(text.replace("\r\n", "\n")))
    return {tuple((row.get(k) or "").strip() for k in key): row for row in rows if row}


def differs(before: dict[str, str], after: dict[str, str], column: str) -> bool:
    """Whether a column of COMPARED changed between two rows. The note is compared in each language;
    older files had one `note` column, in English, so splitting it into note_vi and note_en
    revises nothing, and a note_vi is compared once both rows have one."""
    if column != "note":
        return (before.get(column) or "") != (after.get(column) or "")
    old_en, new_en = (row.get("note_en", row.get("note")) or "" for row in (before, after))
    both_vi = "note_vi" in before and "note_vi" in after
    return old_en != new_en or (both_vi and (before["note_vi"] or "") != (after["note_vi"] or ""))


def figure_changes(old_text: str, new_text: str, key: list[str]) -> list[FigureChange]:
    """Added, revised and removed figures, in the order of the newer file (removed ones last)."""
    old, new = rows_by_key(old_text, key), rows_by_key(new_text, key)
    changes = []
    for k, row in new.items():
        before = old.get(k)
        if before is None:
            changes.append(FigureChange("added", dict(zip(key, k)), None, row))
        elif any(differs(before, row, c) for c in COMPARED):
            changes.append(FigureChange("revised", dict(zip(key, k)), before, row))
    changes += [FigureChange("removed", dict(zip(key, k)), row, None) for k, row in old.items() if k not in new]
    return changes
