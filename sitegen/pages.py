"""Pages: the site data, analysis and commentary -> one `Page` per URL and language.

Each page is a template name plus a typed context (contexts.py) holding values already
translated and formatted for the page's language, so templates stay simple. Which target
counts and which actuals are comparable come from the analysis; pages never re-derive them.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from .charts import ChartSeries, chart_spec, series_colours
from .contexts import (Chart, CompareContext, DataContext, DocumentView, Fact, FigureView, GapEntry, HomeContext,
                       IndicatorContext, IndicatorLink, IndicatorSection, LeagueTable, LocalityContext, LocalityView,
                       MethodologyContext, NotFoundContext, OverviewCell, OverviewRow, PaceEntry, RuleView,
                       SourcesContext, SourceView, WardRow, WardTable)
from .consistency import CHECK_KINDS
from .figures import NATIONAL, Figure
from .i18n import LANGUAGES, Language
from .sitedata import SiteData
from .vocabulary import FLAGS, KINDS, QUALIFIERS, STATUSES
from .wording import (check_views, cite, comparability_notes, fact_sentence, metric_basis, pace_rows,
                      status_view)


@dataclass
class Page:
    lang: str
    name: str          # language-independent path, e.g. "localities/da-nang.html"
    template: str
    title: str
    context: object    # one of contexts.PAGE_CONTEXTS

    @property
    def path(self) -> str:
        return self.name if self.lang == LANGUAGES[0] else f"{self.lang}/{self.name}"

    @property
    def charts(self) -> list[Chart]:
        return self.context.charts()


def build_pages(site: SiteData, lang: Language, site_title: str) -> list[Page]:
    pages = [home_page(site, lang, site_title), compare_page(site, lang), sources_page(site, lang),
             methodology_page(site, lang), data_page(site, lang),
             Page(lang.code, "404.html", "404.html", lang.gettext("Page not found"), NotFoundContext())]
    pages += [locality_page(site, lang, loc) for loc in site.charted_localities]
    pages += [indicator_page(site, lang, ind) for ind in site.charted_indicators]
    return pages


# ---------------------------------------------------------------- charts

def series_name(site: SiteData, locality_id: str, lang: Language) -> str:
    name = site.locality_name(locality_id, lang)
    return lang.gettext("%(name)s (national benchmark)") % {"name": name} if locality_id == NATIONAL else name


def chart_rows(site: SiteData, lang: Language, indicator: str, locality_ids: list[str],
               with_required_path: bool) -> list[dict]:
    rows = []
    for locality in locality_ids:
        for r in site.views(site.whole_percent(locality, indicator), lang):
            rows.append(chart_point(site, lang, r))
        if with_required_path and locality != NATIONAL:
            rows += required_path(site, lang, locality, indicator)
    return rows


def chart_point(site: SiteData, lang: Language, r: FigureView) -> dict:
    return {"series": series_name(site, r.locality, lang), "panel": r.locality_name, "kind": r.kind,
            "kind_label": r.kind_label, "line": line_key(r.figure),
            "date": r.figure.end.isoformat(), "value": r.figure.value,
            # A flagged figure says so wherever its value is read: tooltip, chart table, alt text.
            "value_label": f"{r.value_label} ({r.flag_label})" if r.flag else r.value_label,
            "period_label": r.period_label, "source_label": r.source_label}


def line_key(f: Figure) -> str:
    """Actuals of a locality form one trajectory; each document's targets form their own line."""
    return f"{f.locality}|actual" if f.kind == "actual" else f"{f.locality}|target|{f.source}"


def required_path(site: SiteData, lang: Language, locality: str, indicator: str) -> list[dict]:
    """The straight line from the latest actual to the target the analysis measured it against:
    its metric's inputs are the very figures it used."""
    required = site.analysis.metrics_for(locality, indicator).get("required_pace_pp_per_year")
    if required is None:   # met, or the deadline has passed
        return []
    points = []
    for figure in required.inputs:   # (latest actual, target)
        point = chart_point(site, lang, site.view(figure, lang))
        required_kind = KINDS["required"]
        point.update(kind=required_kind.id, kind_label=lang.gettext(required_kind.label), line=f"{locality}|required")
        points.append(point)
    return points


def chart_titles(lang: Language) -> dict:
    _ = lang.gettext
    # The denominator can be long: it is spelled out in the subtitle, the axis just says "%".
    return {"x": _("End of year"), "y": "%", "series": _("Locality"), "kind": _("Figure"), "period": _("Period"),
            "value": _("Value"), "source": _("Source")}


def make_chart(site: SiteData, lang: Language, chart_id: str, kind: str, indicator: str,
               locality_ids: list[str], title: str, with_required_path: bool = False) -> Chart | None:
    rows = chart_rows(site, lang, indicator, locality_ids, with_required_path)
    if not rows:
        return None
    _ = lang.gettext
    colours = series_colours([i for i in site.charted_localities], NATIONAL)
    shown = {r["series"] for r in rows}
    series = [ChartSeries(i, series_name(site, i, lang), colours[i]) for i in locality_ids]
    series = sorted((s for s in series if s.label in shown), key=lambda s: s.id == NATIONAL)
    sources = sorted({r["source_label"] for r in rows})
    subtitle = [_("Percent of %(denominator)s. Solid: actual; dashed: target; dotted: required path.")
                % {"denominator": site.denominator(indicator, lang)},
                _("Sources: %(sources)s") % {"sources": "; ".join(sources)}]
    alt = chart_alt_text(title, rows)
    spec = chart_spec(kind, rows, series, chart_titles(lang), title,
                      [subtitle[0]] + wrap(subtitle[1], 110), alt)  # the caption below wraps by itself
    return Chart(chart_id, spec, title, subtitle, rows, f"data/charts/{chart_id}.csv", alt)


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters (Vega titles do not wrap by themselves)."""
    return textwrap.wrap(text, width) or [""]


def chart_alt_text(title: str, rows: list[dict]) -> str:
    figures = "; ".join(f"{r['series']}, {r['kind_label']} {r['period_label']}: {r['value_label']}"
                        for r in rows if r["kind"] != "required")
    return f"{title}. {figures}."


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
    return Page(lang.code, "index.html", "home.html", site_title,
                HomeContext(document(site, lang, "home"), overview, [indicator_link(site, lang, i) for i in shown],
                            [c for c in headline if c]))


def compared_localities(site: SiteData, ind: str) -> set[str]:
    """Localities other than the national level with a percentage figure for the indicator."""
    return {f.locality for f in site.by_indicator.get(ind, []) if f.whole_percent} - {NATIONAL}


def indicator_link(site: SiteData, lang: Language, ind: str) -> IndicatorLink:
    name = site.indicator_name(ind, lang)
    return IndicatorLink(ind, name, short_name(name, lang), site.denominator(ind, lang))


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
        doc=document(site, lang, f"localities/{loc}"),
        documents=[source_view(site, lang, s) for s in sorted({f.source for f in figures})],
        sections=sections,
        subdivisions=ward_table(site, lang, [r for r in views if r.subdivision]),
        checks=check_views(site, lang, site.checks_by_locality.get(loc, [])),
        figures=[r for r in views if not r.subdivision]))


def locality_indicator_section(site: SiteData, lang: Language, loc: str, ind: str) -> IndicatorSection:
    name = site.indicator_name(ind, lang)
    with_national = [loc] if loc == NATIONAL else [loc, NATIONAL]
    # Every chart id starts with its page's kind (home-, locality-, indicator-), so a locality
    # called "home" cannot take the home page's chart id; ids never contain '_' for localities
    # or '-' for indicators, so "locality-<locality>-<indicator>" is unique too.
    chart = make_chart(site, lang, f"locality-{loc}-{ind}", "trajectory", ind, with_national,
                       f"{name} — {site.locality_name(loc, lang)}", with_required_path=True)
    metrics = site.analysis.metrics_for(loc, ind)
    facts = [Fact(fact_sentence(site, lang, v), v.quote, v.quote_lang)
             for v in latest_views(site, lang, loc, ind) if v]
    compared = [f for locality in with_national for f in site.whole_percent(locality, ind)]
    return IndicatorSection(ind, name, chart, status_view(site, lang, metrics),
                            pace_rows(site, lang, metrics, site.analysis.planned_paces(ind, [loc])), facts,
                            comparability_notes(site, lang, site.views(compared, lang)))


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


def indicator_page(site: SiteData, lang: Language, ind: str) -> Page:
    name = site.indicator_name(ind, lang)
    localities = site.charted_localities
    views = [r for r in site.views(site.by_indicator[ind], lang) if not r.subdivision]
    return Page(lang.code, f"indicators/{ind}.html", "indicator.html", name, IndicatorContext(
        indicator=indicator_link(site, lang, ind),
        doc=document(site, lang, f"indicators/{ind}"),
        caveats=comparability_notes(site, lang, views),
        main_chart=make_chart(site, lang, f"indicator-{ind}", "trajectory", ind, localities, name),
        multiples=make_chart(site, lang, f"indicator-{ind}-panels", "small_multiples", ind, localities, name),
        figures=views))


def compare_page(site: SiteData, lang: Language) -> Page:
    """League tables of the indicators that at least two localities set targets for."""
    compared = [ind for ind in site.charted_indicators if len(target_localities(site, ind)) >= 2]
    tables = [league_table(site, lang, ind) for ind in compared]
    single = [indicator_link(site, lang, ind) for ind in site.charted_indicators
              if ind not in compared and any(f.kind == "target" for f in site.by_indicator[ind])]
    return Page(lang.code, "compare.html", "compare.html", lang.gettext("Compare localities"),
                CompareContext([t for t in tables if t], single))


def target_localities(site: SiteData, ind: str) -> set[str]:
    return {f.locality for f in site.by_indicator[ind] if f.kind == "target" and f.whole_percent} - {NATIONAL}


def league_table(site: SiteData, lang: Language, ind: str) -> LeagueTable | None:
    """Localities ranked by target for the most common target year, by planned pace, by gap to national."""
    counted = {loc: [f for f in site.analysis.series_of(loc, ind).targets if f.is_year]
               for loc in sorted(target_localities(site, ind))}
    localities_by_year: dict[str, set] = {}
    for loc, targets in counted.items():
        for f in targets:
            localities_by_year.setdefault(f.period, set()).add(loc)
    if not localities_by_year:
        return None
    year = max(localities_by_year, key=lambda y: (len(localities_by_year[y]), y))
    by_target = sorted((site.view(f, lang) for targets in counted.values() for f in targets if f.period == year),
                       key=lambda r: (-r.figure.value, r.locality))
    paces = [m for m in site.analysis.planned_paces(ind, site.charted_localities) if m.locality != NATIONAL]
    gaps = [m for loc in counted for m in site.analysis.each(loc, ind, "gap_to_national_pp") if m.period == year]
    national = site.views([f for f in site.whole_percent(NATIONAL, ind) if f.kind == "target" and f.period == year],
                          lang)

    def basis(m):
        return metric_basis(lang, m, {}, lambda f: cite(site, lang, f))

    return LeagueTable(
        ind, site.indicator_name(ind, lang), year, by_target, national,
        [PaceEntry(site.locality_name(m.locality, lang), lang.signed(m.value), m.period,
                   site.source_label(m.inputs[0].source, lang), basis(m))
         for m in sorted(paces, key=lambda m: (-m.value, m.locality))],
        [GapEntry(site.locality_name(m.locality, lang), lang.signed(m.value), basis(m))
         for m in sorted(gaps, key=lambda m: -m.value)],
        comparability_notes(site, lang, by_target + national))


def source_view(site: SiteData, lang: Language, source_id: str, with_figures: bool = False) -> SourceView:
    s = site.sources[source_id]
    figures = site.by_source.get(source_id, [])
    return SourceView(source_id, s.number or "", s.type, s.issuer, s.signer or "", lang.date(s.issued), s.title,
                      s.url or "", s.note or "", len(figures), site.views(figures, lang) if with_figures else [])


def sources_page(site: SiteData, lang: Language) -> Page:
    return Page(lang.code, "sources.html", "sources.html", lang.gettext("Sources"),
                SourcesContext([source_view(site, lang, s, with_figures=True) for s in site.sources]))


def methodology_page(site: SiteData, lang: Language) -> Page:
    """The rules as the code applies them: every list is printed from its one definition."""
    _ = lang.gettext
    return Page(lang.code, "methodology.html", "methodology.html", _("Methodology"), MethodologyContext(
        doc=document(site, lang, "methodology"),
        indicators=[indicator_link(site, lang, i) for i in site.indicators],
        qualifiers=[RuleView(q.id, _(q.name), _(q.reached_rule), document_words=q.document_words)
                    for q in QUALIFIERS.values()],
        statuses=[RuleView(s.id, _(s.label), _(s.rule), s.style) for s in STATUSES.values()],
        flags=[RuleView(f.id, _(f.label), _(f.rule), f.style) for f in FLAGS.values()],
        checks=[RuleView(k.code, _(k.title), _(k.description)) for k in CHECK_KINDS.values()]))


def data_page(site: SiteData, lang: Language) -> Page:
    return Page(lang.code, "data.html", "data.html", lang.gettext("Data"),
                DataContext(check_views(site, lang, site.checks)))
