"""Orchestration of `sitegen build`: each stage is a function of its own module.

config -> check (read, validate, consistency) -> analyse -> for each language (workers.py):
pages -> render -> write -> swap. Everything is read and checked before anything is written;
pages are written as they are rendered into a staging folder (writer.py), which is swapped in
atomically at the end, so a failure at any point leaves the previous output.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Callable

from .analysis import analyse, data_date
from .cache import cached
from .cards import HOME_CARD, Card, cached_card_file, drawn_card_file, page_card
from .changes import changes_pages
from .checking import CheckedData, Review, check_content, check_data, require_valid, review
from .config import SiteConfig
from .content import Document, image_files, load_content
from .errors import Issue, stopped
from .files import display_path
from .history import History, history_of, read_log
from .i18n import language
from .pages import embed_pages, page_plan
from .linked_data import Catalogue
from .published import chart_files, data_file_paths, data_files, metric_files
from .render import Renderer, SiteFacts, bundled_templates, render_sitemap
from .sharing import EMBED_SCRIPT
from .sitedata import SiteData
from .workers import run_all
from .writer import OutputFile, Stage, output_folder_problems, staged_output


@dataclass
class BuildReport:
    pages: int
    files: int
    warnings: list[Issue]     # new warnings (not accepted in sitegen.toml) and stale accepted entries
    out_dir: Path
    accepted: list[Issue] = field(default_factory=list)   # warnings accepted in sitegen.toml


def build_site(config: SiteConfig, progress: Callable[..., None] | None = None) -> BuildReport:
    """Read, check and analyse, then make, render and write the pages one at a time into the
    staging folder (one worker per language where possible), and swap the site in;
    `progress(stage, done, total)` hears how far it has got (shown on a terminal)."""
    progress = progress or (lambda *args: None)
    with ThreadPoolExecutor(max_workers=1) as beside:   # git mostly waits: it reads the log meanwhile
        log = beside.submit(read_log, config.data_dir)
        checked, documents, reviewed = read_inputs(config, progress)
        progress("analysing")
        today = config.assessment_date   # once: the clock may pass midnight during the build
        site = site_data(checked, documents, today)
    # The thread has ended: the workers are forked from a single thread.
    history = history_of(log.result(), checked.dataset.tables["observations"].schema.get("primaryKey") or [])
    assets = asset_files()
    asset_paths = {name: f.path for name, f in assets.items()} | {"vega.js": vega_bundle_path()}
    facts = SiteFacts(config.project, asset_paths, config.site_url, site.data_date,
                      config.build_date, config.project.data_licence or data_licence(checked.dataset.descriptor),
                      today)
    static = static_files(config, documents, assets)
    with staged_output(config.out_dir.resolve(), display_path(config.out_dir)) as stage:
        for file in static:
            stage.write(file)
        run = BuildRun(config, checked, site, history, facts, stage, progress, data_catalogue(config, checked, facts))
        progress("rendering")
        done = run_all(publish, run, [*config.project.languages, *DATA_JOBS])
        pages = [page for published in done for page in published.pages]
        finished = finish(run, [card for published in done for card in published.undrawn_cards])
        sitemap = [render_sitemap(pages, config.templates_dir, config.site_url)] if config.site_url else []
        for file in sitemap:
            stage.write(file)
        progress("writing")
    # Counted from what each part wrote, not from the stage: a worker's writes are not seen by this
    # process's stage, while jobs run here are; the build's marker file is not part of the site.
    written = len(static) + len(sitemap) + finished + sum(published.files for published in done)
    return BuildReport(len(pages), written, reviewed.failing, config.out_dir, reviewed.accepted)


def read_inputs(config: SiteConfig, progress: Callable[..., None]) -> tuple[CheckedData, dict, Review]:
    """The checked data, the commentary and the review of the warnings, or a SitegenError that
    lists every problem of the options, the data and the content at once."""
    problems = config.problems() + output_folder_problems(config.out_dir, config.inputs)
    if problems:
        raise stopped(problems)
    progress("reading")
    checked = check_data(config.data_dir)
    languages = config.project.languages
    documents, content_issues = load_content(config.content_dir, languages)
    if checked.errors or content_issues:
        raise stopped(checked.errors + content_issues)  # every problem of data and content at once
    reviewed = review(checked, config.project, check_content(config.content_dir, checked, languages))
    require_valid(checked, config.strict, reviewed)
    return checked, documents, reviewed


def static_files(config: SiteConfig, documents: dict, assets: dict[str, OutputFile]) -> list[OutputFile]:
    """The files that need no work: assets, the commentary's images."""
    images = [OutputFile(path, data) for path, data in image_files(documents, config.project.languages).items()]
    return list(assets.values()) + images + [OutputFile(".nojekyll", b"")]


# The jobs of files that are not pages, after the one job per language: the data files, in two
# jobs of about equal length, so that the two workers of a two-core machine share them once their
# languages are done.
DATA_JOBS = {"data": lambda run: data_files(run.checked.dataset, run.site),
             "metrics": lambda run: metric_files(run.site)}


@dataclass
class BuildRun:
    """What the jobs of a build share (a worker process inherits it, see workers.py)."""
    config: SiteConfig
    checked: CheckedData
    site: SiteData
    history: History
    facts: SiteFacts
    stage: Stage
    progress: Callable[..., None]
    catalogue: Catalogue = field(default_factory=Catalogue)


def data_catalogue(config: SiteConfig, checked: CheckedData, facts: SiteFacts) -> Catalogue:
    """What the data page describes as a schema.org Dataset (linked_data.py)."""
    licence = facts.data_licence
    return Catalogue(tuple(data_file_paths(checked.dataset)), licence["path"] if licence else None,
                     config.project.publisher or "", config.site_url, config.project.description)


@dataclass(frozen=True)
class PublishedPage:
    lang: str
    name: str
    path: str


@dataclass(frozen=True)
class Published:
    """What one job wrote, and the social cards its pages need that the cache did not have."""
    pages: list[PublishedPage]
    files: int
    undrawn_cards: list[Card] = field(default_factory=list)


def publish(run: BuildRun, job: str) -> Published:
    make_files = DATA_JOBS.get(job)
    if make_files:
        files = make_files(run)
        for file in files:
            run.stage.write(file)
        return Published([], len(files))
    return publish_language(run, job)


def publish_language(run: BuildRun, code: str) -> Published:
    """Make, render and write every page of one language, one at a time, with its charts' CSVs
    (in that language: data/charts/<chart>-<language>.csv), embed pages (embed/<chart>.html) and
    social card (cards/<page>-<language>.png) when the cache has it."""
    lang, languages = language(code), run.config.project.languages
    changes = changes_pages(run.site, lang, run.history, run.config.site_url)
    plan = page_plan(run.site, lang, run.config.project.title[code], run.catalogue) + [lambda page=page: page for page in changes]
    renderer, pages, files, home_card, undrawn = Renderer(run.config.templates_dir, run.facts), [], 0, None, []
    for done, make in enumerate(plan):
        if code == languages[0] and done and done % 20 == 0:   # one worker speaks for all
            run.progress("rendering", done * len(languages), len(plan) * len(languages))
        page = make()
        card = page_card(page, lang, run.config.project.title[code], run.facts.data_date)
        home_card = card if page.name == HOME_CARD else home_card   # the plan makes the home page first
        embeds = embed_pages(page)
        card_file = cached_card_file(card) if card else None
        undrawn += [card] if card and not card_file else []
        written = [OutputFile(page.path, renderer.render(page, card or home_card)), *chart_files(page),
                   *(OutputFile(e.path, renderer.render(e, card or home_card)) for e in embeds),
                   *([card_file] if card_file else [])]
        for file in written:
            run.stage.write(file)
        pages += [PublishedPage(p.lang, p.name, p.path) for p in (page, *embeds)]
        files += len(written)
    return Published(pages, files, undrawn)


CARD_SHARES = 4   # the cards to draw are shared out in this many jobs, taken by the workers as they come free
VEGA = "vega"


def finish(run: BuildRun, cards: list[Card]) -> int:
    """Write the Vega runtime bundle and draw the cards no cache had, on every worker, once the
    pages are written; returns the number of files. The two take long only on a first build
    (the bundle ~1.3 s, a card ~60 ms), so they run side by side: the bundle beside the pages
    would leave one worker idle while the other made the bundle, and the cards would wait for
    it. A language's worker drawing its own cards would leave the other idle too."""
    if cards:
        run.progress("drawing social cards")
    shares = [cards[i::CARD_SHARES] for i in range(min(CARD_SHARES, len(cards)))]
    return sum(run_all(finish_job, run.stage, [VEGA, *shares]))


def finish_job(stage: Stage, job: str | list[Card]) -> int:
    files = [vega_bundle()] if job == VEGA else [drawn_card_file(card) for card in job]
    for file in files:
        stage.write(file)
    return len(files)


def site_data(checked: CheckedData, documents: dict[tuple[str, str], Document], today: date | None = None) -> SiteData:
    """The valid data, analysed once, as every page sees it; `today`: the day the verdicts are
    stated on (SiteConfig.assessment_date), else the data's newest date."""
    dataset, figures = checked.dataset, checked.figures
    names = checked.names
    return SiteData(names.localities, names.indicators, names.sources, list(figures.values()),
                    analyse(dataset.observations, dataset.sources, figures, indicator_parts(names), today,
                            {i.id: i.denominator_en for i in names.indicators.values()}),
                    checked.checks,
                    documents,
                    data_date(list(figures.values()), dataset.sources))


def data_licence(descriptor: dict) -> dict[str, str] | None:
    """The data's licence as datapackage.json states it ({"title", "path"}), for every footer."""
    licences = descriptor.get("licenses") or []
    first = licences[0] if licences and isinstance(licences[0], dict) else {}
    title, path = first.get("title") or first.get("name"), first.get("path")
    return {"title": str(title), "path": str(path)} if title and isinstance(path, str) and \
        path.lower().startswith(("https://", "http://")) else None


def indicator_parts(names) -> dict[str, list[str]]:
    """{"bhxh": ["bhxh_mandatory", "bhxh_voluntary"]}: from indicators.csv's part_of."""
    parts: dict[str, list[str]] = {}
    for indicator in names.indicators.values():
        if indicator.part_of:
            parts.setdefault(indicator.part_of, []).append(indicator.id)
    return parts


ICONS = ("favicon.svg", "favicon.png", "apple-touch-icon.png")   # the PNGs drawn by scripts/draw-favicon


def asset_files() -> dict[str, OutputFile]:
    static = bundled_templates() / "static"
    return {"site.css": OutputFile("assets/site.css", (static / "site.css").read_bytes()),
            "site.js": OutputFile("assets/site.js", (static / "site.js").read_bytes()),
            # what a site that embeds a chart includes, to fit the iframe's height (README)
            "embed.js": OutputFile(EMBED_SCRIPT, (static / "embed.js").read_bytes()),
            **{name: OutputFile(f"assets/{name}", (static / name).read_bytes()) for name in ICONS},
            # the licences of the libraries inside the Vega bundle travel with it
            "notices": OutputFile("assets/THIRD-PARTY-NOTICES.txt", (static / "THIRD-PARTY-NOTICES.txt").read_bytes())}


def vega_snippet() -> str:
    """What the bundle exports: the Vega runtime as window.vega. The module is imported by the
    address vl-convert files it under, since the `vega` name its documentation offers is the
    module's default export, which Vega 6 does not have (it would be null)."""
    import vl_convert

    return (f'import * as vegaRuntime from "https://cdn.jsdelivr.net/npm/vega@{vl_convert.get_vega_version()}/+esm"; '
            "window.vega = vegaRuntime;")


def vega_bundle_path() -> str:
    """Where the bundle goes: named by vl-convert's version, so a new runtime gets a new URL."""
    return f"assets/vega-{metadata.version('vl-convert-python')}.js"


def vega_bundle() -> OutputFile:
    """The Vega runtime from vl-convert, wrapped so its top-level names stay private: only
    `window.vega`. The chart kinds are compiled to Vega at build time (charts.py), so pages need
    neither the Vega-Lite compiler nor vega-embed (a third less to download).
    Bundling takes vl-convert about a second, so the result is cached per vl-convert version."""
    version = metadata.version("vl-convert-python")
    start, end = "(() => {\n", "\n})();\n"

    def bundle() -> bytes:
        import vl_convert

        return (start + vl_convert.javascript_bundle(vega_snippet()) + end).encode("utf-8")

    return OutputFile(vega_bundle_path(), cached("vega.js", [version, start, end, "vega-only"], bundle))
