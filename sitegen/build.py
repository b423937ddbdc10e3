"""Orchestration of `sitegen build` and the atomic write.

Everything is read, checked and rendered in memory first; only then are the
files written to a temporary folder beside the output, which is swapped in with
one atomic rename. A failure at any point leaves the previous output untouched.
"""

from __future__ import annotations

import csv
import ctypes
import ctypes.util
import io
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from datetime import date, datetime, timezone
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import escape as xml_escape

from .analysis import compute_metrics, data_date, metrics_frame
from .checking import check_data, require_valid
from .config import SITE_TITLE, SiteConfig, cache_dir
from .content import load_content
from .data import display_path, read_text
from .errors import Issue, SitegenError, stopped
from .i18n import LANGUAGES, language
from .pages import Page, build_pages
from .render import OutputFile, bundled_templates, render_pages
from .sitedata import SiteData

MARKER = ".sitegen"
MARKER_TEXT = b"Built by sitegen. This folder is replaced as a whole on every build.\n"
FIGURE_COLUMNS = ["locality", "subdivision", "indicator", "period", "kind", "value", "unit", "qualifier", "source"]
CHECK_COLUMNS = ["severity", "code", "locality", "indicator", "period", "message"]


@dataclass
class BuildReport:
    pages: int
    files: int
    warnings: list[Issue]
    out_dir: Path


def build_site(config: SiteConfig) -> BuildReport:
    problems = config.problems() + output_folder_problems(config)
    if problems:
        raise stopped(problems)
    checked = check_data(config.data_dir)
    documents, content_issues = load_content(config.content_dir, LANGUAGES)
    if checked.errors or content_issues:
        raise stopped(checked.errors + content_issues)  # every problem of data and content at once
    require_valid(checked, config.strict)
    dataset = checked.dataset
    metrics = compute_metrics(dataset.observations, dataset.sources)
    site = SiteData(localities=dataset.localities.set_index("id", drop=False),
                    indicators=dataset.indicators.set_index("id", drop=False),
                    sources=dataset.sources.set_index("id", drop=False),
                    observations=dataset.observations, metrics=metrics, checks=checked.checks,
                    documents=documents)
    pages = [page for code in LANGUAGES for page in build_pages(site, language(code))]
    assets = asset_files()
    asset_paths = {name: file.path for name, file in assets.items()}
    html = render_pages(pages, config.templates_dir, SITE_TITLE, asset_paths, config.base_url,
                        data_date(site.observations, site.sources), build_date(site))
    files = (html + list(assets.values()) + data_files(config, site, metrics) + chart_files(pages)
             + [OutputFile(".nojekyll", b""), OutputFile(MARKER, MARKER_TEXT)])
    if config.base_url:
        files.append(OutputFile("sitemap.xml", sitemap(pages, config.base_url)))
    write_atomically(files, config.out_dir)
    return BuildReport(len(pages), len(files), checked.warnings, config.out_dir)


def build_date(site: SiteData) -> date | None:
    """SOURCE_DATE_EPOCH as a date, when set (CI sets it to the commit time)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).date()
    return None


# ---------------------------------------------------------------- the files besides pages

def asset_files() -> dict[str, OutputFile]:
    static = bundled_templates() / "static"
    return {"site.css": OutputFile("assets/site.css", (static / "site.css").read_bytes()),
            "site.js": OutputFile("assets/site.js", (static / "site.js").read_bytes()),
            "vega.js": vega_bundle()}


def vega_bundle() -> OutputFile:
    """vega, vega-lite and vega-embed from vl-convert, wrapped so its top-level names stay private.

    Bundling takes vl-convert about two seconds, so the result is cached per vl-convert version."""
    version = metadata.version("vl-convert-python")
    cache = cache_dir() / f"vega-{version}.js"
    try:
        content = cache.read_bytes()
    except OSError:
        import vl_convert

        content = ("(() => {\n" + vl_convert.javascript_bundle() + "\n})();\n").encode("utf-8")
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            temporary = cache.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(content)
            temporary.replace(cache)
        except OSError:
            pass  # a read-only home only costs time
    return OutputFile(f"assets/vega-{version}.js", content)


def csv_bytes(columns: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def canonical(value) -> str:
    """29.72, 17404: the number as the CSVs write it; empty for None."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def data_files(config: SiteConfig, site: SiteData, metrics) -> list[OutputFile]:
    files = []
    for name in ["datapackage.json", "localities.csv", "indicators.csv", "sources.csv", "observations.csv"]:
        text, _ = read_text(config.data_dir / name)  # normalised: UTF-8, LF, NFC
        files.append(OutputFile(f"data/{name}", text.encode("utf-8")))
    observations = site.observations.sort_values("_line")
    files.append(OutputFile("data/figures.csv", csv_bytes(
        FIGURE_COLUMNS, [[canonical(v) for v in row] for row in observations[FIGURE_COLUMNS].itertuples(index=False)])))
    files.append(OutputFile("data/checks.csv", csv_bytes(
        CHECK_COLUMNS, [[c.severity, c.code, c.locality, c.indicator, c.period, c.message] for c in site.checks])))
    frame = metrics_frame(metrics)
    files.append(OutputFile("data/metrics.csv", csv_bytes(
        list(frame.columns), [[canonical(v) for v in row] for row in frame.itertuples(index=False)])))
    return files


def chart_files(pages: list[Page]) -> list[OutputFile]:
    """One CSV per chart (canonical numbers, language of the root site), for download."""
    files = {}
    for page in pages:
        if page.lang != LANGUAGES[0]:
            continue
        for chart in page_charts(page):
            rows = [[r["series"], r["kind"], r["date"], canonical(float(r["value"])), r["value_label"],
                     r["source_label"]] for r in chart["rows"]]
            files[chart["csv"]] = OutputFile(chart["csv"], csv_bytes(
                ["series", "kind", "date", "value", "label", "source"], rows))
    return list(files.values())


def page_charts(page: Page) -> list[dict]:
    context = page.context
    charts = list(context.get("charts", [])) + [context.get("main_chart"), context.get("multiples")]
    charts += [section["chart"] for section in context.get("sections", [])]
    return [c for c in charts if c]


def sitemap(pages: list[Page], base_url: str) -> bytes:
    root = base_url.rstrip("/") + "/"
    by_name: dict[str, list[Page]] = {}
    for page in pages:
        if page.name != "404.html":
            by_name.setdefault(page.name, []).append(page)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for name in sorted(by_name):
        for page in by_name[name]:
            lines.append(f"  <url><loc>{xml_escape(root + page.path)}</loc>")
            for other in by_name[name]:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{other.lang}" '
                             f'href="{xml_escape(root + other.path)}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


# ---------------------------------------------------------------- writing safely

def output_folder_problems(config: SiteConfig) -> list[Issue]:
    """Refuse an --out that sitegen must never replace."""
    out = config.out_dir.resolve()
    shown = str(config.out_dir)
    protected = {Path("/").resolve(), Path.home().resolve(), Path.cwd().resolve()}
    inputs = [p.resolve() for p in (config.data_dir, config.content_dir, config.templates_dir) if p]
    if out in protected or any(out == p or out in p.parents for p in inputs) or out in Path.cwd().resolve().parents:
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


def write_atomically(files: list[OutputFile], out: Path) -> None:
    """Write every file to a staging folder beside `out`, then swap it in; on any failure
    the staging folder is removed and `out` is as it was."""
    out = out.absolute()
    staging = None
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        remove_leftovers(out)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.sitegen-new-", dir=out.parent))
        for file in sorted(files, key=lambda f: f.path):
            target = safe_join(staging, file.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.content)
        os.chmod(staging, 0o755)
        swap_in(staging, out)
    except OSError as err:
        raise stopped([Issue(display_path(out), None, None, "write-error",
                             f"cannot write the site: {err.strerror or err}",
                             "free some space or choose another --out; the previous output is unchanged")]) from None
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


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
