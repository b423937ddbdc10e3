"""Wording: the sentences, badges and caveats that explain figures, metrics and checks to a
reader, in the page's language. Every template comes from a definition in vocabulary.py or
consistency.py; the English rendering of the same templates is what metrics.csv, checks.csv
and `sitegen check` print, so no rule is worded twice.
"""

from __future__ import annotations

from typing import Callable

from .analysis import Metric
from .consistency import IMPLIED_PHRASE, Amount, Check, Implied, Ref
from .contexts import CheckView, FigureView, PaceRow, StatusView
from .figures import NATIONAL, Figure
from .i18n import Language
from .sitedata import Names, qualified
from .vocabulary import KINDS, METRICS, REASONS, REORGANISATION, STATUSES

Citer = Callable[[Figure], str]


def cite(site: Names, lang: Language, figure: Figure) -> str:
    """'ít nhất 50% (2025; 64/KH-UBND, 12/04/2021)': a figure as a metric used it."""
    return (f"{qualified(lang, figure.value, figure.unit, figure.qualifier.id)} "
            f"({lang.period(figure.period)}; {site.source_label(figure.source, lang)})")


def data_citer(lang: Language) -> Citer:
    """Citations for the published CSVs: the figure and its period and source ids."""
    return lambda f: f"{qualified(lang, f.value, f.unit, f.qualifier.id)} ({f.period}; {f.source})"


def pace_text(lang: Language, metric: Metric | None) -> str:
    return f"{lang.signed(metric.value)} {lang.gettext('pp/year')}" if metric else ""


def metric_basis(lang: Language, metric: Metric, metrics: dict[str, Metric], citer: Citer) -> str:
    """How a derived number was derived: the figures it used, cited, and for a status the case
    of the rule that decided it (pages, metrics.csv)."""
    cited = [citer(f) for f in metric.inputs] + ["", ""]
    values = {"a": cited[0], "b": cited[1],
              "observed": pace_text(lang, metrics.get("observed_pace_pp_per_year")),
              "required": pace_text(lang, metrics.get("required_pace_pp_per_year"))}
    template = REASONS[metric.reason].basis if metric.metric == "status" else METRICS[metric.metric].basis
    text = lang.gettext(template) % values
    if any(f.flag is not None and f.flag.id == "uncertain" for f in metric.inputs):
        text += " (" + lang.gettext("based on a figure marked uncertain") + ")"
    return text


def status_view(site: Names, lang: Language, metrics: dict[str, Metric]) -> StatusView | None:
    metric = metrics.get("status")
    if metric is None:
        return None
    status = STATUSES[metric.value]
    return StatusView(status.id, lang.gettext(status.label), lang.gettext(status.rule),
                      metric_basis(lang, metric, metrics, lambda f: cite(site, lang, f)), status.style)


def pace_rows(site: Names, lang: Language, metrics: dict[str, Metric], paces: list[Metric]) -> list[PaceRow]:
    """Planned pace of each document, then required and observed pace and the gap to target."""
    rows = [pace_row(site, lang, lang.gettext("Planned pace (%(document)s)")
                     % {"document": site.source_label(m.inputs[0].source, lang)}, m, metrics) for m in paces]
    for kind in METRICS.values():
        if kind.label and kind.id in metrics:
            rows.append(pace_row(site, lang, lang.gettext(kind.label), metrics[kind.id], metrics))
    return rows


def pace_row(site: Names, lang: Language, label: str, m: Metric, metrics: dict[str, Metric]) -> PaceRow:
    unit = lang.gettext("pp/year") if m.unit == "pp_per_year" else lang.gettext("pp")
    return PaceRow(label, f"{lang.signed(m.value)} {unit}", m.period,
                   metric_basis(lang, m, metrics, lambda f: cite(site, lang, f)))


def fact_sentence(site: Names, lang: Language, r: FigureView) -> str:
    """One quotable sentence: figure, period, qualifier, citation."""
    citation = document_citation(site, lang, r.source)
    template = (lang.gettext("According to %(citation)s, %(locality)s's target for %(indicator)s for "
                             "%(period)s is %(value)s of the %(denominator)s.") if r.kind == "target" else
                lang.gettext("According to %(citation)s, %(locality)s's %(indicator)s was %(value)s of the "
                             "%(denominator)s (%(period)s)."))
    period = (lang.gettext("the year %(year)s") % {"year": r.period} if r.figure.is_year else r.period_label)
    return template % {"citation": citation, "indicator": in_sentence(r.indicator_name),
                       "locality": r.locality_name, "period": period, "value": r.value_label,
                       "denominator": site.denominator(r.indicator, lang)} + flag_caveat(lang, r)


def document_citation(site: Names, lang: Language, source_id: str) -> str:
    """'64/KH-UBND (UBND thành phố Đà Nẵng, 12/04/2021)', or for a news item without a number
    its outlet first: 'Vietnam.vn, “Hơn 95% dân số…”'."""
    source = site.sources[source_id]
    when = lang.date(source.issued) if source.issued else ""
    if source.number:
        return f"{source.number} ({', '.join(filter(None, (source.issuer, when)))})"
    return f"{source.issuer}, “{source.title}”" + (f" ({when})" if when else "")


def flag_caveat(lang: Language, r: FigureView) -> str:
    """A flagged figure keeps its warning when the sentence is copied."""
    if not r.flag:
        return ""
    return " " + lang.gettext("Caution: %(flag)s; see the note in the table of figures.") % {"flag": r.flag_label}


def in_sentence(name: str) -> str:
    """'Tỷ lệ tham gia BHXH' -> 'tỷ lệ tham gia BHXH' inside a sentence; acronyms (BHYT…) and
    names with a proper noun in them ('Youth Union members…') stay as they are."""
    proper_noun = any(w[:1].isupper() and w[1:2].islower() for w in name.split()[1:])
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() and not proper_noun else name


def comparability_notes(site: Names, lang: Language, rows: list[FigureView]) -> list[str]:
    """Warnings for a comparison that mixes things that differ."""
    _ = lang.gettext
    localities = sorted({r.locality for r in rows if r.locality != NATIONAL}, key=list(site.localities).index)
    notes = [site.localities[i].text("caveat", lang) for i in localities
             if len(localities) > 1 and site.localities[i].text("caveat", lang)]
    qualifiers = {r.figure.qualifier for r in rows if r.kind == "target"}
    if len(qualifiers) > 1:
        words = ", ".join(sorted(_(q.name) for q in qualifiers))
        notes.append(_("Targets are worded differently (%(words)s): “at least” is a floor, “about” is not.")
                     % {"words": words})
    if len({r.figure.end for r in rows}) > 1 and any(not r.figure.is_year for r in rows):
        notes.append(_("Figures have different reference dates (year-end, month-end or a given day)."))
    changed = sorted({r.locality for r in rows if r.figure.end < REORGANISATION and site.localities[r.locality].reorganised})
    if changed:
        names = ", ".join(site.locality_name(i, lang) for i in changed)
        notes.append(_("Figures dated before 1 July 2025 describe %(names)s as they were before the "
                       "reorganisation of that date.") % {"names": names})
    other_base = sorted({f"{r.locality_name} ({r.source_label})" for r in rows if r.figure.flag and r.figure.flag.other_base})
    if other_base:
        notes.append(_("Some figures are measured on a base worded differently in their document: %(figures)s.")
                     % {"figures": "; ".join(other_base)})
    return notes


def check_sentence(site: Names, lang: Language, check: Check) -> str:
    """A consistency warning in the reader's language, from its kind's one sentence: names,
    numbers and documents as the reader knows them."""
    values = {name: render_fact(site, lang, fact) for name, fact in check.facts.items()}
    values["period"] = lang.period(check.period)
    return lang.gettext(check.kind.sentence) % values


def render_fact(site: Names, lang: Language, fact) -> str:
    if isinstance(fact, Amount):
        return lang.quantity(fact.value, fact.unit)
    if isinstance(fact, Ref):
        return reference(site, lang, fact)
    if isinstance(fact, Implied):
        return lang.gettext(IMPLIED_PHRASE) % {
            "indicator": reference(site, lang, fact.indicator), "denominator": lang.number(fact.denominator, 0),
            "count": lang.number(fact.count, 0), "rate": lang.quantity(fact.rate, "percent")}
    if isinstance(fact, list):
        return " + ".join(render_fact(site, lang, part) for part in fact)
    return str(fact)


def reference(site: Names, lang: Language, ref: Ref) -> str:
    if ref.table == "locality":
        return site.locality_name(ref.id, lang)
    if ref.table == "indicator":
        return in_sentence(site.indicator_name(ref.id, lang))
    if ref.table == "source":
        return site.source_label(ref.id, lang)
    return lang.gettext(KINDS[ref.id].label)


def check_views(site: Names, lang: Language, checks: list[Check]) -> list[CheckView]:
    return [CheckView(c.code, check_sentence(site, lang, c)) for c in checks]
