"""Errors and issues reported to data curators.

An `Issue` is one problem in one place; `format()` gives the one-line form
`path:line: column 'x': message (hint) [code]` used everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import click

# What must not reach a terminal raw: C0 and C1 controls (a cell holding ESC [ 2 J would clear
# the curator's screen), DEL, and the bidirectional overrides that reorder the text around them.
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, order=True)
class Issue:
    path: str
    line: int | None
    column: str | None
    code: str
    message: str
    hint: str | None = None
    severity: str = "error"  # "error" or "warning"

    def format(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        column = f" column '{self.column}':" if self.column else ""
        hint = f" ({self.hint})" if self.hint else ""
        prefix = "warning: " if self.severity == "warning" else ""
        return visible(f"{where}:{column} {prefix}{self.message}{hint} [{self.code}]")

    def github(self) -> str:
        """The issue as a GitHub Actions annotation: `::error file=…,line=…,title=[code]::message`."""
        where = [f"file={escape_property(self.path)}"] + ([f"line={self.line}"] if self.line else [])
        column = f"column '{self.column}': " if self.column else ""
        hint = f" ({self.hint})" if self.hint else ""
        kind = "warning" if self.severity == "warning" else "error"
        return visible(f"::{kind} {','.join(where)},title={escape_property(f'[{self.code}]')}::"
                       f"{escape_data(column + self.message + hint)}")   # line breaks escaped first


def visible(text: str) -> str:
    """One printable line: control characters and line breaks written as escapes (\\x1b, \\n)."""
    return UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def excerpt(text: str, width: int = 60) -> str:
    """A value as a message quotes it: whole when short, its start when long."""
    return text if len(text) <= width else text[:width] + "…"


def escape_data(text: str) -> str:
    """GitHub's escaping of an annotation's message (its workflow-command rules)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """GitHub's escaping of an annotation's property values (file, title)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def stopped(issues: list[Issue]) -> "SitegenError":
    """The error that stops a build or check because of these problems."""
    count = len(issues)
    return SitegenError(f"{count} error{'s' if count != 1 else ''} found; nothing was built or changed.", issues)


class SitegenError(click.ClickException):
    """A user error: printed as one or more lines without a traceback, exit code 1."""

    exit_code = 1

    def __init__(self, message: str, issues: list[Issue] | None = None):
        super().__init__(message)
        self.issues = issues or []
        self.style = "text"   # or "github": the issues as annotations

    def format_message(self) -> str:
        lines = [issue.github() if self.style == "github" else issue.format() for issue in self.issues]
        lines.append(self.message)
        return "\n".join(lines)

    def show(self, file=None) -> None:
        click.echo(self.format_message(), err=True)

    def __reduce__(self):
        # A build's worker process (workers.py) hands its error to the parent by pickling it.
        return (SitegenError, (self.message, self.issues))


def errors_in(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "error"]


def warnings_in(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "warning"]
