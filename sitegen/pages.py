"""Pages: the valid data, metrics, checks and commentary -> one `Page` per URL and language.

Each page is a template name plus a context dict; the context holds plain values
(already translated and formatted for the page's language) so templates stay simple.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from .analysis import NATIONAL
from .charts import NATIONAL_COLOUR, PALETTE, ChartSeries, chart_spec
from .i18n import LANGUAGES, Language
from .periods import is_year
from .sitedata import FLAG_WORDS, SiteData, figure_rows, source_label
from .wording import (FLAG_RULES, QUALIFIER_NAMES, STATUS_RULES, STATUS_WORDS, check_sentence,
                      comparability_notes, explain, fact_sentence, metrics_for, pace_summary, planned_paces,
                      status_badge)


@dataclass
class Page:
    lang: str
    name: str          # language-independent path, e.g. "localities/da-nang.html"
    template: str
    title: str
    context: dict = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.name if self.lang == LANGUAGES[0] else f"{self.lang}/{self.name}"


def build_pages(site: SiteData, lang: Language) -> list[Page]:
    pages = [home_page(site, lang), compare_page(site, lang), sources_page(site, lang),
             methodology_page(site, lang), data_page(site, lang),
             Page(lang.code, "404.html", "404.html", lang.gettext("Page not found"))]
    pages += [locality_page(site, lang, loc) for loc in site.charted_localities()]
    present = set(site.observations["indicator"])
    pages += [indicator_page(site, lang, ind) for ind in site.indicators.index if ind in present]
    return pages


# ---------------------------------------------------------------- charts

def series_colours(site: SiteData, lang: Language, locality_ids: list[str]) -> list[ChartSeries]:
    ordered = [i for i in site.charted_localities() if i != NATIONAL]
    series = [ChartSeries(i, series_name(site, i, lang),
                          NATIONAL_COLOUR if i == NATIONAL else PALETTE[ordered.index(i) % len(PALETTE)])
              for i in locality_ids]
    return sorted(series, key=lambda s: s.id == NATIONAL)


def series_name(site: SiteData, locality_id: str, lang: Language) -> str:
    name = site.locality_name(locality_id, lang)
    return lang.gettext("%(name)s (national benchmark)") % {"name": name} if locality_id == NATIONAL else name


def chart_rows(site: SiteData, lang: Language, indicator: str, locality_ids: list[str],
               with_required_path: bool) -> list[dict]:
    rows = []
    for locality in locality_ids:
        records = site.figures(locality=locality, indicator=indicator, subdivision=None, unit="percent")
        for r in figure_rows(site, records, lang):
            rows.append(chart_point(site, lang, r))
        if with_required_path and locality != NATIONAL:
            rows += required_path(site, lang, locality, indicator)
    return rows


def chart_point(site: SiteData, lang: Language, r: dict) -> dict:
    name = series_name(site, r["locality"], lang)
    return {"series": name, "panel": site.locality_name(r["locality"], lang), "kind": r["kind"],
            "kind_label": r["kind_label"], "line": line_key(r),
            "date": r["end"].isoformat(), "value": r["value"],
            # A flagged figure says so wherever its value is read: tooltip, chart table, alt text.
            "value_label": f"{r['value_label']} ({r['flag_label']})" if r["flag"] else r["value_label"],
            "period_label": r["period_label"], "source_label": r["source_label"]}


def line_key(r: dict) -> str:
    """Actuals of a locality form one trajectory; each document's targets form their own line."""
    return f"{r['locality']}|actual" if r["kind"] == "actual" else f"{r['locality']}|target|{r['source']}"


def required_path(site: SiteData, lang: Language, locality: str, indicator: str) -> list[dict]:
    """The straight line from the latest actual to the target the analysis measured it against."""
    metrics = metrics_for(site, locality, indicator)
    gap = metrics.get("gap_to_target_pp")
    if gap is None or "required_pace_pp_per_year" not in metrics:   # met, or the deadline has passed
        return []
    # The metric's inputs are the very figures it used: match rows by period and source, not by
    # value (metrics are rounded, figures are not).
    target, latest = gap.inputs
    rows = figure_rows(site, site.figures(locality=locality, indicator=indicator, subdivision=None,
                                          unit="percent"), lang)

    def row_of(figure, kind):
        return next((r for r in rows if r["kind"] == kind and r["period"] == figure.period
                     and r["source"] == figure.source), None)

    start, end = row_of(latest, "actual"), row_of(target, "target")
    if start is None or end is None:
        return []
    points = []
    for r in (start, end):
        point = chart_point(site, lang, r)
        point.update(kind="required", kind_label=lang.kind("required"), line=f"{locality}|required")
        points.append(point)
    return points


def chart_titles(site: SiteData, lang: Language, indicator: str) -> dict:
    _ = lang.gettext
    # The denominator can be long: it is spelled out in the subtitle, the axis just says "%".
    return {"x": _("End of year"), "y": "%",
            "series": _("Locality"), "kind": _("Figure"), "period": _("Period"), "value": _("Value"),
            "source": _("Source")}


def make_chart(site: SiteData, lang: Language, chart_id: str, kind: str, indicator: str,
               locality_ids: list[str], title: str, with_required_path: bool = False) -> dict | None:
    rows = chart_rows(site, lang, indicator, locality_ids, with_required_path)
    if not rows:
        return None
    _ = lang.gettext
    shown = sorted({r["series"] for r in rows})
    series = [s for s in series_colours(site, lang, locality_ids) if s.label in shown]
    sources = sorted({r["source_label"] for r in rows})
    subtitle = [_("Percent of %(denominator)s. Solid: actual; dashed: target; dotted: required path.")
                % {"denominator": site.denominator(indicator, lang)}]
    subtitle.append(_("Sources: %(sources)s") % {"sources": "; ".join(sources)})
    alt = chart_alt_text(lang, title, rows)
    spec = chart_spec(kind, rows, series, chart_titles(site, lang, indicator), title,
                      [subtitle[0]] + wrap(subtitle[1], 110), alt)  # the caption below wraps by itself
    return {"id": chart_id, "spec": spec, "title": title, "subtitle": subtitle, "rows": rows,
            "csv": f"data/charts/{chart_id}.csv", "alt": alt}


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters (Vega titles do not wrap by themselves)."""
    return textwrap.wrap(text, width) or [""]


def chart_alt_text(lang: Language, title: str, rows: list[dict]) -> str:
    figures = "; ".join(f"{r['series']}, {r['kind_label']} {r['period_label']}: {r['value_label']}"
                        for r in rows if r["kind"] != "required")
    return f"{title}. {figures}."


# The overview compares coverage only, not plan-progress, debt or satisfaction figures.
COVERAGE_INDICATORS = ("bhxh", "bhxh_mandatory", "bhxh_voluntary", "bhtn", "bhyt", "pension")


def latest(site: SiteData, rows: list[dict], kind: str) -> dict | None:
    """The most recent whole-locality percentage of a kind; among targets for the same year, the
    one the analysis measures against (the locality's own, newest document)."""
    chosen = [r for r in rows if r["kind"] == kind and r["unit"] == "percent" and not r["subdivision"]
              and r["flag"] != "other_denominator"]
    rank = site.target_rank if kind == "target" else (lambda r: ())
    return max(chosen, key=lambda r: (r["end"], rank(r), r["source"]), default=None)


# ---------------------------------------------------------------- the pages

def home_page(site: SiteData, lang: Language) -> Page:
    _ = lang.gettext
    localities = site.charted_localities()
    charts = [make_chart(site, lang, f"home-{ind}", "trajectory", ind, localities,
                         site.indicator_name(ind, lang))
              for ind in site.indicators.index[site.indicators["headline"] == True]]  # noqa: E712
    shown = [ind for ind in site.indicators.index
             if ind in COVERAGE_INDICATORS and len(compared_localities(site, ind)) >= 2]
    overview = []
    for loc in localities:
        rows = figure_rows(site, site.figures(locality=loc), lang)
        cells = [{"target": latest(site, [r for r in rows if r["indicator"] == ind], "target"),
                  "actual": latest(site, [r for r in rows if r["indicator"] == ind], "actual")} for ind in shown]
        overview.append({"id": loc, "name": site.locality_name(loc, lang), "cells": cells})
    return Page(lang.code, "index.html", "home.html", _("Social and health insurance coverage: targets and results"),
                {"doc": document(site, lang, "home"), "charts": [c for c in charts if c],
                 "overview": overview,
                 "overview_indicators": [(i, site.indicator_name(i, lang),
                                          short_name(site.indicator_name(i, lang), lang)) for i in shown]})


def compared_localities(site: SiteData, ind: str) -> set[str]:
    """Localities other than the national level with a percentage figure for the indicator."""
    return {r["locality"] for r in site.figures(indicator=ind, subdivision=None, unit="percent")} - {NATIONAL}


def document(site: SiteData, lang: Language, name: str) -> dict | None:
    """The commentary in this language, or else in another one with a notice."""
    doc = site.documents.get((lang.code, name))
    if doc:
        return {"doc": doc, "fallback": False}
    for other in LANGUAGES:
        if (other, name) in site.documents:
            return {"doc": site.documents[(other, name)], "fallback": True, "fallback_lang": other}
    return None


def locality_page(site: SiteData, lang: Language, loc: str) -> Page:
    name = site.locality_name(loc, lang)
    rows = figure_rows(site, site.figures(locality=loc), lang)
    indicators = [i for i in site.indicators.index if any(r["indicator"] == i for r in rows)]
    sections = [locality_indicator_section(site, lang, loc, ind, [r for r in rows if r["indicator"] == ind])
                for ind in indicators]
    record = site.locality[loc]
    checks = [{"code": c.code, "text": check_sentence(site, lang, c)} for c in site.checks if c.locality == loc]
    source_ids = sorted({r["source"] for r in rows})
    return Page(lang.code, f"localities/{loc}.html", "locality.html", name, {
        "locality": {"id": loc, "name": name, "level": record["level"],
                     "reorganisation": record[f"reorganisation_note_{lang.code}"] or ""},
        "doc": document(site, lang, f"localities/{loc}"),
        "sections": sections,
        "figures": [r for r in rows if not r["subdivision"]],
        "subdivisions": subdivision_table(site, lang, [r for r in rows if r["subdivision"]]),
        "checks": checks,
        "documents": [source_entry(site, lang, s) for s in source_ids],
    })


def locality_indicator_section(site: SiteData, lang: Language, loc: str, ind: str, rows: list[dict]) -> dict:
    name = site.indicator_name(ind, lang)
    with_national = [loc] if loc == NATIONAL else [loc, NATIONAL]
    chart = make_chart(site, lang, f"{loc}-{ind}", "trajectory", ind, with_national,
                       f"{name} — {site.locality_name(loc, lang)}", with_required_path=True)
    metrics = metrics_for(site, loc, ind)
    facts = [f for f in (latest(site, rows, "target"), latest(site, rows, "actual")) if f]
    return {"id": ind, "name": name, "chart": chart,
            "status": status_badge(site, lang, metrics),
            "pace": pace_summary(site, lang, metrics, planned_paces(site, ind, loc)),
            "facts": [{"sentence": fact_sentence(site, lang, f), "quote": f["quote"], "quote_lang": f["quote_lang"]}
                      for f in facts],
            "notes": comparability_notes(site, lang, compared_rows(site, lang, ind, with_national))}


def compared_rows(site: SiteData, lang: Language, ind: str, locality_ids: list[str]) -> list[dict]:
    records = site.figures(indicator=ind, subdivision=None, unit="percent")
    return figure_rows(site, [r for r in records if r["locality"] in locality_ids], lang)


def subdivision_table(site: SiteData, lang: Language, rows: list[dict]) -> dict | None:
    """The ward table as the plan prints it: its column order, its stated total row, and the
    sum of the wards (derived) beneath, since the two differ in the documents."""
    if not rows:
        return None
    ordered = sorted(rows, key=lambda r: r["line"])
    indicators = list(dict.fromkeys(r["indicator"] for r in ordered))
    names = list(dict.fromkeys(r["subdivision"] for r in ordered))
    cells = {(r["subdivision"], r["indicator"]): r for r in rows}
    first = ordered[0]
    totals = site.figures(locality=first["locality"], source=first["source"], period=first["period"],
                          unit="persons", subdivision=None)
    stated = {r["indicator"]: r for r in figure_rows(site, totals, lang)}
    sums = [sum(cells[(n, i)]["value"] for n in names if (n, i) in cells) for i in indicators]
    return {"headings": [short_name(site.indicator_name(i, lang), lang) for i in indicators],
            "rows": [{"name": n, "cells": [cells[(n, i)]["value_label"] if (n, i) in cells else "—"
                                           for i in indicators]} for n in names],
            "stated": [stated[i]["value_label"] if i in stated else "—" for i in indicators],
            "sums": [lang.quantity(v, "persons") for v in sums],
            "period": first["period_label"], "source": first["source_label"]}


def short_name(indicator_name: str, lang: Language) -> str:
    """'Tỷ lệ tham gia BHXH bắt buộc' -> 'BHXH bắt buộc': for column headings (the ward table
    counts people, not rates; the overview needs narrow columns)."""
    short = re.sub(r"^Tỷ lệ (tham gia|bao phủ) ", "", indicator_name) if lang.code == "vi" \
        else re.sub(r" coverage$", "", indicator_name)
    return short[0].upper() + short[1:]


def indicator_page(site: SiteData, lang: Language, ind: str) -> Page:
    name = site.indicator_name(ind, lang)
    localities = site.charted_localities()
    all_chart = make_chart(site, lang, f"indicator-{ind}", "trajectory", ind, localities, name)
    multiples = make_chart(site, lang, f"indicator-{ind}-panels", "small_multiples", ind,
                           [loc for loc in localities], name)
    rows = figure_rows(site, site.figures(indicator=ind), lang)
    return Page(lang.code, f"indicators/{ind}.html", "indicator.html", name, {
        "indicator": {"id": ind, "name": name,
                      "denominator": site.denominator(ind, lang)},
        "main_chart": all_chart, "multiples": multiples,
        "figures": [r for r in rows if not r["subdivision"]],
        "caveats": comparability_notes(site, lang, [r for r in rows if not r["subdivision"]]),
        "doc": document(site, lang, f"indicators/{ind}"),
    })


def compare_page(site: SiteData, lang: Language) -> Page:
    """League tables of the indicators that at least two localities set targets for."""
    _ = lang.gettext
    compared = [ind for ind in site.indicators.index
                if len({r["locality"] for r in site.figures(indicator=ind, kind="target", subdivision=None,
                                                            unit="percent")} - {NATIONAL}) >= 2]
    tables = [league_tables(site, lang, ind) for ind in compared]
    single = [(ind, site.indicator_name(ind, lang)) for ind in site.indicators.index
              if ind not in compared and site.figures(indicator=ind, kind="target")]
    return Page(lang.code, "compare.html", "compare.html", _("Compare localities"),
                {"tables": [t for t in tables if t], "single": single})


def league_tables(site: SiteData, lang: Language, ind: str) -> dict | None:
    """Localities ranked by target for the most common target year, by planned pace, by gap to national."""
    targets = site.figures(indicator=ind, kind="target", unit="percent", subdivision=None)
    local = [r for r in targets if r["locality"] != NATIONAL and is_year(r["period"])]
    if not local:
        return None
    localities_by_year: dict[str, set] = {}
    for r in local:
        localities_by_year.setdefault(r["period"], set()).add(r["locality"])
    year = max(localities_by_year, key=lambda y: (len(localities_by_year[y]), y))
    counted: dict[str, dict] = {}   # one target per locality: the one the analysis measures against
    for r in figure_rows(site, [r for r in local if r["period"] == year], lang):
        if r["locality"] not in counted or site.target_rank(r) > site.target_rank(counted[r["locality"]]):
            counted[r["locality"]] = r
    by_target = sorted(counted.values(), key=lambda r: (-r["value"], r["locality"]))
    paces = [m for m in planned_paces(site, ind) if m.locality != NATIONAL]
    gaps = [m for m in site.metrics if m.indicator == ind and m.metric == "gap_to_national_pp" and m.period == year]
    national = figure_rows(site, site.figures(indicator=ind, kind="target", locality=NATIONAL, period=year,
                                              subdivision=None, unit="percent"), lang)
    return {"id": ind, "name": site.indicator_name(ind, lang), "year": year,
            "by_target": by_target, "national": national,
            "by_pace": [{"name": site.locality_name(m.locality, lang), "value": lang.signed(m.value),
                         "period": m.period, "document": source_label(site, m.inputs[0].source, lang),
                         "basis": explain(site, lang, m, {})}
                        for m in sorted(paces, key=lambda m: (-m.value, m.locality))],
            "by_gap": [{"name": site.locality_name(m.locality, lang), "value": lang.signed(m.value),
                        "basis": explain(site, lang, m, {})} for m in sorted(gaps, key=lambda m: -m.value)],
            "notes": comparability_notes(site, lang, by_target + national)}


def source_entry(site: SiteData, lang: Language, source_id: str) -> dict:
    s = site.source[source_id]
    return {"id": source_id, "number": s["number"] or "", "type": s["type"], "issuer": s["issuer"],
            "signer": s["signer"] or "", "issued": lang.date(s["issued"]), "title": s["title"],
            "url": s["url"] or "", "note": s["note"] or "",
            "count": len(site.figures(source=source_id))}


def sources_page(site: SiteData, lang: Language) -> Page:
    entries = []
    for source_id in site.sources.index:
        entry = source_entry(site, lang, source_id)
        entry["figures"] = figure_rows(site, site.figures(source=source_id), lang)
        entries.append(entry)
    return Page(lang.code, "sources.html", "sources.html", lang.gettext("Sources"), {"sources": entries})


def methodology_page(site: SiteData, lang: Language) -> Page:
    _ = lang.gettext
    return Page(lang.code, "methodology.html", "methodology.html", _("Methodology"), {
        "doc": document(site, lang, "methodology"),
        "indicators": [{"id": i, "name": site.indicator_name(i, lang),
                        "denominator": site.denominator(i, lang)}
                       for i in site.indicators.index],
        "qualifiers": [(q, _(QUALIFIER_NAMES[q])) for q in QUALIFIER_NAMES],
        "statuses": [{"id": s, "label": _(STATUS_WORDS[s]), "rule": _(STATUS_RULES[s])} for s in STATUS_WORDS],
        "flags": [(_(FLAG_WORDS[f]), _(FLAG_RULES[f])) for f in FLAG_WORDS],
    })


def data_page(site: SiteData, lang: Language) -> Page:
    return Page(lang.code, "data.html", "data.html", lang.gettext("Data"), {"checks": [{"code": c.code, "text": check_sentence(site, lang, c)} for c in site.checks]})
