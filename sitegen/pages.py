"""Pages: the valid data, metrics, checks and commentary -> one `Page` per URL and language.

Each page is a template name plus a context dict; the context holds plain values
(already translated and formatted for the page's language) so templates stay simple.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import textwrap
from types import SimpleNamespace
from datetime import date

import pandas as pd

from .analysis import NATIONAL, Metric
from .charts import NATIONAL_COLOUR, PALETTE, ChartSeries, chart_spec
from .consistency import Check
from .content import Document
from .i18n import LANGUAGES, Language, N_
from .periods import is_year, period_end

REORGANISATION = date(2025, 7, 1)
STATUS_WORDS = {
    "met": N_("target met"), "on_track": N_("on track"), "behind": N_("behind"),
    "no_actual": N_("no published actual"), "not_comparable": N_("not comparable"),
}
STATUS_RULES = {
    "met": N_("The latest actual figure already reaches the target of the same or the next period."),
    "on_track": N_("Target not yet reached, but the pace between the two latest actual figures is fast "
                   "enough to reach it on time from the latest actual."),
    "behind": N_("Target not yet reached, and the pace between the two latest actual figures is too slow "
                 "to reach it on time."),
    "no_actual": N_("The locality has a target but no published actual figure for this indicator."),
    "not_comparable": N_("An actual figure exists but cannot be judged: only one actual figure (no observed "
                         "pace), or no target for its period or later."),
}


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


@dataclass
class SiteData:
    """Everything the pages are made from, validated and computed once."""
    localities: pd.DataFrame
    indicators: pd.DataFrame
    sources: pd.DataFrame
    observations: pd.DataFrame
    metrics: list[Metric]
    checks: list[Check]
    documents: dict[tuple[str, str], Document]

    def __post_init__(self) -> None:
        # Plain dicts: pages look figures up thousands of times, which is slow through pandas.
        self.records = self.observations.to_dict("records")
        self.locality = {i: dict(r) for i, r in self.localities.to_dict("index").items()}
        self.indicator = {i: dict(r) for i, r in self.indicators.to_dict("index").items()}
        self.source = {i: dict(r) for i, r in self.sources.to_dict("index").items()}
        self.labelled: dict[tuple[str, int], dict] = {}
        self.matches: dict[tuple, list[dict]] = {}
        self.index: dict[tuple[str, object], list[dict]] = {}
        for r in self.records:
            for column in ("locality", "indicator", "source"):
                self.index.setdefault((column, r[column]), []).append(r)

    def locality_name(self, locality_id: str, lang: Language) -> str:
        return self.locality[locality_id][f"name_{lang.code}"]

    def indicator_name(self, indicator_id: str, lang: Language) -> str:
        return self.indicator[indicator_id][f"name_{lang.code}"]

    def denominator(self, indicator_id: str, lang: Language) -> str:
        return self.indicator[indicator_id][f"denominator_{lang.code}"]

    def figures(self, **where) -> list[dict]:
        """Observation records matching every column=value (None matches an empty cell).
        Pages ask the same questions in every language, so answers are kept."""
        key = tuple(sorted(where.items()))
        if key not in self.matches:
            candidates = min((self.index.get((k, v), []) for k, v in where.items()
                              if k in ("locality", "indicator", "source")), key=len, default=self.records)
            self.matches[key] = [r for r in candidates
                                 if all((r[k] is None) if v is None else r[k] == v for k, v in where.items())]
        return self.matches[key]

    def charted_localities(self) -> list[str]:
        present = set(self.observations["locality"])
        return [i for i in self.localities.index if i in present]


def build_pages(site: SiteData, lang: Language) -> list[Page]:
    pages = [home_page(site, lang), compare_page(site, lang), sources_page(site, lang),
             methodology_page(site, lang), data_page(site, lang),
             Page(lang.code, "404.html", "404.html", lang.gettext("Page not found"))]
    pages += [locality_page(site, lang, loc) for loc in site.charted_localities()]
    present = set(site.observations["indicator"])
    pages += [indicator_page(site, lang, ind) for ind in site.indicators.index if ind in present]
    return pages


# ---------------------------------------------------------------- labels and citations

def source_label(site: SiteData, source_id: str, lang: Language) -> str:
    """'64/KH-UBND, 12/04/2021' or 'VietnamPlus, 15/08/2022': short and quotable."""
    source = site.source[source_id]
    name = source["number"] or source["issuer"]
    when = lang.date(source["issued"])
    return f"{name}, {when}" if when else name


def figure_row(site: SiteData, row, lang: Language) -> dict:
    """One figure with every label a table, tooltip or fact box needs."""
    return {
        "locality": row.locality, "locality_name": site.locality_name(row.locality, lang),
        "subdivision": row.subdivision or "", "indicator": row.indicator,
        "indicator_name": site.indicator_name(row.indicator, lang),
        "period": row.period, "period_label": lang.period(row.period), "end": period_end(row.period),
        "kind": row.kind, "kind_label": lang.kind(row.kind), "value": row.value, "unit": row.unit,
        "value_label": lang.qualified(row.value, row.unit, row.qualifier), "qualifier": row.qualifier,
        "source": row.source, "source_label": source_label(site, row.source, lang),
        "quote": row.quote, "note": row.note or "", "line": row._line,
        "before_reorganisation": period_end(row.period) < REORGANISATION,
    }


def figure_rows(site: SiteData, records: list[dict], lang: Language) -> list[dict]:
    rows = []
    for r in records:
        key = (lang.code, r["_line"])
        if key not in site.labelled:
            site.labelled[key] = figure_row(site, SimpleNamespace(**r), lang)
        rows.append(site.labelled[key])
    return sorted(rows, key=lambda r: (r["locality"] != NATIONAL, r["locality"], r["indicator"],
                                       r["end"], r["kind"], r["unit"], r["subdivision"], r["source"]))


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
            "date": r["end"].isoformat(), "value": r["value"], "value_label": r["value_label"],
            "period_label": r["period_label"], "source_label": r["source_label"]}


def line_key(r: dict) -> str:
    """Actuals of a locality form one trajectory; each document's targets form their own line."""
    return f"{r['locality']}|actual" if r["kind"] == "actual" else f"{r['locality']}|target|{r['source']}"


def required_path(site: SiteData, lang: Language, locality: str, indicator: str) -> list[dict]:
    """The straight line from the latest actual to the target the analysis measured it against."""
    metrics = metrics_for(site, locality, indicator)
    actual, gap = metrics.get("latest_actual"), metrics.get("gap_to_target_pp")
    if actual is None or gap is None or gap.value <= 0:
        return []
    rows = figure_rows(site, site.figures(locality=locality, indicator=indicator, subdivision=None,
                                          unit="percent"), lang)
    start = next(r for r in rows if r["kind"] == "actual" and r["period"] == actual.period
                 and r["value"] == actual.value)
    end = next(r for r in rows if r["kind"] == "target" and r["period"] == gap.period
               and abs(r["value"] - (actual.value + gap.value)) < 1e-6)
    points = []
    for r in (start, end):
        point = chart_point(site, lang, r)
        point.update(kind="required", kind_label=lang.kind("required"), line=f"{locality}|required")
        points.append(point)
    return points


def chart_titles(site: SiteData, lang: Language, indicator: str) -> dict:
    _ = lang.gettext
    return {"x": _("End of year"), "y": "% " + site.denominator(indicator, lang),
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
    subtitle += wrap(_("Sources: %(sources)s") % {"sources": "; ".join(sources)}, 110)
    alt = chart_alt_text(lang, title, rows)
    spec = chart_spec(kind, rows, series, chart_titles(site, lang, indicator), title, subtitle, alt)
    return {"id": chart_id, "spec": spec, "title": title, "subtitle": subtitle, "rows": rows,
            "csv": f"data/charts/{chart_id}.csv", "alt": alt}


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters (Vega titles do not wrap by themselves)."""
    return textwrap.wrap(text, width) or [""]


def chart_alt_text(lang: Language, title: str, rows: list[dict]) -> str:
    figures = "; ".join(f"{r['series']}, {r['kind_label']} {r['period_label']}: {r['value_label']}"
                        for r in rows if r["kind"] != "required")
    return f"{title}. {figures}."


# ---------------------------------------------------------------- metrics and fact boxes

def metrics_for(site: SiteData, locality: str, indicator: str) -> dict[str, Metric]:
    found: dict[str, Metric] = {}
    for m in site.metrics:
        if m.locality == locality and m.indicator == indicator:
            found.setdefault(m.metric, m)
            if m.metric == "planned_pace_pp_per_year":
                found["planned_pace_pp_per_year"] = m  # the last pair: first to last target
    return found


BASIS = {
    "planned_pace_pp_per_year": N_("from the target %(a)s to the target %(b)s"),
    "gap_to_national_pp": N_("local target %(a)s minus national target %(b)s"),
    "latest_actual": N_("actual %(a)s"),
    "gap_to_target_pp": N_("target %(a)s minus actual %(b)s"),
    "required_pace_pp_per_year": N_("in a straight line from the actual %(a)s to the target %(b)s"),
    "observed_pace_pp_per_year": N_("between the actual figures %(a)s and %(b)s"),
    "met": N_("the actual %(a)s reaches the target %(b)s"),
    "on_track": N_("observed pace %(observed)s, fast enough for the %(required)s needed to go from the "
                   "actual %(a)s to the target %(b)s"),
    "behind": N_("observed pace %(observed)s, too slow for the %(required)s needed to go from the actual "
                 "%(a)s to the target %(b)s"),
    "single_actual": N_("the actual %(a)s does not meet the target %(b)s; with a single actual figure there is "
                        "no observed pace"),
    "past_due": N_("the actual %(a)s does not meet the target %(b)s, whose date has passed"),
    "no_later_target": N_("no target for the period of the actual %(a)s or later (latest target %(b)s)"),
    "no_actual": N_("targets exist (latest %(a)s) but no published actual figure"),
}


def cite(site: SiteData, lang: Language, figure) -> str:
    """'ít nhất 50% (2025, 64/KH-UBND, 12/04/2021)': a figure as the metrics used it."""
    return (f"{lang.qualified(figure.value, 'percent', figure.qualifier)} "
            f"({lang.period(figure.period)}; {source_label(site, figure.source, lang)})")


def pace_text(lang: Language, metric: Metric | None) -> str:
    return f"{lang.signed(metric.value)} {lang.gettext('pp/year')}" if metric else ""


def explain(site: SiteData, lang: Language, metric: Metric, metrics: dict[str, Metric]) -> str:
    """How a derived number was derived, in the page's language (metrics.csv has it in English)."""
    cited = [cite(site, lang, f) for f in metric.inputs] + ["", ""]
    values = {"a": cited[0], "b": cited[1],
              "observed": pace_text(lang, metrics.get("observed_pace_pp_per_year")),
              "required": pace_text(lang, metrics.get("required_pace_pp_per_year"))}
    key = metric.reason if metric.metric == "status" else metric.metric
    return lang.gettext(BASIS[key]) % values


def status_badge(site: SiteData, lang: Language, metrics: dict[str, Metric]) -> dict | None:
    metric = metrics.get("status")
    if metric is None:
        return None
    return {"status": metric.value, "label": lang.gettext(STATUS_WORDS[metric.value]),
            "rule": lang.gettext(STATUS_RULES[metric.value]), "basis": explain(site, lang, metric, metrics)}


def latest(rows: list[dict], kind: str) -> dict | None:
    chosen = [r for r in rows if r["kind"] == kind and r["unit"] == "percent" and not r["subdivision"]]
    return max(chosen, key=lambda r: (r["end"], r["source"]), default=None)


def fact_sentence(site: SiteData, lang: Language, r: dict) -> str:
    """One quotable sentence: figure, period, qualifier, citation."""
    source = site.source[r["source"]]
    document = source["number"] or source["title"]
    citation = f"{document} ({source['issuer']}, {lang.date(source['issued'])})" if source["issued"] \
        else f"{document} ({source['issuer']})"
    denominator = site.denominator(r["indicator"], lang)
    template = (lang.gettext("According to %(citation)s, the %(indicator)s target of %(locality)s for "
                             "%(period)s is %(value)s of the %(denominator)s.") if r["kind"] == "target" else
                lang.gettext("According to %(citation)s, the %(indicator)s of %(locality)s was %(value)s of the "
                             "%(denominator)s (%(period)s)."))
    return template % {"citation": citation, "indicator": in_sentence(r["indicator_name"]),
                       "locality": r["locality_name"],
                       "period": r["period_label"], "value": r["value_label"], "denominator": denominator}


def in_sentence(name: str) -> str:
    """'Tỷ lệ tham gia BHXH' -> 'tỷ lệ tham gia BHXH' inside a sentence; acronyms (BHYT…) stay."""
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def pace_summary(site: SiteData, lang: Language, metrics: dict[str, Metric]) -> list[dict]:
    labels = {"planned_pace_pp_per_year": N_("Planned pace"),
              "required_pace_pp_per_year": N_("Required pace from the latest actual"),
              "observed_pace_pp_per_year": N_("Observed pace between the two latest actuals"),
              "gap_to_target_pp": N_("Gap to target")}
    rows = []
    for metric_id, label in labels.items():
        m = metrics.get(metric_id)
        if m is not None:
            unit = lang.gettext("pp/year") if m.unit == "pp_per_year" else lang.gettext("pp")
            rows.append({"label": lang.gettext(label), "value": f"{lang.signed(m.value)} {unit}",
                         "period": m.period, "basis": explain(site, lang, m, metrics)})
    return rows


# ---------------------------------------------------------------- comparability

def comparability_notes(site: SiteData, lang: Language, rows: list[dict]) -> list[str]:
    """Warnings for a comparison that mixes things that differ."""
    _ = lang.gettext
    notes = []
    localities = {r["locality"] for r in rows if r["locality"] != NATIONAL}
    levels = {site.locality[i]["level"] for i in localities}
    if "city" in levels and len(levels) > 1:
        notes.append(_("A district-level city (thành phố Trà Vinh) is compared with provinces and "
                       "centrally-run municipalities."))
    qualifiers = {r["qualifier"] for r in rows if r["kind"] == "target"}
    if len(qualifiers) > 1:
        words = ", ".join(sorted(lang.gettext(QUALIFIER_NAMES[q]) for q in qualifiers))
        notes.append(_("Targets are worded differently (%(words)s): “at least” is a floor, “about” is not.")
                     % {"words": words})
    if len({r["end"] for r in rows}) > 1 and any(len(r["period"]) > 4 for r in rows):
        notes.append(_("Figures have different reference dates (year-end, month-end or a given day)."))
    if any(r["before_reorganisation"] for r in rows) and localities & MERGED:
        notes.append(_("Figures dated before 1 July 2025 describe the units as they were before the "
                       "reorganisation (Hải Phòng without Hải Dương, Đà Nẵng without Quảng Nam, thành phố "
                       "Trà Vinh before it was dissolved)."))
    denominators = {r.get("note") for r in rows if r.get("note") and "denominator" in r.get("note", "").lower()}
    if denominators:
        notes.append(_("Some figures use a different denominator; see the note in the table."))
    return notes


MERGED = {"hai-phong", "da-nang", "tra-vinh"}
QUALIFIER_NAMES = {"at_least": N_("at least"), "about": N_("about"), "over": N_("over"),
                   "at_most": N_("at most"), "under": N_("under"), "exact": N_("exact")}


# ---------------------------------------------------------------- the pages

def home_page(site: SiteData, lang: Language) -> Page:
    _ = lang.gettext
    localities = site.charted_localities()
    charts = [make_chart(site, lang, f"home-{ind}", "trajectory", ind, localities,
                         site.indicator_name(ind, lang))
              for ind in site.indicators.index[site.indicators["headline"] == True]]  # noqa: E712
    shown = [ind for ind in site.indicators.index if len(compared_localities(site, ind)) >= 2]
    overview = []
    for loc in localities:
        rows = figure_rows(site, site.figures(locality=loc), lang)
        cells = [{"target": latest([r for r in rows if r["indicator"] == ind], "target"),
                  "actual": latest([r for r in rows if r["indicator"] == ind], "actual")} for ind in shown]
        overview.append({"id": loc, "name": site.locality_name(loc, lang), "cells": cells})
    return Page(lang.code, "index.html", "home.html", _("Social and health insurance coverage: targets and results"),
                {"doc": document(site, lang, "home"), "charts": [c for c in charts if c],
                 "overview": overview,
                 "overview_indicators": [(i, site.indicator_name(i, lang)) for i in shown]})


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
    checks = [c for c in site.checks if c.locality == loc]
    source_ids = sorted({r["source"] for r in rows})
    return Page(lang.code, f"localities/{loc}.html", "locality.html", name, {
        "locality": {"id": loc, "name": name, "level": record["level"],
                     "reorganisation": record[f"reorganisation_note_{lang.code}"] or ""},
        "doc": document(site, lang, f"localities/{loc}"),
        "sections": sections,
        "figures": [r for r in rows if not r["subdivision"]],
        "subdivisions": subdivision_table(lang, [r for r in rows if r["subdivision"]]),
        "checks": checks,
        "documents": [source_entry(site, lang, s) for s in source_ids],
    })


def locality_indicator_section(site: SiteData, lang: Language, loc: str, ind: str, rows: list[dict]) -> dict:
    name = site.indicator_name(ind, lang)
    with_national = [loc] if loc == NATIONAL else [loc, NATIONAL]
    chart = make_chart(site, lang, f"{loc}-{ind}", "trajectory", ind, with_national,
                       f"{name} — {site.locality_name(loc, lang)}", with_required_path=True)
    metrics = metrics_for(site, loc, ind)
    facts = [f for f in (latest(rows, "target"), latest(rows, "actual")) if f]
    return {"id": ind, "name": name, "chart": chart,
            "status": status_badge(site, lang, metrics),
            "pace": pace_summary(site, lang, metrics),
            "facts": [{"sentence": fact_sentence(site, lang, f), "quote": f["quote"]} for f in facts],
            "notes": comparability_notes(site, lang, compared_rows(site, lang, ind, with_national))}


def compared_rows(site: SiteData, lang: Language, ind: str, locality_ids: list[str]) -> list[dict]:
    records = site.figures(indicator=ind, subdivision=None, unit="percent")
    return figure_rows(site, [r for r in records if r["locality"] in locality_ids], lang)


def subdivision_table(lang: Language, rows: list[dict]) -> dict | None:
    if not rows:
        return None
    indicators = sorted({(r["indicator"], r["indicator_name"]) for r in rows})
    names = list(dict.fromkeys(r["subdivision"] for r in sorted(rows, key=lambda r: r["line"])))
    cells = {(r["subdivision"], r["indicator"]): r for r in rows}
    return {"indicators": indicators,
            "rows": [{"name": n, "cells": [cells.get((n, i)) for i, _ in indicators]} for n in names],
            "period": rows[0]["period_label"], "source": rows[0]["source_label"]}


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
    _ = lang.gettext
    tables = []
    for ind in site.indicators.index:
        table = league_tables(site, lang, ind)
        if table:
            tables.append(table)
    return Page(lang.code, "compare.html", "compare.html", _("Compare localities"), {"tables": tables})


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
    by_target = sorted(figure_rows(site, [r for r in local if r["period"] == year], lang),
                       key=lambda r: -r["value"])
    paces = [m for m in site.metrics if m.indicator == ind and m.metric == "planned_pace_pp_per_year"
             and m.locality != NATIONAL]
    last_pace = {}
    for m in paces:
        last_pace[m.locality] = m  # the first-to-last pair comes last
    gaps = [m for m in site.metrics if m.indicator == ind and m.metric == "gap_to_national_pp" and m.period == year]
    national = figure_rows(site, site.figures(indicator=ind, kind="target", locality=NATIONAL, period=year,
                                              subdivision=None, unit="percent"), lang)
    return {"id": ind, "name": site.indicator_name(ind, lang), "year": year,
            "by_target": by_target, "national": national,
            "by_pace": [{"name": site.locality_name(m.locality, lang), "value": lang.signed(m.value),
                         "period": m.period, "basis": explain(site, lang, m, {})}
                        for m in sorted(last_pace.values(), key=lambda m: -m.value)],
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
    })


def data_page(site: SiteData, lang: Language) -> Page:
    return Page(lang.code, "data.html", "data.html", lang.gettext("Data"), {"checks": site.checks})
