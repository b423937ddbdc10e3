"""Errors and issues reported to data curators.

An `Issue` is one problem in one place; `format()` gives the one-line form
`path:line: column 'x': message (hint) [code]` used everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import click


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
        return f"{where}:{column} {prefix}{self.message}{hint} [{self.code}]"

    def github(self) -> str:
        """The issue as a GitHub Actions annotation: `::error file=…,line=…,title=[code]::message`."""
        where = [f"file={escape_property(self.path)}"] + ([f"line={self.line}"] if self.line else [])
        column = f"column '{self.column}': " if self.column else ""
        hint = f" ({self.hint})" if self.hint else ""
        kind = "warning" if self.severity == "warning" else "error"
        return (f"::{kind} {','.join(where)},title={escape_property(f'[{self.code}]')}::"
                f"{escape_data(column + self.message + hint)}")


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


def errors_in(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "error"]


def warnings_in(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "warning"]
