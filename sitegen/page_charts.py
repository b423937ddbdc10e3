"""The charts of the pages: which figures each chart draws, labelled for the page's language,
which localities it highlights, and its titles (charts.py holds the drawing itself).

A chart with more localities than charts.MANY highlights a few — the national benchmark and
the localities with the highest and lowest latest actual — and draws the others as thin grey
lines; the reader picks others on the page (site.js). Its table lists the highlighted ones.
"""

from __future__ import annotations

import hashlib
import textwrap

from .charts import MANY, NATIONAL_COLOUR, PALETTE, encode_dataset
from .contexts import Chart, FigureView, Picker
from .figures import NATIONAL, Figure
from .i18n import Language
from .sitedata import SiteData
from .vocabulary import KINDS, LINE_STYLES, SCALES
from .wording import document_citation

SOURCES_LISTED = 6   # a chart lists its documents up to this many, else says how many


def series_name(site: SiteData, locality_id: str, lang: Language) -> str:
    name = site.locality_name(locality_id, lang)
    return lang.gettext("%(name)s (national benchmark)") % {"name": name} if locality_id == NATIONAL else name


def chart_rows(site: SiteData, lang: Language, indicator: str, locality_ids: list[str],
               with_required_path: bool) -> list[dict]:
    return [point for locality in locality_ids
            for point in locality_points(site, lang, indicator, locality, with_required_path)]


def locality_points(site: SiteData, lang: Language, indicator: str, locality: str,
                    with_required_path: bool) -> list[dict]:
    """One locality's points on a chart (made once: the national benchmark's are on every
    locality's chart)."""
    def make() -> list[dict]:
        points = [chart_point(site, lang, r) for r in site.views(site.whole_percent(locality, indicator), lang)]
        if with_required_path and locality != NATIONAL:
            points += required_path(site, lang, locality, indicator)
        return points

    return site.memo(("points", indicator, locality, lang.code, with_required_path), make)


def chart_point(site: SiteData, lang: Language, r: FigureView) -> dict:
    return site.memo(("point", r.figure.line, lang.code), lambda: {
        "locality": r.locality, "series": series_name(site, r.locality, lang), "panel": r.locality_name,
        "kind": r.kind, "kind_label": r.kind_label, "line": line_key(r.figure),
        "date": r.figure.end.isoformat(), "value": r.figure.value,
        # A flagged figure says so wherever its value is read: tooltip, chart table, alt text.
        "value_label": f"{r.value_label} ({r.flag_label})" if r.flag else r.value_label,
        "period_label": r.period_label, "source_label": r.source_label})


def line_key(f: Figure) -> str:
    """Actuals of a locality form one trajectory; each document's targets form their own line."""
    return f"{f.locality}|actual" if f.kind == "actual" else f"{f.locality}|target|{f.source}"


def required_path(site: SiteData, lang: Language, locality: str, indicator: str) -> list[dict]:
    """The straight line from the latest actual to the target the analysis measured it against:
    its metric's inputs are the very figures it used."""
    required = site.analysis.metrics_for(locality, indicator).get("required_pace_pp_per_year")
    if required is None:   # met, or the deadline has passed
        return []
    required_kind = KINDS["required"]
    return [{**chart_point(site, lang, site.view(figure, lang)), "kind": required_kind.id,
             "kind_label": lang.gettext(required_kind.label), "line": f"{locality}|required"}
            for figure in required.inputs]   # (latest actual, target)


def chart_titles(lang: Language) -> dict:
    _ = lang.gettext
    # The denominator can be long: it is spelled out in the subtitle, the axis just says "%".
    return {"x": _("End of year"), "y": "%", "series": _("Locality"), "kind": _("Figure"), "period": _("Period"),
            "value": _("Value"), "source": _("Source")}


def default_highlight(site: SiteData, indicator: str, locality_ids: list[str]) -> list[str]:
    """Every locality when few; else the national benchmark and the two localities with the
    highest and the two with the lowest latest actual (the page says so)."""
    others = [i for i in locality_ids if i != NATIONAL]
    if len(others) <= MANY:
        return list(locality_ids)
    latest = {i: f.value for i in others if (f := site.analysis.series_of(i, indicator).latest("actual"))}
    ranked = sorted(latest, key=lambda i: (-latest[i], others.index(i)))
    chosen = set(ranked[:2] + ranked[-2:])
    return [i for i in others if i in chosen] + [i for i in locality_ids if i == NATIONAL]


def make_chart(site: SiteData, lang: Language, chart_id: str, kind: str, indicator: str,
               locality_ids: list[str], title: str, with_required_path: bool = False, table: bool = True) -> Chart | None:
    rows = chart_rows(site, lang, indicator, locality_ids, with_required_path)
    if not rows:
        return None
    highlight = default_highlight(site, indicator, locality_ids)
    many = len(highlight) < len(locality_ids)
    subtitle = chart_subtitle(site, lang, indicator, rows)
    sources, documents = sources_of(rows), chart_documents(site, lang, indicator, locality_ids)
    # Counted by document, not by short label: one outlet's two articles share a label, and an
    # issuer may be named differently in each language, so labels would count differently in each.
    folded = len(documents) > SOURCES_LISTED
    sources_line = (lang.gettext("%(count)s sources, listed below.") % {"count": len(documents)} if folded
                    else lang.gettext("Sources: %(sources)s") % {"sources": "; ".join(sources)})
    chosen = [r for r in rows if r["locality"] in highlight]
    dataset = encode_dataset(rows)
    dataset["colours"] = fixed_colours(site, [s[0] for s in dataset["series"]])
    config = {"kind": kind, "dataset": dataset_id(indicator, locality_ids, with_required_path), "title": title,
              "subtitle": [subtitle] + wrap(sources_line, 110), "highlight": highlight, "many": many}
    return Chart(chart_id, config, dataset, title, subtitle, sources, folded, rows, chosen if table else [],
                 f"data/charts/{chart_id}-{lang.code}.csv", chart_alt_text(title, chosen), many, documents)


def chart_documents(site: SiteData, lang: Language, indicator: str, locality_ids: list[str]) -> list[str]:
    """The documents of the chart's figures, cited in full (the required path is drawn from the
    same figures, so it adds none)."""
    ids = {f.source for locality in locality_ids for f in site.whole_percent(locality, indicator)}
    return sorted({document_citation(site, lang, i) for i in ids})   # two records of one document cite alike


def sources_of(rows: list[dict]) -> list[str]:
    return sorted({r["source_label"] for r in rows})


def chart_subtitle(site: SiteData, lang: Language, indicator: str, rows: list[dict]) -> str:
    """The unit and the styles of the lines drawn."""
    unit = lang.gettext(SCALES[site.indicators[indicator].unit].subtitle) % {
        "denominator": site.denominator(indicator, lang)}
    drawn = {r["kind"] for r in rows}
    styles = LINE_STYLES.get(tuple(kind for kind in KINDS if kind in drawn))
    return f"{unit} {lang.gettext(styles)}" if styles else unit


def fixed_colours(site: SiteData, locality_ids: list[str]) -> list[str]:
    """Each locality's colour, the same on every chart of the site (by its place in
    localities.csv); the national benchmark near-black. Used while every locality is coloured."""
    place = site.memo(("colour places",), lambda: {i: n for n, i in enumerate(
        i for i in site.charted_localities if i != NATIONAL)})   # once: every chart would be O(N)
    return [NATIONAL_COLOUR if i == NATIONAL else PALETTE[place[i] % len(PALETTE)] for i in locality_ids]


def dataset_id(indicator: str, locality_ids: list[str], with_required_path: bool) -> str:
    """The same figures have the same id, so a page sends them once (a chart and its panels)."""
    key = "|".join([indicator, str(with_required_path)] + locality_ids)
    return f"{indicator}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` characters (Vega titles do not wrap by themselves)."""
    return textwrap.wrap(text, width) or [""]


def chart_alt_text(title: str, rows: list[dict]) -> str:
    """The title and every figure of `rows` (the highlighted localities'; the required path is
    drawn from figures already listed). site.js (describe) writes the drawing's in this form; a
    browser test holds the two to each other."""
    figures = "; ".join(f"{r['series']}, {r['kind_label']} {r['period_label']}: {r['value_label']}"
                        for r in rows if r["kind"] != "required")
    return f"{title}. {figures}."


def chart_picker(site: SiteData, lang: Language, charts: list[Chart | None]) -> Picker | None:
    """The localities of a page's crowded charts, for the reader to highlight; None when no
    chart on the page is crowded."""
    crowded = [c for c in charts if c and c.many]
    if not crowded:
        return None
    drawn = {s[0] for c in crowded for s in c.dataset["series"]}
    options = [(i, site.locality_name(i, lang)) for i in site.charted_localities if i in drawn and i != NATIONAL]
    note = lang.gettext("With this many localities, each chart highlights the national benchmark and the two "
                        "localities with the highest and the two with the lowest latest actual on it; the "
                        "others are the thin grey lines. Pick localities to highlight them instead: the "
                        "page's address keeps your choice, so a link to it shows the same view.")
    return Picker(options, note)
