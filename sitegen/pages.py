"""Pages: the site data, analysis and commentary -> one `Page` per URL and language.

Each page is a template name plus a typed context (contexts.py) holding values already
translated and formatted for the page's language, so templates stay simple. Which target
counts and which actuals are comparable come from the analysis; pages never re-derive them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from .assessment import ABOUT_MAX_SHARE, BASE_GROWTH_PER_YEAR, BASE_TOLERANCE, LONG_PROJECTION, MIN_SPAN_MONTHS
from .contexts import (Chart, CompareContext, DataContext, DocumentView, EmbedContext, Fact, FigureCount, FigureView, GapEntry,
                       HomeContext, IndicatorContext, IndicatorLink, IndicatorSection, LeagueTable, LocalityContext,
                       LocalityView, MethodologyContext, NotFoundContext, NotFoundText, OverviewCell, OverviewRow, PaceEntry,
                       RankedTarget, RuleView, Scorecard, ScorecardCell, ScorecardRow, SourceGroup, SourcesContext,
                       SourceView, WardRow, WardTable)
from .consistency import CHECK_KINDS
from .figures import NATIONAL, Figure
from .i18n import LANGUAGES, N_, Language, language, language_path
from .linked_data import Catalogue, dataset_json_ld
from .page_charts import chart_picker, make_chart
from .bilingual import in_language
from .previews import page_description
from .sitedata import SiteData, quote_language
from .vocabulary import CAUTIONS, FLAGS, GRADES, NO_VERDICT, QUALIFIERS, SCALES, STATUSES
from .wording import (check_views, cite, comparability_notes, document_citation, fact_sentence, metric_basis,
                      pace_rows, reading_sentence, verdict_fact, verdict_view)


@dataclass
class Page:
    lang: str
    name: str          # language-independent path, e.g. "localities/da-nang.html"
    template: str
    title: str
    context: object    # one of contexts.PAGE_CONTEXTS

    @property
    def path(self) -> str:
        return language_path(self.name, self.lang)

    @property
    def charts(self) -> list[Chart]:
        return self.context.charts()


def page_plan(site: SiteData, lang: Language, site_title: str,
              catalogue: Catalogue = Catalogue()) -> list[Callable[[], Page]]:
    """Every page of one language, each made when called: a build makes, renders and drops the
    pages one at a time, so memory does not grow with the number of pages. The home page first
    (the other pages' previews show its social card)."""
    plan = [lambda: home_page(site, lang, site_title), lambda: compare_page(site, lang),
            lambda: sources_page(site, lang), lambda: methodology_page(site, lang),
            lambda: data_page(site, lang, site_title, catalogue), lambda: not_found_page(lang)]
    plan += [functools.partial(locality_page, site, lang, loc) for loc in site.charted_localities]
    plan += [functools.partial(indicator_page, site, lang, ind) for ind in site.charted_indicators]
    return plan


def build_pages(site: SiteData, lang: Language, site_title: str, catalogue: Catalogue = Catalogue()) -> list[Page]:
    return [p for make in page_plan(site, lang, site_title, catalogue) for page in [make()] for p in [page, *embed_pages(page)]]


def embed_pages(page: Page) -> list[Page]:
    """One page per chart of `page` (embed/<chart>.html), showing that chart alone for other sites
    to embed: made from the page's own charts, so embedding costs no second computation."""
    if isinstance(page.context, EmbedContext):
        return []
    return [Page(page.lang, f"embed/{c.id}.html", "embed.html", c.title, EmbedContext(c, page.name, page.title))
            for c in page.charts]


# ---------------------------------------------------------------- the pages

def document(site: SiteData, lang: Language, name: str) -> DocumentView | None:
    """The commentary in this language, or else in another one with a notice."""
    doc = site.documents.get((lang.code, name))
    if doc:
        return DocumentView(doc, False)
    for other in LANGUAGES:
        if (other, name) in site.documents:
            return DocumentView(site.documents[(other, name)], True, other)
    return None


def latest_views(site: SiteData, lang: Language, locality: str, indicator: str) -> list[FigureView | None]:
    """The latest target that counts and the latest comparable actual, as the analysis has them."""
    series = site.analysis.series_of(locality, indicator)
    return [site.view(f, lang) if f else None for f in (series.latest("target"), series.latest("actual"))]


def home_page(site: SiteData, lang: Language, site_title: str) -> Page:
    headline = [make_chart(site, lang, f"home-{ind}", "trajectory", ind, site.charted_localities,
                           site.indicator_name(ind, lang))
                for ind in site.charted_indicators if site.indicators[ind].headline]
    shown = [ind for ind in site.charted_indicators
             if site.indicators[ind].overview and len(compared_localities(site, ind)) >= 2]
    overview = [OverviewRow(loc, site.locality_name(loc, lang),
                            [OverviewCell(*latest_views(site, lang, loc, ind)) for ind in shown])
                for loc in site.charted_localities]
    charts = [c for c in headline if c]
    return Page(lang.code, "index.html", "home.html", site_title,
                HomeContext(document(site, lang, "home"), scorecard(site, lang, site.charted_localities), overview,
                            [indicator_link(site, lang, i) for i in shown], charts, chart_picker(site, lang, charts)))


def scorecard(site: SiteData, lang: Language, localities: list[str]) -> Scorecard:
    """Localities × headline indicators: each cell the verdict on the final target of the plan in force."""
    headline = [i for i in site.charted_indicators if site.indicators[i].headline]
    rows = [ScorecardRow(loc, site.locality_name(loc, lang), [scorecard_cell(site, lang, loc, ind) for ind in headline])
            for loc in localities]
    shown = [figure for row in rows for cell in row.cells
             for figure in ((cell.verdict.target, cell.verdict.latest) if cell.verdict else (cell.latest,)) if figure]
    return Scorecard([indicator_link(site, lang, i) for i in headline], rows,
                     comparability_notes(site, lang, shown) if len(rows) > 1 else [])


# Best to worst, for readers who sort the scorecard by an indicator.
SCORECARD_ORDER = ("met", "on_track", "off_track", "missed", "insufficient", "no_actual")


def scorecard_cell(site: SiteData, lang: Language, locality: str, indicator: str) -> ScorecardCell:
    verdict = site.analysis.verdict(locality, indicator)
    if verdict is not None:
        return ScorecardCell(indicator, verdict_view(site, lang, verdict), None, "",
                             SCORECARD_ORDER.index(verdict.status))
    latest = site.analysis.series_of(locality, indicator).latest("actual")
    counts_only = latest is None and site.has_counts(locality, indicator)
    note = NO_VERDICT["counts_only"] if counts_only else NO_VERDICT["no_target"]
    return ScorecardCell(indicator, None, site.view(latest, lang) if latest else None, lang.gettext(note),
                         len(SCORECARD_ORDER))


def compared_localities(site: SiteData, ind: str) -> set[str]:
    """Localities other than the national level with a percentage figure for the indicator."""
    return {f.locality for f in site.by_indicator.get(ind, []) if f.whole_percent} - {NATIONAL}


def indicator_link(site: SiteData, lang: Language, ind: str) -> IndicatorLink:
    name = site.indicator_name(ind, lang)
    measure = lang.gettext(SCALES[site.indicators[ind].unit].measure) % {"denominator": site.denominator(ind, lang)}
    return IndicatorLink(ind, name, short_name(name, lang), site.denominator(ind, lang), measure)


def locality_page(site: SiteData, lang: Language, loc: str) -> Page:
    name = site.locality_name(loc, lang)
    figures = site.by_locality[loc]
    record = site.localities[loc]
    sections = [locality_indicator_section(site, lang, loc, ind) for ind in site.charted_indicators
                if (loc, ind) in site.by_pair]
    views = site.views(figures, lang)
    return Page(lang.code, f"localities/{loc}.html", "locality.html", name, LocalityContext(
        locality=LocalityView(loc, name, record.level, record.text("reorganisation_note", lang),
                              record.text("caveat", lang)),
        scorecard=scorecard(site, lang, [loc]),
        doc=document(site, lang, f"localities/{loc}"),
        documents=[source_view(site, lang, s) for s in sorted({f.source for f in figures})],
        sections=sections,
        subdivisions=ward_table(site, lang, [r for r in views if r.subdivision]),
        checks=check_views(site, lang, site.checks_by_locality.get(loc, [])),
        figures=[r for r in views if not r.subdivision]))


def locality_indicator_section(site: SiteData, lang: Language, loc: str, ind: str) -> IndicatorSection:
    name = site.indicator_name(ind, lang)
    with_national = [loc] if loc == NATIONAL else [loc, NATIONAL]
    chart = make_chart(site, lang, f"locality-{loc}-{ind}", "trajectory", ind, with_national,
                       f"{name} — {site.locality_name(loc, lang)}", with_required_path=True)
    metrics = site.analysis.metrics_for(loc, ind)
    facts = [figure_fact(site, lang, v) for v in latest_views(site, lang, loc, ind) if v]
    compared = [f for locality in with_national for f in site.whole_percent(locality, ind)]
    verdicts = site.analysis.verdicts.get((loc, ind), [])
    final = verdicts[0] if verdicts else None
    return IndicatorSection(
        ind, name, chart, verdict_view(site, lang, final) if final else None,
        [verdict_view(site, lang, v) for v in verdicts[1:]],
        [reading_sentence(site, lang, r) for r in site.analysis.readings.get((loc, ind), [])],
        verdict_fact(site, lang, final) if final else None,
        pace_rows(site, lang, metrics, site.analysis.planned_paces(ind, [loc])), facts,
        comparability_notes(site, lang, site.views(compared, lang)))


def figure_fact(site: SiteData, lang: Language, v: FigureView) -> Fact:
    """A figure's fact box. Its anchor comes from the figure (indicator, kind, period), not from its
    place on the page, so a link to it holds when other facts come or go."""
    return Fact(fact_sentence(site, lang, v), v.quote, v.quote_lang, f"fact-{v.indicator}-{v.kind}-{v.period}",
                fact_sentence(site, lang, v, standalone=True), [document_citation(site, lang, v.source)])


def ward_table(site: SiteData, lang: Language, rows: list[FigureView]) -> WardTable | None:
    """The ward table as the plan prints it: its column order, its stated total row, and the
    sum of the wards (derived) beneath, since the two differ in the documents."""
    if not rows:
        return None
    ordered = sorted(rows, key=lambda r: r.figure.line)
    indicators = list(dict.fromkeys(r.indicator for r in ordered))
    names = list(dict.fromkeys(r.subdivision for r in ordered))
    cells = {(r.subdivision, r.indicator): r for r in rows}
    first = ordered[0].figure
    totals = [f for f in site.by_source[first.source] if f.locality == first.locality and f.period == first.period
              and f.unit == "persons" and f.subdivision is None]
    stated = {f.indicator: site.view(f, lang) for f in totals}
    sums = [sum(cells[(n, i)].figure.value for n in names if (n, i) in cells) for i in indicators]
    return WardTable([short_name(site.indicator_name(i, lang), lang) for i in indicators],
                     [WardRow(n, [cells[(n, i)].value_label if (n, i) in cells else "—" for i in indicators])
                      for n in names],
                     [stated[i].value_label if i in stated else "—" for i in indicators],
                     [lang.quantity(v, "persons") for v in sums], ordered[0].period_label, ordered[0].source_label)


def short_name(indicator_name: str, lang: Language) -> str:
    """'Tỷ lệ tham gia BHXH bắt buộc' -> 'BHXH bắt buộc': for column headings (the ward table
    counts people, not rates; the overview needs narrow columns)."""
    short = re.sub(r"^Tỷ lệ (tham gia|bao phủ) ", "", indicator_name) if lang.code == "vi" \
        else re.sub(r" coverage$", "", indicator_name)
    return short[0].upper() + short[1:]


# Beyond this many rows an indicator's page lists its figures by locality instead: a table of
# every province's figures (~2,000 rows at 63 provinces) is of no use to read, and the browser
# spends most of a second parsing it before any chart can be drawn.
FIGURE_TABLE_ROWS = 400


def indicator_page(site: SiteData, lang: Language, ind: str) -> Page:
    name = site.indicator_name(ind, lang)
    localities = site.charted_localities
    whole = [f for f in site.by_indicator[ind] if not f.subdivision]
    views = site.views(whole, lang)
    by_locality = len(views) > FIGURE_TABLE_ROWS
    main = make_chart(site, lang, f"indicator-{ind}", "trajectory", ind, localities, name)
    multiples = make_chart(site, lang, f"indicator-{ind}-panels", "small_multiples", ind, localities, name,
                           table=False)   # the same figures as the chart above, and its table
    return Page(lang.code, f"indicators/{ind}.html", "indicator.html", name, IndicatorContext(
        indicator=indicator_link(site, lang, ind),
        doc=document(site, lang, f"indicators/{ind}"),
        caveats=comparability_notes(site, lang, views),
        main_chart=main, multiples=multiples, picker=chart_picker(site, lang, [main, multiples]),
        figures=[] if by_locality else views,
        counts=figure_counts(site, lang, whole) if by_locality else [],
        figure_total=lang.number(len(views), 0)))


def compare_page(site: SiteData, lang: Language) -> Page:
    """League tables of the indicators that at least two localities set targets for."""
    compared = [ind for ind in site.charted_indicators if len(target_localities(site, ind)) >= 2]
    tables = [league_table(site, lang, ind) for ind in compared]
    single = [indicator_link(site, lang, ind) for ind in site.charted_indicators
              if ind not in compared and any(f.kind == "target" for f in site.by_indicator[ind])]
    return Page(lang.code, "compare.html", "compare.html", lang.gettext("Compare localities"),
                CompareContext(scorecard(site, lang, site.charted_localities), [t for t in tables if t], single))


def target_localities(site: SiteData, ind: str) -> set[str]:
    return {f.locality for f in site.by_indicator[ind] if f.kind == "target" and f.whole_percent} - {NATIONAL}


def league_table(site: SiteData, lang: Language, ind: str) -> LeagueTable | None:
    """Localities ranked by their target for the year most of their final targets share, with the
    yearly rise each demands from its baseline; by planned pace; by gap to the national target."""
    localities = sorted(target_localities(site, ind), key=list(site.localities).index)
    finals = {loc: v.target for loc in localities if (v := site.analysis.verdict(loc, ind))}
    if not finals:
        return None
    years = [f.period for f in finals.values()]
    year = max(set(years), key=lambda y: (years.count(y), y))
    for_year = {loc: f for loc in localities for f in site.analysis.series_of(loc, ind).year_targets
                if f.period == year}
    national = [f for f in site.analysis.series_of(NATIONAL, ind).year_targets if f.period == year]

    def basis(m):
        return metric_basis(lang, m, {}, lambda f: cite(site, lang, f))

    paces = [m for m in site.analysis.planned_paces(ind, site.charted_localities) if m.locality != NATIONAL]
    gaps = [m for loc in localities for m in site.analysis.each(loc, ind, "gap_to_national_pp") if m.period == year]
    by_target = ranked_targets(site, lang, list(for_year.values()), finals)
    return LeagueTable(
        ind, site.indicator_name(ind, lang), year, by_target,
        [site.view(f, lang) for loc, f in finals.items() if loc not in for_year],
        site.views(national, lang), *(demanded_text(site, lang, national[0]) if national else ("", "")),
        [PaceEntry(site.locality_name(m.locality, lang), lang.signed(m.value), m.period,
                   site.source_label(m.inputs[0].source, lang), basis(m))
         for m in sorted(paces, key=lambda m: (-m.value, m.locality))],
        [GapEntry(site.locality_name(m.locality, lang), lang.signed(m.value), basis(m))
         for m in sorted(gaps, key=lambda m: -m.value)],
        comparability_notes(site, lang, [r.target for r in by_target] + site.views(national, lang)))


def ranked_targets(site: SiteData, lang: Language, targets: list[Figure], finals: dict[str, Figure]) -> list[RankedTarget]:
    """Highest first ("at most" targets: lowest first); tied values share a rank (1, 1, 3)."""
    lower_first = any(t.qualifier.lower_is_better for t in targets)
    ordered = sorted(targets, key=lambda t: (t.value if lower_first else -t.value, t.locality))
    rows = []
    for position, target in enumerate(ordered, start=1):
        rank = rows[-1].rank if rows and rows[-1].target.figure.value == target.value else position
        final = finals.get(target.locality)
        other_year = final is not None and final.period != target.period
        demanded, demanded_basis = demanded_text(site, lang, target)
        rows.append(RankedTarget(rank, site.view(target, lang),
                                 f"{site.view(final, lang).value_label} ({final.period})" if other_year else "",
                                 demanded, demanded_basis))
    return rows


def demanded_text(site: SiteData, lang: Language, target: Figure) -> tuple[str, str]:
    """The yearly rise a target demands from its locality's baseline, and how it was computed."""
    found = [m for m in site.analysis.each(target.locality, target.indicator, "demanded_pace_pp_per_year")
             if m.inputs[1] is target]
    if not found:
        return "", ""
    metric = found[0]
    return (f"{lang.signed(metric.value)} {lang.gettext('pp/year')}",
            metric_basis(lang, metric, {}, lambda f: cite(site, lang, f)))


def source_view(site: SiteData, lang: Language, source_id: str, with_counts: bool = False) -> SourceView:
    s = site.sources[source_id]
    figures = site.by_source.get(source_id, [])
    note, note_lang = in_language(s.note_vi, s.note_en, lang.code)
    return SourceView(source_id, s.number or "", s.type, s.issuer_in(lang), s.signer or "", lang.date(s.issued),
                      s.title, quote_language(s.title), s.title_translation(lang), s.url or "", note, note_lang,
                      len(figures), figure_counts(site, lang, figures) if with_counts else [])


def figure_counts(site: SiteData, lang: Language, figures: list[Figure]) -> list[FigureCount]:
    counts: dict[str, int] = {}
    for f in figures:
        counts[f.locality] = counts.get(f.locality, 0) + 1
    return [FigureCount(i, site.locality_name(i, lang), counts[i]) for i in site.charted_localities if i in counts]


def sources_page(site: SiteData, lang: Language) -> Page:
    """Every document once, under the locality its figures describe."""
    _ = lang.gettext
    views = [source_view(site, lang, s, with_counts=True) for s in site.sources]
    groups = [SourceGroup("several", _("Documents about several localities"), [v for v in views if len(v.counts) > 1])]
    groups += [SourceGroup(i, site.locality_name(i, lang),
                           [v for v in views if len(v.counts) == 1 and v.counts[0].locality == i])
               for i in site.charted_localities]
    groups.append(SourceGroup("none", _("Documents no figure comes from"), [v for v in views if not v.counts]))
    return Page(lang.code, "sources.html", "sources.html", _("Sources"),
                SourcesContext([g for g in groups if g.sources]))


def methodology_page(site: SiteData, lang: Language) -> Page:
    """The rules as the code applies them: every list is printed from its one definition."""
    _ = lang.gettext
    return Page(lang.code, "methodology.html", "methodology.html", _("Methodology"), MethodologyContext(
        doc=document(site, lang, "methodology"),
        indicators=[indicator_link(site, lang, i) for i in site.indicators],
        qualifiers=[RuleView(q.id, _(q.name), _(q.reached_rule), document_words=q.document_words)
                    for q in QUALIFIERS.values()],
        statuses=[RuleView(s.id, _(s.label), _(s.rule), s.style) for s in STATUSES.values()],
        grades=[RuleView(g.id, _(g.label), _(g.rule), g.style) for g in GRADES.values()],
        cautions=[RuleView(c.id, "", _(c.text)) for c in CAUTIONS.values()],
        parameters=assessment_parameters(lang),
        flags=[RuleView(f.id, _(f.label), _(f.rule), f.style) for f in FLAGS.values()],
        checks=[RuleView(k.code, _(k.title), _(k.description)) for k in CHECK_KINDS.values()]))


def assessment_parameters(lang: Language) -> dict[str, str]:
    """The assessment's numbers, as the methodology prints them (from assessment.py, never retyped)."""
    return {"base_tolerance": lang.number(BASE_TOLERANCE * 100, 1) + "%",
            "base_growth": lang.number(BASE_GROWTH_PER_YEAR * 100, 1) + "%",
            "min_span_months": lang.number(MIN_SPAN_MONTHS, 0),
            "long_projection": lang.number(LONG_PROJECTION, 1),
            "about_max_share": lang.number(ABOUT_MAX_SHARE * 100, 1) + "%"}


def data_page(site: SiteData, lang: Language, site_title: str, catalogue: Catalogue) -> Page:
    title = lang.gettext("Data")
    page = Page(lang.code, "data.html", "data.html", title, DataContext(check_views(site, lang, site.checks)))
    page.context.dataset = dataset_json_ld(site, lang, catalogue, page.path, site_title,
                                           page_description(page.template, title, lang))
    return page


# The sections the 404 page offers beside the home page: the header's main navigation.
NOT_FOUND_SECTIONS = (("compare.html", N_("Compare")), ("sources.html", N_("Sources")),
                      ("methodology.html", N_("Methodology")), ("data.html", N_("Data")))


def not_found_page(lang: Language) -> Page:
    """404.html, with its words in every language: GitHub Pages serves the root one for a missing
    URL at any depth, English ones too."""
    texts = {code: not_found_text(language(code)) for code in LANGUAGES}
    return Page(lang.code, "404.html", "404.html", texts[lang.code].title, NotFoundContext(texts))


def not_found_text(lang: Language) -> NotFoundText:
    return NotFoundText(lang.locale.get_display_name(lang.code), lang.gettext("Page not found"),
                        lang.gettext("No page has this address: it may be mistyped, or the page may have moved."),
                        lang.gettext("Go to the home page"),
                        [(name, lang.gettext(words)) for name, words in NOT_FOUND_SECTIONS])
