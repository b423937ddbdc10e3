"""What the commands print: issues as text or as GitHub annotations, -q/--quiet and -v/--verbose,
and a progress line on a terminal for builds that take more than a couple of seconds.

Warnings and errors go to stderr, the one-line summary to stdout. The progress line is written
only when stderr is a terminal, so tests and CI logs stay byte-stable.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Iterator

import click

from .errors import Issue, SitegenError

PROGRESS_AFTER = 2.0   # seconds: quicker builds show no progress at all


class Reporter:
    def __init__(self, style: str = "text", verbosity: int = 0):
        self.style = style          # "text" or "github"
        self.verbosity = verbosity  # -1 quiet, 0 normal, 1 verbose

    def line(self, issue: Issue) -> str:
        return issue.github() if self.style == "github" else issue.format()

    def warnings(self, issues: list[Issue]) -> None:
        if self.verbosity >= 0:
            for issue in issues:
                click.echo(self.line(issue), err=True)

    def summary(self, text: str) -> None:
        if self.verbosity >= 0:
            click.echo(text)

    def detail(self, text: str) -> None:
        """Only with --verbose."""
        if self.verbosity > 0:
            click.echo(text, err=True)

    @contextmanager
    def errors(self) -> Iterator[None]:
        """A SitegenError raised inside is printed in this reporter's style."""
        try:
            yield
        except SitegenError as err:
            err.style = self.style
            raise

    def progress(self) -> "Progress":
        return Progress(enabled=self.verbosity >= 0 and sys.stderr.isatty(), verbose=self.verbosity > 0)


class Progress:
    """`progress("rendering", 12, 456)`: one line, rewritten in place, once the build has taken
    PROGRESS_AFTER seconds; with --verbose, each stage's start time on a line of its own."""

    def __init__(self, enabled: bool, verbose: bool = False):
        self.enabled, self.verbose = enabled, verbose
        self.start = time.monotonic()
        self.shown = False
        self.stage = ""

    def __call__(self, stage: str, done: int = 0, total: int = 0) -> None:
        elapsed = time.monotonic() - self.start
        if self.verbose and stage != self.stage:
            click.echo(f"{elapsed:6.2f}s {stage}", err=True)
        self.stage = stage
        if not self.enabled or elapsed < PROGRESS_AFTER or self.verbose:
            return
        counter = f" {done}/{total}" if total else ""
        click.echo(f"\r\033[K{stage}…{counter}", err=True, nl=False)
        self.shown = True

    def done(self) -> None:
        if self.shown:
            click.echo("\r\033[K", err=True, nl=False)
            self.shown = False
