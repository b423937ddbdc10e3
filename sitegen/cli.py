"""The `sitegen` command: each subcommand is a few lines that call one function.

The stages (and pandas, Altair, Jinja) are imported inside the commands, so that Ctrl-C while
they load is reported like any other interruption, without a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__, interrupts
from .config import Project, SiteConfig
from .errors import stopped
from .reporting import Reporter

DATA_OPTION = click.option("--data", "data_dir", default="data", show_default=True,
                           type=click.Path(path_type=Path), help="Folder with datapackage.json and the CSVs.")
CONTENT_OPTION = click.option("--content", "content_dir", default="content", show_default=True,
                              type=click.Path(path_type=Path), help="Folder with the Markdown commentary (vi/, en/).")
TEMPLATES_OPTION = click.option("--templates", "templates_dir", default=None, type=click.Path(path_type=Path),
                                help="Folder searched before the bundled templates (trusted: templates are code).")
OUT_OPTION = click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(path_type=Path),
                          help="Folder the site is written to (replaced as a whole).")
STRICT_OPTION = click.option("--strict", is_flag=True,
                             help="Fail on warnings not accepted in the project file (and on accepted ones "
                                  "that no longer occur).")
CONFIG_OPTION = click.option("--config", "config_file", default=None, type=click.Path(path_type=Path),
                             help="The project file  [default: sitegen.toml, when there is one]")


def verbosity_options(command):
    command = click.option("-v", "--verbose", is_flag=True, help="Say more: accepted warnings, stage times.")(command)
    return click.option("-q", "--quiet", is_flag=True, help="Print errors only.")(command)


def reporter(quiet: bool, verbose: bool, style: str = "text") -> Reporter:
    return Reporter(style, -1 if quiet else 1 if verbose else 0)


def load_project(config_file: Path | None) -> Project:
    """The project file's settings, or a SitegenError listing what is wrong with it."""
    from .project import read_project   # it reads the checks' codes, which load pandas

    project, issues = read_project(config_file)
    if issues:
        raise stopped(issues)
    return project


class Interrupted(click.ClickException):
    """Ctrl-C before anything changed: exit 130, as shells report an interrupted command."""

    exit_code = 130

    def show(self, file=None) -> None:
        click.echo(self.format_message(), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitegen")
def main() -> None:
    """Build the coverage-targets website from curated CSVs and Markdown."""


@main.command()
@DATA_OPTION
@CONTENT_OPTION
@STRICT_OPTION
@click.option("--format", "style", type=click.Choice(["text", "github"]), default="text", show_default=True,
              help="'github': problems as GitHub Actions annotations (::error file=…,line=…::…).")
@CONFIG_OPTION
@verbosity_options
def check(data_dir: Path, content_dir: Path, strict: bool, style: str, config_file: Path | None,
          quiet: bool, verbose: bool) -> None:
    """Validate the data and the commentary; report every problem with file and line."""
    report = reporter(quiet, verbose, style)
    with report.errors():
        try:
            project = load_project(config_file)
            from .checking import check_project

            checked, reviewed = check_project(data_dir, content_dir, project, strict)
        except KeyboardInterrupt:
            raise Interrupted("Interrupted; nothing was checked.") from None
    report.warnings(reviewed.new + reviewed.stale)
    for issue in reviewed.accepted:
        report.detail(f"accepted in {project.path}: {issue.format()}")
    accepted = f", {len(reviewed.accepted)} of them accepted in {project.path}" if project.accepted_warnings else ""
    report.summary(f"{data_dir}: {len(checked.dataset.observations)} figures OK, "
                   f"{len(checked.checks)} consistency warning(s){accepted}.")


@main.command()
@DATA_OPTION
@CONTENT_OPTION
@TEMPLATES_OPTION
@OUT_OPTION
@click.option("--base-url", default=None, help="Public URL of the site, for sitemap.xml and canonical links "
                                               "(overrides the project file's base_url).")
@STRICT_OPTION
@CONFIG_OPTION
@verbosity_options
def build(data_dir, content_dir, templates_dir, out_dir, base_url, strict, config_file, quiet, verbose) -> None:
    """Validate the data, then write the static site."""
    report = reporter(quiet, verbose)
    progress = report.progress()
    with interrupts.command() as state, report.errors():
        try:
            config = SiteConfig(data_dir, content_dir, templates_dir, out_dir, base_url, strict,
                                load_project(config_file))
            from .build import build_site

            result = build_site(config, progress)
        except KeyboardInterrupt:
            raise Interrupted(f"Interrupted; nothing was built or changed ({out_dir}/ is as it was).") from None
        finally:
            progress.done()
        report.warnings(result.warnings)
        report.summary(f"Built {result.pages} pages ({result.files} files) in {result.out_dir}/")
        if state.interrupted:
            click.echo("(Ctrl-C came once the new site was in place: the build had already succeeded.)", err=True)


@main.command()
@DATA_OPTION
@CONTENT_OPTION
@TEMPLATES_OPTION
@OUT_OPTION
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port on 127.0.0.1.")
@click.option("--no-watch", is_flag=True, help="Build once and serve, without watching for changes.")
@CONFIG_OPTION
@verbosity_options
def serve(data_dir, content_dir, templates_dir, out_dir, port, no_watch, config_file, quiet, verbose) -> None:
    """Build, serve on 127.0.0.1, and rebuild and reload the browser when an input changes."""
    from .serve import preview

    report = reporter(quiet, verbose)
    with report.errors():
        config = SiteConfig(data_dir, content_dir, templates_dir, out_dir, None, False, load_project(config_file))
        preview(config, config_file, port, not no_watch, report)


@main.command()
@click.argument("folder", default=".", type=click.Path(path_type=Path))
@verbosity_options
def init(folder: Path, quiet: bool, verbose: bool) -> None:
    """Start a new project in FOLDER (default: here): sitegen.toml, data, content, workflows."""
    from .scaffold import init_project

    report = reporter(quiet, verbose)
    written = init_project(folder)
    for path in written:
        report.detail(f"wrote {folder / path}")
    where = "" if folder == Path(".") else f"cd {folder} && "
    report.summary(f"Created a sitegen project in {folder}/ ({len(written)} files). Next: {where}sitegen build, "
                   "or sitegen serve for a live preview.")


def run() -> None:
    """The `sitegen` program (pyproject's entry point): `main`, then leave at once. Tearing the
    interpreter down would free every object of the build one at a time (~0.2 s of a 2 s build,
    more at scale) for nothing, since the system takes the memory back. By then every file is
    closed and the workers are gone; the output streams are flushed here."""
    try:
        main()
    except SystemExit as finished:
        code = finished.code if isinstance(finished.code, int) else 0 if finished.code is None else 1
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):   # a closed pipe (sitegen check | head)
                pass
        os._exit(code)
