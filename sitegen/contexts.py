"""The contexts templates are rendered with: a stable, documented contract.

Every page type has a context dataclass; everything in it is a typed view, already
translated and formatted for the page's language, so templates stay simple. A curator who
overrides a template with `--templates` can rely on these names. The documentation in
docs/templates.md is generated from this module (`scripts/document-contexts`), and a test
checks that it matches: each field's string just below it is its documentation.
"""

from __future__ import annotations

import ast
import inspect
from dataclasses import dataclass, field
from typing import Callable

from .content import Document
from .figures import Figure


# ---------------------------------------------------------------- in every template

@dataclass(frozen=True)
class PageGlobals:
    """Available in every template, beside the page's own context."""
    page: object
    "The page: `lang`, `name` (path without the language folder), `path` (from the site root), `title`."
    lang: object
    "The page's language: `code`, and `number(x)`, `date(d)`, `period(p)`, `quantity(x, unit)` to format values."
    url: Callable
    "`url(target, lang_code=None)`: the relative URL of a page given from the site root (`'sources.html'`), in the page's language or another one."
    asset: Callable
    "`asset(name)`: the relative URL of a shared file: `'site.css'`, `'site.js'`, `'vega.js'`."
    site_title: str
    "The site's title in the page's language (sitegen.toml's `title`)."
    languages: tuple
    "Every language the site is built in (sitegen.toml's `languages`); the first is published at the site root."
    other_languages: list
    "The language codes other than the page's."
    canonical: str | None
    "The page's absolute URL when the site is built with `--base-url`, else None."
    base_url: str | None
    "The `--base-url` given, or None."
    data_date: str
    "The date of the newest figure or document, formatted for the page."
    build_date: str
    "The build date from `SOURCE_DATE_EPOCH`, formatted, or empty."
    verdicts_date: str
    "The day the verdicts are stated on (a deadline before it has passed), formatted, or empty."
    permalink: Callable
    "`permalink(anchor)`: the permanent URL of an element of the page: absolute with `--base-url`, else from the site root (`localities/ha-noi.html#fig-…`)."
    citation: Callable
    "`citation(statement, sources, anchor)`: a complete citation to copy, in the page's language: the statement, its documents, the element's permanent URL and the data's date."
    embed_address: Callable
    "`embed_address(chart_id)`: the address of a chart's embed page, as another site's iframe needs it."
    embed_snippet: Callable
    "`embed_snippet()`: the HTML that shows a chart on another site (an iframe of its embed page and the script that fits its height), with `{src}` and `{title}` for the page's script to fill per chart."
    data_licence: dict | None = None
    "The data's licence (sitegen.toml's `data_licence`, else datapackage.json's): `title` and `path` (a URL), or None."
    site_description: str = ""
    "The site's description in the page's language (sitegen.toml's `description`), or empty."
    publisher: str = ""
    "Who publishes the site (sitegen.toml's `publisher`), or empty."
    chart_payload: dict | None = None
    "What the page's charts draw (kinds, datasets, per-chart settings), for `<script type=\"application/json\" id=\"sitegen-charts\">` with the `script_json` filter; None on a page without charts."
    preview: Preview | None = None
    "What a link to the page shows where it is shared: its description, its social card, its locale (see `Preview`)."
    stills: dict = field(default_factory=dict)
    "Chart id -> the chart drawn as SVG at build time (safe HTML), shown until site.js draws it: the page's first chart on the home, a locality and an indicator page; empty elsewhere."


@dataclass(frozen=True)
class Preview:
    """A link preview: `<meta name="description">`, Open Graph and Twitter card values of a page."""
    description: str
    "One sentence about the page in its language, at most 160 characters."
    image: str
    "The URL of the page's social card (`cards/<page>-<language>.png`; the home page's for a page without one): absolute with `--base-url`, else relative to the page (which link previews cannot use)."
    image_alt: str
    "What the card shows, in words."
    image_width: int
    "The card's width in pixels (1200)."
    image_height: int
    "The card's height in pixels (630)."
    locale: str
    "The page's language as Open Graph writes it: `vi_VN`, `en_US`."
    alternate_locales: list[str]
    "The other languages' locales."


# ---------------------------------------------------------------- shared views

@dataclass(frozen=True)
class Picker:
    """The localities a reader can highlight on a page's crowded charts (shown by site.js)."""
    options: list[tuple[str, str]]
    "(id, name) of every locality on those charts but the national benchmark, which is always highlighted."
    note: str
    "Which localities are highlighted until the reader picks, and that the page's address keeps the choice."


@dataclass(frozen=True)
class FigureView:
    """One figure of one document, labelled in the page's language."""
    figure: Figure
    "The typed figure: `value`, `unit`, `end` (a date), `line` in observations.csv, `qualifier`, `flag`."
    locality_name: str
    "The locality's name in the page's language."
    indicator_name: str
    "The indicator's name in the page's language."
    period_label: str
    "The period as readers write it: `2025`, `tháng 11/2023`, `Q1 2023`, `30/06/2023`."
    kind_label: str
    "`target` or `actual`, translated."
    value_label: str
    "The value with its wording and unit: `ít nhất 50%`, `17.404 người`, `at least 50%`."
    source_label: str
    "Short citation of the document: `64/KH-UBND, 12/04/2021`."
    quote_lang: str
    "The language of the verbatim quote (`vi`, `en` or `ja`), for its `lang` attribute."
    flag_label: str
    "The flag's words (`uncertain figure`, …), or empty when the figure is not flagged."
    note: str = ""
    "The curators' note in the page's language (in the other language when it has no translation), or empty."
    note_lang: str = ""
    "The note's language (`vi` or `en`), for its `lang` attribute."

    @property
    def locality(self) -> str:
        "The locality's id."
        return self.figure.locality

    @property
    def subdivision(self) -> str:
        "The ward or commune, or empty for the whole locality."
        return self.figure.subdivision or ""

    @property
    def indicator(self) -> str:
        "The indicator's id."
        return self.figure.indicator

    @property
    def period(self) -> str:
        "The period as written in the data (`2023-11`)."
        return self.figure.period

    @property
    def kind(self) -> str:
        "`target` or `actual` (for CSS classes)."
        return self.figure.kind

    @property
    def source(self) -> str:
        "The document's id (anchors on the sources page: `#src-<id>`)."
        return self.figure.source

    @property
    def quote(self) -> str:
        "The verbatim passage of the document that contains the figure."
        return self.figure.quote

    @property
    def flag(self) -> str:
        "The flag's id (`uncertain`, `background`, `other_denominator`, `denominator_wording`) or empty."
        return self.figure.flag.id if self.figure.flag else ""


@dataclass
class Chart:
    """A chart: what site.js draws, and everything shown around it."""
    id: str
    "Unique on the site; the figure's anchor is `fig-<id>`."
    config: dict
    "What site.js needs: `kind`, `dataset`, `title`, `subtitle` (drawn lines), `highlight` (locality ids), `many`. site.js writes the drawing's text alternative from the rows it highlights."
    dataset: dict
    "The figures drawn, compact (sent once per page, see `chart_payload`)."
    title: str
    "The chart's title."
    subtitle: str
    "The unit and what the line styles mean."
    sources: list[str]
    "Every document the chart draws from, as cited."
    sources_folded: bool
    "True when there are too many documents to list in the drawing: it says how many (`documents`), the caption folds their list."
    rows: list[dict]
    "Every point drawn: dicts with `locality`, `series`, `kind`, `kind_label`, `date`, `value`, `value_label`, `period_label`, `source_label`."
    table_rows: list[dict]
    "The rows of the table under the chart: every point, or with many localities the highlighted ones; empty when another chart's table holds them."
    csv: str
    "Path of the chart's CSV (every point) from the site root (`data/charts/<id>-<language>.csv`)."
    alt: str
    "A text alternative of the chart's default view: the title and every figure of the highlighted localities. site.js writes the drawing's own in the same form from the rows it highlights, the reader's pick included."
    many: bool
    "True when the chart has more localities than it colours: a few are highlighted, the reader picks others."
    documents: list[str] = field(default_factory=list)
    "Every document the chart draws from, cited in full (number, issuer, date; or outlet and headline), for its citation."


@dataclass(frozen=True)
class DocumentView:
    """The curators' commentary for a page."""
    doc: Document
    "The commentary: `title`, `summary`, `html` (safe HTML) and `lang`."
    fallback: bool
    "True when the page's language has no commentary and another language's is shown."
    fallback_lang: str = ""
    "The language shown instead, when `fallback`."


@dataclass(frozen=True)
class VerdictView:
    """A verdict on one target: the badge (status, evidence grade, as-of date) and, folded
    beneath it, the rule, the figures it rests on and the projection."""
    status: str
    "The status id: `met`, `missed`, `on_track`, `off_track`, `insufficient`, `no_actual`."
    label: str
    "The status in words."
    grade: str
    "The evidence grade id: `firm`, `indicative` or `insufficient`."
    grade_label: str
    "The grade in words (empty when no verdict is given)."
    as_of: str
    "The date of the newest actual it rests on, formatted, or empty."
    badge: str
    "The badge's words: status · grade · data to date."
    style: str
    "CSS classes of the badge (`status-<id> grade-<id>`)."
    rule: str
    "The rule the status follows."
    grade_rule: str
    "What the grade means."
    target: FigureView
    "The target judged."
    target_label: str
    "The target as a short label: `ít nhất 50% (2025)`."
    final: bool
    "True for the final target of the plan in force; False for an interim target judged after its deadline."
    latest: FigureView | None
    "The newest actual it rests on, or None."
    gap: str
    "Target minus that actual, in percentage points, or empty."
    projected: str
    "The straight line's value at the deadline, or empty."
    actual_note: str
    "`counts only (no rate published)` when only counts of people were published, else empty."
    basis: str
    "The case of the rule that decided it, with its figures cited."
    cautions: list[str]
    "Why it is only indicative (empty for a firm verdict)."
    figures: list[FigureView]
    "The actuals it rests on, oldest first."
    parts_note: str = ""
    "The newest figures of the indicator's parts (compulsory and voluntary BHXH) newer than its actual, or empty."


@dataclass(frozen=True)
class FigureCount:
    """How many figures of a document describe one locality."""
    locality: str
    "The locality's id (its page lists the figures, under `#figures`)."
    name: str
    "The locality's name."
    count: int
    "How many figures."


@dataclass(frozen=True)
class SourceView:
    """A document that figures come from."""
    id: str
    "The document's id."
    number: str
    "Its number (`64/KH-UBND`) or empty for news items."
    type: str
    "The kind of document (`ke-hoach`, `news`, …)."
    issuer: str
    "Who issued or published it, in English on English pages (`Da Nang People's Committee`)."
    signer: str
    "Who signed it, or empty."
    issued: str
    "Its date in the page's format, or empty when not known."
    title: str
    "Its title, as printed (in the document's language)."
    title_lang: str
    "The title's language (`vi`, `en` or `ja`), for its `lang` attribute."
    title_translation: str
    "On English pages, the title translated into English, shown beside it; otherwise empty."
    url: str
    "Where the quoted text was read, or empty."
    note: str
    "The curators' note on the document in the page's language (in the other when it has no translation), or empty."
    note_lang: str
    "The note's language (`vi` or `en`), for its `lang` attribute."
    count: int
    "How many figures come from it."
    counts: list[FigureCount] = field(default_factory=list)
    "How many of its figures describe each locality (sources page only)."


@dataclass(frozen=True)
class CheckView:
    """A consistency warning in the page's language."""
    code: str
    "The check's code (`subdivision-sum`, `part-sum`, `denominator-mismatch`, `source-disagreement`)."
    text: str
    "The warning, with names, numbers and documents as readers know them."
    label: str = ""
    "The check's name in the page's language (`Two reports disagree`), for readers; the code is for tools."


@dataclass(frozen=True)
class IndicatorLink:
    """An indicator, for links to its page."""
    id: str
    "The indicator's id (its page is `indicators/<id>.html`)."
    name: str
    "Its name in the page's language."
    short: str = ""
    "A short name for narrow column headings."
    denominator: str = ""
    "What it is a share of (`lực lượng lao động trong độ tuổi`), or the scale of an index."
    measure: str = ""
    "What its percentage is, as a sentence (`Share of the working-age labour force.`)."


# ---------------------------------------------------------------- the scorecard

@dataclass(frozen=True)
class ScorecardCell:
    """One locality × indicator of the scorecard."""
    indicator: str
    "The indicator's id."
    verdict: VerdictView | None
    "The verdict on the final target of the plan in force, or None when there is no target."
    latest: FigureView | None
    "Without a verdict: the latest comparable actual, if any."
    note: str
    "Without a verdict: `no target in the plans`, or `counts only (no rate published)` when only counts of people were published."
    sort_rank: int = 0
    "Its place when readers sort the column: met, on track, off track, missed, not enough data, no actual, no target."


@dataclass(frozen=True)
class ScorecardRow:
    """One locality's row."""
    id: str
    "The locality's id."
    name: str
    "Its name."
    cells: list[ScorecardCell]
    "One cell per column of the scorecard."


@dataclass(frozen=True)
class Scorecard:
    """Localities × headline indicators: final target, latest comparable actual, gap, verdict."""
    indicators: list[IndicatorLink]
    "The columns: indicators marked `headline` in indicators.csv."
    rows: list[ScorecardRow]
    "One row per locality (one only on a locality's page)."
    notes: list[str] = field(default_factory=list)
    "Comparability warnings (the localities' caveats, wordings, dates, the 2025 reorganisation); none for one row."


# ---------------------------------------------------------------- the home page

@dataclass(frozen=True)
class OverviewCell:
    """One locality × indicator cell of the overview."""
    target: FigureView | None
    "The latest target that counts (see the methodology), or None."
    actual: FigureView | None
    "The latest actual that may be measured against it, or None."


@dataclass(frozen=True)
class OverviewRow:
    """One locality's row of the overview."""
    id: str
    "The locality's id."
    name: str
    "Its name."
    cells: list[OverviewCell]
    "One cell per column of `overview_indicators`."


@dataclass
class HomeContext:
    """`home.html`: the scorecard, the overview table and the headline charts."""
    doc: DocumentView | None
    "The commentary `home.md`."
    scorecard: Scorecard
    "Every locality × headline indicator: final target, latest comparable actual, gap, verdict."
    overview: list[OverviewRow]
    "One row per locality with figures."
    overview_indicators: list[IndicatorLink]
    "The overview's columns: indicators marked `overview` in indicators.csv that two localities report."
    headline_charts: list[Chart]
    "One chart per indicator marked `headline` in indicators.csv."
    picker: Picker | None
    "The localities to highlight on the headline charts, or None when every locality is coloured."

    def charts(self) -> list[Chart]:
        return list(self.headline_charts)


# ---------------------------------------------------------------- a locality

@dataclass(frozen=True)
class LocalityView:
    """The locality a page is about."""
    id: str
    "Its id."
    name: str
    "Its name."
    level: str
    "`country`, `municipality`, `province` or `city`."
    reorganisation: str
    "What the 1 July 2025 reorganisation did to it, or empty."
    caveat: str
    "A caution to read before comparing it (from localities.csv), or empty."


@dataclass(frozen=True)
class PaceRow:
    """A row of a locality's pace table."""
    label: str
    "What the number is."
    value: str
    "The number with its unit (`+2,25 đpt/năm`)."
    period: str
    "The period it covers (`2021-2025`)."
    basis: str
    "The figures it was computed from, cited."


@dataclass(frozen=True)
class Fact:
    """A quotable sentence about one figure, with the document's own words."""
    sentence: str
    "The sentence: figure, period, wording and citation (a flag's caution at the end)."
    quote: str
    "The verbatim passage of the document."
    quote_lang: str
    "The passage's language."
    anchor: str = ""
    "The fact box's id, stable as facts come and go: `verdict-<indicator>`, or `fact-<indicator>-<kind>-<period>` from the figure."
    copy_text: str = ""
    "The sentence as copied: it stands on its own off the page (a flag's caution quotes the curators' note)."
    sources: list[str] = field(default_factory=list)
    "The documents it rests on, cited in full, for its citation."


@dataclass(frozen=True)
class IndicatorSection:
    """One indicator on a locality's page."""
    id: str
    "The indicator's id (the section's anchor is `ind-<id>`)."
    name: str
    "Its name."
    chart: Chart | None
    "The locality and the national benchmark over time, or None without a percentage."
    verdict: VerdictView | None
    "The verdict on the final target of the plan in force, or None without a target."
    interim: list[VerdictView]
    "Verdicts on interim targets whose deadline has passed (a reading of that period's end)."
    readings: list[str]
    "Where readings stood before a target's deadline (\"43.22% as of 31/07/2022 had reached the 2022 target\")."
    verdict_fact: Fact | None
    "A quotable sentence of the verdict, with its grade and date."
    pace: list[PaceRow]
    "Planned, required and observed paces and the gap to target."
    facts: list[Fact]
    "Sentences about the latest target and the latest actual."
    notes: list[str]
    "Comparability warnings for the chart."


@dataclass(frozen=True)
class WardRow:
    name: str
    "The ward or commune."
    cells: list[str]
    "One value per heading, or `—`."


@dataclass(frozen=True)
class WardTable:
    """The plan's table of wards and communes, with its stated total and the derived sum."""
    headings: list[str]
    "Short indicator names, one per column."
    rows: list[WardRow]
    "One row per ward or commune, in the plan's order."
    stated: list[str]
    "The total row as the plan states it."
    sums: list[str]
    "The sum of the rows (derived)."
    period: str
    "The period of the table."
    source: str
    "The document, cited."


@dataclass
class LocalityContext:
    """`locality.html`: one locality's plans, progress and figures."""
    locality: LocalityView
    "The locality."
    scorecard: Scorecard
    "The locality's row of the scorecard, which the page leads with."
    doc: DocumentView | None
    "The commentary `localities/<id>.md`."
    documents: list[SourceView]
    "The documents its figures come from."
    sections: list[IndicatorSection]
    "One section per indicator it has figures for, in the order of indicators.csv."
    subdivisions: WardTable | None
    "The ward table, when the data has one."
    checks: list[CheckView]
    "Consistency warnings about its figures."
    figures: list[FigureView]
    "Every whole-locality figure."

    def charts(self) -> list[Chart]:
        return [s.chart for s in self.sections if s.chart]


# ---------------------------------------------------------------- an indicator

@dataclass
class IndicatorContext:
    """`indicator.html`: one indicator across localities."""
    indicator: IndicatorLink
    "The indicator, with its denominator."
    doc: DocumentView | None
    "The commentary `indicators/<id>.md`."
    caveats: list[str]
    "Comparability warnings."
    main_chart: Chart | None
    "Every locality on one chart, or None without a percentage."
    multiples: Chart | None
    "One small panel per locality (per highlighted locality when there are many)."
    picker: Picker | None
    "The localities to highlight on both charts, or None when every locality is coloured."
    figures: list[FigureView]
    "Every whole-locality figure, or none when there are too many for one table (see `counts`)."
    counts: list[FigureCount]
    "When the figures are too many for one table: how many each locality has (its page lists them)."
    figure_total: str
    "How many whole-locality figures the indicator has, formatted."

    def charts(self) -> list[Chart]:
        return [c for c in (self.main_chart, self.multiples) if c]


# ---------------------------------------------------------------- compare

@dataclass(frozen=True)
class PaceEntry:
    name: str
    "The locality."
    value: str
    "The planned pace (pp per year)."
    period: str
    "The years it spans."
    document: str
    "The document, cited."
    basis: str
    "How it was computed."


@dataclass(frozen=True)
class GapEntry:
    name: str
    "The locality."
    value: str
    "The gap in percentage points."
    basis: str
    "How it was computed."


@dataclass(frozen=True)
class RankedTarget:
    """One row of a league table of targets."""
    rank: int
    "Its rank; tied values share a rank (1, 1, 3)."
    target: FigureView
    "The target that counts for the ranked year."
    final: str
    "The locality's final target with its year when it lies in another year, else empty."
    demanded: str
    "The yearly rise it demands from the locality's baseline (pp/year), or empty without a baseline."
    demanded_basis: str
    "How that was computed."


@dataclass(frozen=True)
class LeagueTable:
    """One indicator's league tables."""
    id: str
    "The indicator's id."
    name: str
    "Its name."
    year: str
    "The final-target year most localities share."
    by_target: list[RankedTarget]
    "Each locality's target for that year, highest first (lowest first for \"at most\" targets)."
    elsewhere: list[FigureView]
    "Final targets of localities with no target for that year (their year shown)."
    national: list[FigureView]
    "The national target for that year."
    national_demanded: str
    "The yearly rise the national target demands from the national baseline, or empty."
    national_demanded_basis: str
    "How that was computed: the baseline and the target, cited."
    by_pace: list[PaceEntry]
    "Planned paces, fastest first."
    by_gap: list[GapEntry]
    "Gaps to the national target, largest first."
    notes: list[str]
    "Comparability warnings."


@dataclass
class CompareContext:
    """`compare.html`: the scorecard and league tables of the indicators two localities set targets for."""
    scorecard: Scorecard
    "Every locality × headline indicator."
    tables: list[LeagueTable]
    "One per indicator."
    single: list[IndicatorLink]
    "Indicators only one locality sets targets for."

    def charts(self) -> list[Chart]:
        return []


# ---------------------------------------------------------------- the other pages

@dataclass(frozen=True)
class SourceGroup:
    """The documents whose figures describe one locality (or several, or none)."""
    id: str
    "The locality's id, `several` or `none`; the section's anchor is `sources-<id>`."
    name: str
    "The locality's name, or what the group holds."
    sources: list[SourceView]
    "In the order of sources.csv, each with its `counts`."


@dataclass
class SourcesContext:
    """`sources.html`: every document, grouped by the locality its figures describe; the
    figures themselves are on the localities' pages (the page stays small at any size)."""
    groups: list[SourceGroup]
    "Documents about several localities first, then one group per locality, then documents no figure cites."

    def charts(self) -> list[Chart]:
        return []


@dataclass(frozen=True)
class RuleView:
    """A member of a vocabulary, as the methodology explains it."""
    id: str
    "Its id in the data."
    label: str
    "Its words on the site."
    rule: str
    "What it means and how the site treats it."
    style: str = ""
    "The CSS class of its badge or label."
    document_words: str = ""
    "How the documents word it (qualifiers)."


@dataclass
class MethodologyContext:
    """`methodology.html`: the rules, printed from the same definitions the code applies."""
    doc: DocumentView | None
    "The commentary `methodology.md`."
    indicators: list[IndicatorLink]
    "Every indicator with its denominator."
    qualifiers: list[RuleView]
    "How figures are worded and when an actual reaches a target so worded."
    statuses: list[RuleView]
    "The verdicts and their rules."
    grades: list[RuleView]
    "The evidence grades."
    cautions: list[RuleView]
    "What makes a verdict only indicative."
    parameters: dict
    "The assessment's numbers: `base_tolerance`, `base_growth`, `min_span_months`, `long_projection`, `about_max_share` (formatted)."
    flags: list[RuleView]
    "The flags a curator's note can set."
    checks: list[RuleView]
    "The consistency checks."

    def charts(self) -> list[Chart]:
        return []


@dataclass
class DataContext:
    """`data.html`: the downloads and every consistency warning."""
    checks: list[CheckView]
    "Every consistency warning."
    dataset: dict = field(default_factory=dict)
    "The data as a schema.org `Dataset` (JSON-LD, with a `DataDownload` per published file), for `<script type=\"application/ld+json\">` with the `script_json` filter."

    def charts(self) -> list[Chart]:
        return []


@dataclass(frozen=True)
class FigureChangeView:
    """One figure a commit added, revised or removed (`changes.html`, `feed.xml`)."""
    status: str
    "`added`, `revised` or `removed` (for CSS classes)."
    status_label: str
    "The same, translated."
    locality_name: str
    "The locality's name (its id when it is no longer in the data)."
    indicator_name: str
    "The indicator's name (its id when it is no longer in the data)."
    subdivision: str
    "The ward or commune, or empty."
    period_label: str
    "The period as readers write it."
    kind_label: str
    "`target` or `actual`, translated."
    source_label: str
    "Short citation of the document (its id when it is no longer in the data)."
    old_value: str
    "The value before, with its wording and unit; empty for an added figure."
    new_value: str
    "The value after; empty for a removed figure."
    also: str
    "For a revised figure, what else changed (`quote`, `note`, translated), or empty."


@dataclass(frozen=True)
class ChangeEntry:
    """One commit that changed the data folder."""
    commit: str
    "The full commit hash."
    short: str
    "Its first seven characters (the section's anchor is `commit-<short>`)."
    date: str
    "The commit date, formatted for the page."
    updated: str
    "The commit date, ISO 8601 with its offset (for `<time>` and the feed)."
    message: str
    "The first line of the commit message."
    summary: str
    "How many figures were added, revised and removed, in words."
    figures: list[FigureChangeView]
    "The figures changed (at most a hundred)."
    hidden: int
    "How many more figures changed than are listed."
    other_files: list[str]
    "The other files of the data folder the commit changed."


@dataclass
class ChangesContext:
    """`changes.html` and `feed.xml`: what changed in the data, commit by commit, newest first."""
    entries: list[ChangeEntry]
    "The last commits that changed the data folder."
    notice: str
    "Why there is no history to show (not a git repository, a shallow clone…), or empty."
    more: str
    "A note that older commits are left out, or empty."
    updated: str
    "The newest entry's date, ISO 8601 (the feed's `updated`); the data's date when there is none."
    feed_id: str
    "The feed's permanent id: its URL with `--base-url`, else a `urn:sitegen:` name."

    def charts(self) -> list[Chart]:
        return []


@dataclass(frozen=True)
class NotFoundText:
    """The 404 page's words in one language, with the links it offers in that language."""
    language: str
    "The language's own name: `Tiếng Việt`, `English`."
    title: str
    "`Page not found`, in this language."
    message: str
    "What happened, in this language."
    home: str
    "The words of the link to this language's home page."
    sections: list
    "The main sections as (page name, words): `('compare.html', 'Compare')`, …; link them with `url(name, code)`."


@dataclass
class EmbedContext:
    """`embed.html` (`embed/<chart>.html`): one chart alone, sized to its frame, for other sites to
    show in an iframe; no header or footer, not indexed by search engines."""
    chart: Chart
    "The chart."
    page_name: str
    "The page it comes from (path without the language folder), for the link back to `#fig-<chart>`."
    page_title: str
    "That page's title."

    def charts(self) -> list[Chart]:
        return [self.chart]


@dataclass
class NotFoundContext:
    """`404.html`. GitHub Pages serves the root one for a missing URL at any depth, of either
    language, so it speaks every language of the site and finds the site's root at run time."""
    texts: dict
    "`NotFoundText` by language code, for every language sitegen is translated into: `texts['en'].title`."

    def charts(self) -> list[Chart]:
        return []


PAGE_CONTEXTS = (HomeContext, LocalityContext, IndicatorContext, CompareContext, SourcesContext,
                 MethodologyContext, DataContext, ChangesContext, NotFoundContext, EmbedContext)


DOCUMENTED = (PageGlobals, Preview) + PAGE_CONTEXTS + (
    FigureView, Chart, DocumentView, VerdictView, Scorecard, ScorecardRow, ScorecardCell, SourceView, CheckView, IndicatorLink, OverviewRow, OverviewCell,
    LocalityView, IndicatorSection, PaceRow, Fact, WardTable, WardRow, LeagueTable, RankedTarget, PaceEntry, GapEntry,
    RuleView, ChangeEntry, FigureChangeView, NotFoundText)


def field_docs(cls: type) -> list[tuple[str, str, str]]:
    """(name, type, documentation) of a class's fields and properties, from the string below each."""
    body = ast.parse(inspect.getsource(cls)).body[0].body
    docs = []
    for node, following in zip(body, body[1:] + [None]):
        text = following.value.value if (isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                                         and isinstance(following.value.value, str)) else ""
        if isinstance(node, ast.AnnAssign):
            docs.append((node.target.id, ast.unparse(node.annotation), text))
        elif isinstance(node, ast.FunctionDef) and any(ast.unparse(d) == "property" for d in node.decorator_list):
            docs.append((node.name, ast.unparse(node.returns), ast.get_docstring(node) or ""))
    return docs


def escape_cell(text: str) -> str:
    return text.replace("|", "\\|")


def documentation() -> str:
    """docs/templates.md: every page context and view, generated from this module."""
    lines = ["# Template contexts", "",
             "Generated from `sitegen/contexts.py` by `scripts/document-contexts`; a test checks it is current.",
             "A template overridden with `--templates` receives `PageGlobals` and its page's context, field by",
             "field (`{{ sections }}`, `{{ locality.name }}`). Every value is already translated and formatted",
             "for the page's language; autoescaping is on.", ""]
    for cls in DOCUMENTED:
        lines += [f"## `{cls.__name__}`", "", inspect.getdoc(cls) or "", ""]
        rows = field_docs(cls)
        if rows:
            lines += ["| name | type | meaning |", "|---|---|---|"]
            lines += [f"| `{name}` | `{escape_cell(kind)}` | {escape_cell(text)} |" for name, kind, text in rows]
            lines.append("")
    return "\n".join(lines)
