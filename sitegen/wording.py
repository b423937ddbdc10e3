"""Wording: the sentences, badges and caveats that explain figures and metrics to a reader,
in the page's language (fact boxes, status rules, how each derived number was derived).
"""

from __future__ import annotations

from .analysis import NATIONAL, Metric
from .i18n import Language, N_
from .periods import is_year
from .sitedata import SiteData, source_label

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


FLAG_RULES = {
    "uncertain": N_("The source leaves doubt (a date, a year, figures identical to the plan): the figure is "
                    "shown and used, and every number derived from it says so."),
    "background": N_("A figure from before the period of the plans, kept for context."),
    "other_denominator": N_("Measured on another base than the indicator's: shown, but never measured "
                            "against a target."),
    "denominator_wording": N_("The document words the base differently (for example, population excluding "
                              "the armed forces); compare with care."),
}


QUALIFIER_NAMES = {"at_least": N_("at least"), "about": N_("about"), "over": N_("over"),
                   "at_most": N_("at most"), "under": N_("under"), "exact": N_("exact")}




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


def metrics_for(site: SiteData, locality: str, indicator: str) -> dict[str, Metric]:
    """The metrics of one locality and indicator by id (planned paces: see planned_paces)."""
    return {m.metric: m for m in site.metrics
            if m.locality == locality and m.indicator == indicator and m.metric != "planned_pace_pp_per_year"}


def planned_paces(site: SiteData, indicator: str, locality: str | None = None) -> list[Metric]:
    """One planned pace per locality and document: from its first to its last target year."""
    widest: dict[tuple[str, str], Metric] = {}
    for m in site.metrics:
        if m.metric != "planned_pace_pp_per_year" or m.indicator != indicator:
            continue
        if locality is not None and m.locality != locality:
            continue
        key = (m.locality, m.inputs[0].source)
        span = lambda metric: metric.inputs[1].end - metric.inputs[0].end  # noqa: E731
        if key not in widest or span(m) > span(widest[key]):
            widest[key] = m
    return list(widest.values())


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
    text = lang.gettext(BASIS[key]) % values
    if any(getattr(f, "flag", "") == "uncertain" for f in metric.inputs):
        text += " (" + lang.gettext("based on a figure marked uncertain") + ")"
    return text


def status_badge(site: SiteData, lang: Language, metrics: dict[str, Metric]) -> dict | None:
    metric = metrics.get("status")
    if metric is None:
        return None
    return {"status": metric.value, "label": lang.gettext(STATUS_WORDS[metric.value]),
            "rule": lang.gettext(STATUS_RULES[metric.value]), "basis": explain(site, lang, metric, metrics)}


def fact_sentence(site: SiteData, lang: Language, r: dict) -> str:
    """One quotable sentence: figure, period, qualifier, citation."""
    citation = document_citation(site, lang, r["source"])
    denominator = site.denominator(r["indicator"], lang)
    template = (lang.gettext("According to %(citation)s, %(locality)s's target for %(indicator)s for "
                             "%(period)s is %(value)s of the %(denominator)s.") if r["kind"] == "target" else
                lang.gettext("According to %(citation)s, %(locality)s's %(indicator)s was %(value)s of the "
                             "%(denominator)s (%(period)s)."))
    return template % {"citation": citation, "indicator": in_sentence(r["indicator_name"]),
                       "locality": r["locality_name"],
                       "period": (lang.gettext("the year %(year)s") % {"year": r["period"]} if is_year(r["period"])
                                  else r["period_label"]),
                       "value": r["value_label"], "denominator": denominator} + flag_caveat(lang, r)


def document_citation(site: SiteData, lang: Language, source_id: str) -> str:
    """'64/KH-UBND (UBND thành phố Đà Nẵng, 12/04/2021)', or for a news item without a number
    its outlet first: 'Vietnam.vn, “Hơn 95% dân số…”'."""
    source = site.source[source_id]
    when = lang.date(source["issued"]) if source["issued"] else ""
    if source["number"]:
        return f"{source['number']} ({', '.join(filter(None, (source['issuer'], when)))})"
    return f"{source['issuer']}, “{source['title']}”" + (f" ({when})" if when else "")


def flag_caveat(lang: Language, r: dict) -> str:
    """A flagged figure keeps its warning when the sentence is copied."""
    if not r["flag"]:
        return ""
    return " " + lang.gettext("Caution: %(flag)s; see the note in the table of figures.") % {"flag": r["flag_label"]}


def in_sentence(name: str) -> str:
    """'Tỷ lệ tham gia BHXH' -> 'tỷ lệ tham gia BHXH' inside a sentence; acronyms (BHYT…) and
    names with a proper noun in them ('Youth Union members…') stay as they are."""
    proper_noun = any(w[:1].isupper() and w[1:2].islower() for w in name.split()[1:])
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() and not proper_noun else name


def pace_summary(site: SiteData, lang: Language, metrics: dict[str, Metric], paces: list[Metric]) -> list[dict]:
    """Planned pace of each document, then required and observed pace and the gap to target."""
    labels = {"required_pace_pp_per_year": N_("Required pace from the latest actual"),
              "observed_pace_pp_per_year": N_("Observed pace between the two latest actuals"),
              "gap_to_target_pp": N_("Gap to target")}
    rows = []
    for m in paces:
        label = lang.gettext("Planned pace (%(document)s)") % {"document": source_label(site, m.inputs[0].source, lang)}
        rows.append(pace_row(site, lang, label, m, metrics))
    for metric_id, label in labels.items():
        if metric_id in metrics:
            rows.append(pace_row(site, lang, lang.gettext(label), metrics[metric_id], metrics))
    return rows


def pace_row(site: SiteData, lang: Language, label: str, m: Metric, metrics: dict[str, Metric]) -> dict:
    unit = lang.gettext("pp/year") if m.unit == "pp_per_year" else lang.gettext("pp")
    return {"label": label, "value": f"{lang.signed(m.value)} {unit}", "period": m.period,
            "basis": explain(site, lang, m, metrics)}


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
    changed = sorted({r["locality"] for r in rows if r["before_reorganisation"]
                      and site.locality[r["locality"]]["reorganised"]})
    if changed:
        names = ", ".join(site.locality[i][f"name_{lang.code}"] for i in changed)
        notes.append(_("Figures dated before 1 July 2025 describe %(names)s as they were before the "
                       "reorganisation of that date.") % {"names": names})
    other_base = sorted({f"{r['locality_name']} ({r['source_label']})" for r in rows
                         if r["flag"] in ("other_denominator", "denominator_wording")})
    if other_base:
        notes.append(_("Some figures are measured on a base worded differently in their document: %(figures)s.")
                     % {"figures": "; ".join(other_base)})
    return notes


def check_sentence(site: SiteData, lang: Language, check) -> str:
    """A consistency warning in the page's language, with names, numbers and documents as the
    reader knows them (checks.csv and `sitegen check` keep the English message)."""
    _ = lang.gettext
    f = check.facts
    if not f:
        return check.message
    where = {"locality": site.locality_name(check.locality, lang), "period": lang.period(check.period),
             "kind": lang.kind(f["kind"]), "source": source_label(site, f["source"], lang) if "source" in f else ""}
    if check.code == "subdivision-sum":
        return _("%(locality)s, %(indicator)s, %(kind)s %(period)s: the %(count)s wards or communes add up to "
                 "%(sum)s, but the stated total is %(total)s (%(source)s).") % {
            **where, "indicator": in_sentence(site.indicator_name(check.indicator, lang)), "count": f["count"],
            "sum": lang.quantity(f["sum"], "persons"), "total": lang.quantity(f["total"], "persons")}
    if check.code == "part-sum":
        parts = " + ".join(in_sentence(site.indicator_name(p, lang)) for p in f["parts"])
        return _("%(locality)s, %(kind)s %(period)s: %(parts)s = %(sum)s, but %(whole)s is stated as %(total)s "
                 "(%(source)s).") % {
            **where, "parts": parts, "whole": in_sentence(site.indicator_name(check.indicator, lang)),
            "sum": lang.quantity(f["sum"], f["unit"]), "total": lang.quantity(f["total"], f["unit"])}
    if check.code == "denominator-mismatch":
        implied_by = [_("%(indicator)s implies %(denominator)s (%(count)s ÷ %(rate)s)") % {
            "indicator": in_sentence(site.indicator_name(ind, lang)), "denominator": lang.number(value, 0),
            "count": lang.number(count, 0), "rate": lang.quantity(rate, "percent")}
            for ind, value, count, rate in f["implied"]]
        return _("%(locality)s, %(kind)s %(period)s: the counts and rates imply different denominators: "
                 "%(low)s but %(high)s (%(source)s).") % {**where, "low": implied_by[0], "high": implied_by[1]}
    if check.code == "source-disagreement":
        (low, low_source), (high, high_source) = f["values"]
        return _("%(locality)s, %(indicator)s, %(kind)s %(period)s: %(low)s in %(low_source)s but %(high)s in "
                 "%(high_source)s.") % {
            **where, "indicator": in_sentence(site.indicator_name(check.indicator, lang)),
            "low": lang.quantity(low, f["unit"]), "low_source": source_label(site, low_source, lang),
            "high": lang.quantity(high, f["unit"]), "high_source": source_label(site, high_source, lang)}
    return check.message
