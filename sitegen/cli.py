"""The `sitegen` command: each subcommand is a few lines that call one function."""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__
from .checking import check_data, require_valid

DATA_OPTION = click.option("--data", "data_dir", default="data", show_default=True,
                           type=click.Path(path_type=Path), help="Folder with datapackage.json and the CSVs.")
STRICT_OPTION = click.option("--strict", is_flag=True, help="Treat consistency warnings as errors.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitegen")
def main() -> None:
    """Build the coverage-targets website from curated CSVs and Markdown."""


@main.command()
@DATA_OPTION
@STRICT_OPTION
def check(data_dir: Path, strict: bool) -> None:
    """Validate the data and report every problem with file and line."""
    checked = check_data(data_dir)
    require_valid(checked, strict)
    for warning in checked.warnings:
        click.echo(warning.format(), err=True)
    click.echo(f"{data_dir}: {len(checked.dataset.observations)} figures OK, "
               f"{len(checked.checks)} consistency warning(s).")
