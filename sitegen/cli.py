"""The `sitegen` command: each subcommand is a few lines that call one function.

The stages (and pandas, Altair, Jinja) are imported inside the commands, so that Ctrl-C while
they load is reported like any other interruption, without a traceback.
"""

from __future__ import annotations

from pathlib import Path

import click

from . import __version__, interrupts
from .config import SiteConfig

DATA_OPTION = click.option("--data", "data_dir", default="data", show_default=True,
                           type=click.Path(path_type=Path), help="Folder with datapackage.json and the CSVs.")
STRICT_OPTION = click.option("--strict", is_flag=True, help="Treat consistency warnings as errors.")


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
@STRICT_OPTION
def check(data_dir: Path, strict: bool) -> None:
    """Validate the data and report every problem with file and line."""
    try:
        from .checking import check_data, require_valid

        checked = check_data(data_dir)
    except KeyboardInterrupt:
        raise Interrupted("Interrupted; nothing was checked.") from None
    require_valid(checked, strict)
    for warning in checked.warnings:
        click.echo(warning.format(), err=True)
    click.echo(f"{data_dir}: {len(checked.dataset.observations)} figures OK, "
               f"{len(checked.checks)} consistency warning(s).")


@main.command()
@DATA_OPTION
@click.option("--content", "content_dir", default="content", show_default=True,
              type=click.Path(path_type=Path), help="Folder with the Markdown commentary (vi/, en/).")
@click.option("--templates", "templates_dir", default=None, type=click.Path(path_type=Path),
              help="Folder searched before the bundled templates (trusted: templates are code).")
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(path_type=Path),
              help="Folder the site is written to (replaced as a whole).")
@click.option("--base-url", default=None, help="Public URL of the site, for sitemap.xml and canonical links.")
@STRICT_OPTION
def build(data_dir, content_dir, templates_dir, out_dir, base_url, strict) -> None:
    """Validate the data, then write the static site."""
    config = SiteConfig(data_dir, content_dir, templates_dir, out_dir, base_url, strict)
    with interrupts.command() as state:
        try:
            from .build import build_site

            report = build_site(config)
        except KeyboardInterrupt:
            raise Interrupted(f"Interrupted; nothing was built or changed ({out_dir}/ is as it was).") from None
        for warning in report.warnings:
            click.echo(warning.format(), err=True)
        click.echo(f"Built {report.pages} pages ({report.files} files) in {report.out_dir}/")
        if state.interrupted:
            click.echo("(Ctrl-C came once the new site was in place: the build had already succeeded.)", err=True)


@main.command()
@click.option("--out", "out_dir", default="output", show_default=True, type=click.Path(path_type=Path))
@click.option("--port", default=8000, show_default=True, type=int)
def serve(out_dir: Path, port: int) -> None:
    """Serve the built site on 127.0.0.1 for a look in the browser."""
    import functools
    import http.server

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        click.echo(f"Serving {out_dir}/ at http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        server.serve_forever()
