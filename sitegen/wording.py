"""Wording: the sentences, badges and caveats that explain figures, metrics and checks to a
reader, in the page's language. Every template comes from a definition in vocabulary.py or
consistency.py; the English rendering of the same templates is what metrics.csv, checks.csv
and `sitegen check` print, so no rule is worded twice.
"""

from __future__ import annotations

import math

from typing import Callable

from babel.lists import format_list

from .analysis import Metric
from .assessment import Verdict
from .consistency import CHECK_KINDS, IMPLIED_PHRASE, Amount, Check, Implied, Ref
from .contexts import CheckView, Fact, FigureView, PaceRow, VerdictView
from .figures import NATIONAL, Figure
from .i18n import N_, Language, language
from .sitedata import Names, SiteData, qualified
from .vocabulary import (CAUTIONS, DEADLINE_UNREAD_NONE_BEFORE, GRADES, KINDS, METRICS, NO_VERDICT,
                         READING_BASE_OWN, READING_BASE_SERIES, REORGANISATION, SCALES, STATUSES,
                         TARGET_BASE_OTHER, TARGET_BASE_OWN, VERDICT_REASONS)

Citer = Callable[[Figure], str]
COUNTS_ONLY = NO_VERDICT["counts_only"]


def cite(site: Names, lang: Language, figure: Figure) -> str:
    """'ít nhất 50% (2025; 64/KH-UBND, 12/04/2021)': a figure as a metric used it."""
    return site.memo(("cite", figure.line, lang.code), lambda: (
        f"{qualified(lang, figure.value, figure.unit, figure.qualifier.id)} "
        f"({lang.period(figure.period)}; {site.source_label(figure.source, lang)})"))


def data_citer(lang: Language) -> Citer:
    """Citations for the published CSVs: the figure and its period and source ids."""
    cited: dict[int, str] = {}

    def citer(f: Figure) -> str:
        if f.line not in cited:
            cited[f.line] = f"{qualified(lang, f.value, f.unit, f.qualifier.id)} ({f.period}; {f.source})"
        return cited[f.line]
    return citer


def pace_text(lang: Language, metric: Metric | None) -> str:
    return f"{lang.signed(metric.value)} {lang.gettext('pp/year')}" if metric else ""


def metric_basis(lang: Language, metric: Metric, metrics: dict[str, Metric], citer: Citer) -> str:
    """How a derived number was derived: the figures it used, cited, and for a status the case
    of the rule that decided it (pages, metrics.csv)."""
    if metric.metric == "status":
        return verdict_basis(lang, metric.verdict, citer)
    cited = [citer(f) for f in metric.inputs] + ["", "", ""]
    values = {"a": cited[0], "b": cited[1], "c": cited[2]}
    text = lang.gettext(METRICS[metric.metric].basis) % values
    if any(f.flag is not None and f.flag.uncertain for f in metric.inputs):
        text += " (" + lang.gettext("based on a figure marked uncertain") + ")"
    return text


def verdict_basis(lang: Language, verdict: Verdict, citer: Citer) -> str:
    """The case of the rule that decided a verdict, with the figures it rests on."""
    values = {"target": citer(verdict.target), "reading": citer(verdict.latest) if verdict.latest else "—",
              "actuals": format_list([citer(a) for a in verdict.used], locale=lang.locale) if verdict.used else "—",
              "projected": lang.quantity(verdict.projected, "percent") if verdict.projected is not None else "",
              "deadline": lang.date(verdict.target.end)}
    if verdict.reason == "deadline_unread" and verdict.latest is None:
        return lang.gettext(DEADLINE_UNREAD_NONE_BEFORE) % values
    if verdict.bases:
        values.update(base_sides(lang, verdict, citer))
    return lang.gettext(VERDICT_REASONS[verdict.reason].basis) % values


def base_sides(lang: Language, verdict: Verdict, citer: Citer) -> dict[str, str]:
    """other_base's two halves: each base, and the number of people it comes from."""
    gap, _ = verdict.bases, lang.gettext

    def base(value: float) -> str:
        return lang.quantity(significant(value), "persons")

    own = gap.target_count.source == verdict.target.source   # else the same target's count in another document
    target_side = _(TARGET_BASE_OWN if own else TARGET_BASE_OTHER) % {
        "target": citer(verdict.target), "base": base(gap.target_base),
        "count": lang.quantity(gap.target_count.value, "persons") if own else citer(gap.target_count)}
    borrowed = gap.base_source is not None   # the reading's document gives no count: its series' base
    reading_side = _(READING_BASE_SERIES if borrowed else READING_BASE_OWN) % {
        "reading": citer(verdict.latest), "base": base(gap.reading_base),
        "count": lang.quantity(gap.reading_count.value, "persons"), "other": citer(gap.base_source) if borrowed else ""}
    return {"target_side": target_side, "reading_side": reading_side}


def significant(value: float, digits: int = 3) -> float:
    """50,503,979 → 50,500,000: an implied denominator is only as precise as the rounded rate it
    comes from."""
    return round(value, digits - 1 - math.floor(math.log10(abs(value)))) if value else value


def caution_texts(lang: Language, verdict: Verdict) -> list[str]:
    return [lang.gettext(CAUTIONS[c].text) for c in verdict.cautions]


def verdict_reason_line(verdict: Verdict) -> str:
    """verdicts.csv's `reason`: one English line naming the rule and the figures."""
    english = language("en")
    line = verdict_basis(english, verdict, data_citer(english))
    cautions = caution_texts(english, verdict)
    return line + (f"; indicative: {'; '.join(cautions)}" if cautions else "")


def badge_text(lang: Language, verdict: Verdict) -> str:
    """"đúng tiến độ · tạm tính · số liệu đến 31/08/2025": the verdict, its grade and its date
    ("chưa đủ số liệu so sánh được · đã qua thời hạn · …": why, where the status does not say)."""
    parts = [lang.gettext(STATUSES[verdict.status].label)]
    if VERDICT_REASONS[verdict.reason].badge:
        parts.append(lang.gettext(VERDICT_REASONS[verdict.reason].badge))
    if verdict.evidence != "insufficient":
        parts.append(lang.gettext(GRADES[verdict.evidence].label))
    if verdict.as_of:
        parts.append(lang.gettext("data to %(date)s") % {"date": lang.date(verdict.as_of)})
    return " · ".join(parts)


def pace_rows(site: Names, lang: Language, metrics: dict[str, Metric], paces: list[Metric]) -> list[PaceRow]:
    """Planned pace of each document, then required and observed pace and the gap to target."""
    rows = [pace_row(site, lang, lang.gettext("Planned pace (%(document)s)")
                     % {"document": site.source_label(m.inputs[0].source, lang)}, m, metrics) for m in paces]
    for kind in METRICS.values():
        if kind.label and kind.id in metrics:
            rows.append(pace_row(site, lang, lang.gettext(kind.label), metrics[kind.id], metrics))
    return rows


def pace_row(site: Names, lang: Language, label: str, m: Metric, metrics: dict[str, Metric]) -> PaceRow:
    return PaceRow(label, metric_value(lang, m), m.period, metric_basis(lang, m, metrics, lambda f: cite(site, lang, f)))


def metric_value(lang: Language, m: Metric) -> str:
    """A level as a percentage (29,72%); a change with its sign and unit (+2,25 điểm %/năm)."""
    if m.unit == "percent":
        return lang.quantity(m.value, "percent")
    unit = lang.gettext("pp/year") if m.unit == "pp_per_year" else lang.gettext("pp")
    return f"{lang.signed(m.value)} {unit}"


def fact_sentence(site: Names, lang: Language, r: FigureView, standalone: bool = False) -> str:
    """One quotable sentence: figure, period, qualifier, citation. `standalone`: the sentence as
    copied off the page, where a flag's caution carries the curators' note itself."""
    cited = document_citation(site, lang, r.source)
    scale = SCALES[site.indicators[r.indicator].unit]
    if r.kind == "actual":
        template = scale.actual
    else:   # "for the year 2025", but "by 30/06/2023" for a milestone
        template = scale.target if r.figure.is_year else scale.target_by
    period = (lang.gettext("the year %(year)s") % {"year": r.period} if r.figure.is_year else r.period_label)
    template = lang.gettext(template)
    return template % {"citation": cited, "indicator": in_sentence(r.indicator_name),
                       "locality": r.locality_name, "period": period, "value": r.value_label,
                       "denominator": site.denominator(r.indicator, lang)} + flag_caveat(lang, r, standalone)


def document_citation(site: Names, lang: Language, source_id: str) -> str:
    """'64/KH-UBND (UBND thành phố Đà Nẵng, 12/04/2021)'; for a news item its outlet first:
    'Vietnam.vn, “Hơn 95% dân số…”, 15/08/2022' (on English pages the outlet in English and the
    headline's translation beside it); when the outlet is not known, what is known: the headline,
    the author and the date, never a placeholder."""
    source = site.sources[source_id]
    when = lang.date(source.issued) if source.issued else ""
    issuer = source.issuer_in(lang)
    if source.number:
        cited = f"{source.number} ({', '.join(filter(None, (issuer, when)))})"
        if source.read_through:   # the document itself was not seen: the report it was read in
            cited += " " + lang.gettext("as reported at %(site)s") % {"site": source.read_through}
        return cited
    author = lang.gettext("by %(author)s") % {"author": source.signer} if source.signer and not issuer else ""
    return ", ".join(filter(None, (issuer, source.headline(lang), author, when)))


def flag_caveat(lang: Language, r: FigureView, standalone: bool = False) -> str:
    """A flagged figure keeps its warning when the sentence is copied. On the page it points to the
    note in the table of figures; copied off the page (`standalone`) there is no table to point to,
    so the note itself follows, in the curators' words (in the page's language, or saying which
    language it is in when it has no translation)."""
    if not r.flag:
        return ""
    if standalone and r.note and r.note_lang not in ("", lang.code):
        untranslated = {"en": N_("Caution: %(flag)s (the curators' note, in English: “%(note)s”)."),
                        "vi": N_("Caution: %(flag)s (the curators' note, in Vietnamese: “%(note)s”).")}[r.note_lang]
        return " " + lang.gettext(untranslated) % {"flag": r.flag_label, "note": r.note}
    if standalone and r.note:
        return " " + lang.gettext("Caution: %(flag)s (the curators' note: “%(note)s”).") % {
            "flag": r.flag_label, "note": r.note}
    if standalone:
        return " " + lang.gettext("Caution: %(flag)s.") % {"flag": r.flag_label}
    return " " + lang.gettext("Caution: %(flag)s; see the note in the table of figures.") % {"flag": r.flag_label}


def citation(lang: Language, statement: str, sources: list[str], url: str, data_date: str, site_title: str) -> str:
    """A complete citation to paste elsewhere, in the page's language: the statement (a fact's
    sentence, a chart's title), the documents it comes from, where it is published (the permanent
    URL of the element) and the date of the site's newest figure or document."""
    text = statement if statement.endswith((".", "!", "?", "”")) else statement + "."
    if sources:
        text += " " + lang.ngettext("Source: %(sources)s.", "Sources: %(sources)s.", len(sources)) % {
            "sources": "; ".join(sources)}
    where = lang.gettext("%(site)s, %(url)s") % {"site": site_title, "url": url}
    if data_date:
        where += " " + lang.gettext("(data as of %(date)s)") % {"date": data_date}
    return f"{text} {where}."


def in_sentence(name: str) -> str:
    """'Tỷ lệ tham gia BHXH' -> 'tỷ lệ tham gia BHXH' inside a sentence; acronyms (BHYT…) and
    names with a proper noun in them ('Youth Union members…') stay as they are."""
    proper_noun = any(w[:1].isupper() and w[1:2].islower() for w in name.split()[1:])
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() and not proper_noun else name


def before_reorganisation(site: Names, r: FigureView) -> bool:
    """Whether a figure describes its locality as it was before 1 July 2025: an actual of an earlier
    date, or a target (even for 2025 or later) set by a document issued before it."""
    issued = site.sources[r.figure.source].issued if r.figure.source in site.sources else None
    return r.figure.end < REORGANISATION or (r.kind == "target" and issued is not None and issued < REORGANISATION)


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
    changed = sorted({r.locality for r in rows if site.localities[r.locality].reorganised and before_reorganisation(site, r)})
    if changed:
        names = ", ".join(site.locality_name(i, lang) for i in changed)
        notes.append(_("Figures dated, and targets set, before 1 July 2025 describe %(names)s as they were before "
                       "the reorganisation of that date.") % {"names": names})
    def flagged(flag_id: str) -> str:
        return "; ".join(sorted({f"{r.locality_name} ({r.source_label})" for r in rows
                                 if r.figure.flag and r.figure.flag.id == flag_id}))

    if flagged("other_denominator"):   # another base: a stronger warning than a base worded otherwise
        notes.append(_("Some figures are shares of another denominator than the indicator's, and are never "
                       "measured against a target: %(figures)s.") % {"figures": flagged("other_denominator")})
    if flagged("denominator_wording"):
        notes.append(_("Some figures are measured on a base worded differently in their document: %(figures)s.")
                     % {"figures": flagged("denominator_wording")})
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
    return [CheckView(c.code, check_sentence(site, lang, c), lang.gettext(CHECK_KINDS[c.code].title)) for c in checks]


def gap_text(lang: Language, verdict: Verdict) -> str:
    """"2,29 điểm % thấp hơn mục tiêu": where the latest actual stands against the target, in words
    rather than a sign a reader has to decode."""
    if verdict.gap is None:
        return ""
    difference = round(-verdict.gap, 2)
    if difference == 0:
        return lang.gettext("at the target")
    template = N_("%(pp)s pp above the target") if difference > 0 else N_("%(pp)s pp below the target")
    return lang.gettext(template) % {"pp": lang.number(abs(difference))}


def parts_note(site: SiteData, lang: Language, verdict: Verdict) -> str:
    """The newest reading of each part of the verdict's indicator (compulsory and voluntary BHXH)
    that is newer than the verdict's own actual, or every part's where it has none, up to the
    target's deadline: an old gap of the whole must not read as the last word when a part alone
    has since come closer to the target (and a part read after the deadline does not bear on it)."""
    found = []
    for part, indicator in site.indicators.items():
        if indicator.part_of != verdict.indicator:
            continue
        readings = [f for f in site.whole_percent(verdict.locality, part) if f.kind == "actual" and f.measured
                    and (f.flag is None or f.flag.id != "background") and (not verdict.as_of or f.end > verdict.as_of)
                    and f.end <= verdict.target.end]   # a part's figure after the deadline says nothing of it
        if readings:
            view = site.view(max(readings, key=lambda f: (f.end, f.line)), lang)
            flag = f"; {view.flag_label}" if view.flag else ""
            found.append(f"{in_sentence(view.indicator_name)} {view.value_label} ({view.period_label}; "
                         f"{view.source_label}{flag})")
    if not found:
        return ""
    template = (N_("Newer figures of its parts (the whole is at least each part): %(parts)s") if verdict.as_of
                else N_("Figures of its parts (the whole is at least each part): %(parts)s"))
    return lang.gettext(template) % {"parts": "; ".join(found)}


def verdict_view(site: SiteData, lang: Language, verdict: Verdict) -> VerdictView:
    """A verdict as its badge and, folded beneath, what it rests on, in the page's language (made
    once per verdict and language: the scorecards and the locality page show the same one)."""
    return site.memo(("verdict", id(verdict), lang.code), lambda: make_verdict_view(site, lang, verdict))


def make_verdict_view(site: SiteData, lang: Language, verdict: Verdict) -> VerdictView:
    _ = lang.gettext
    status, grade = STATUSES[verdict.status], GRADES[verdict.evidence]
    target = site.view(verdict.target, lang)
    projected = (_("%(value)s at %(date)s") % {"value": lang.quantity(verdict.projected, "percent"),
                                              "date": lang.date(verdict.target.end)}
                 if verdict.projected is not None else "")
    return VerdictView(
        status=status.id, label=_(status.label), grade=grade.id,
        grade_label=_(grade.label) if grade.id != "insufficient" else "", as_of=lang.date(verdict.as_of),
        badge=badge_text(lang, verdict), style=f"{status.style} {grade.style}", rule=_(status.rule),
        grade_rule=_(grade.rule), target=target, target_label=f"{target.value_label} ({target.period_label})",
        final=verdict.final, latest=site.view(verdict.latest, lang) if verdict.latest else None,
        gap=gap_text(lang, verdict), projected=projected,
        actual_note=_(COUNTS_ONLY) if verdict.reason == "counts_only" else "",
        basis=verdict_basis(lang, verdict, lambda f: cite(site, lang, f)), cautions=caution_texts(lang, verdict),
        figures=[site.view(f, lang) for f in verdict.used], parts_note=parts_note(site, lang, verdict))


def verdict_fact(site: SiteData, lang: Language, verdict: Verdict) -> Fact:
    """The verdict as one quotable sentence: what was judged, how, how sure, as of when."""
    view = site.view(verdict.target, lang)
    sentence = lang.gettext(VERDICT_REASONS[verdict.reason].sentence or STATUSES[verdict.status].sentence) % {
        "locality": view.locality_name, "indicator": in_sentence(view.indicator_name),
        "target": view.value_label, "period": view.period_label,
        "basis": verdict_basis(lang, verdict, lambda f: cite(site, lang, f))}
    if verdict.evidence != "insufficient":
        sentence += " " + lang.gettext("Evidence: %(grade)s; data to %(date)s.") % {
            "grade": lang.gettext(GRADES[verdict.evidence].label), "date": lang.date(verdict.as_of)}
    cautions = caution_texts(lang, verdict)
    if cautions:
        sentence += " " + lang.gettext("Indicative because %(cautions)s.") % {
            "cautions": format_list(cautions, locale=lang.locale)}
    documents = dict.fromkeys(f.source for f in [verdict.target, *verdict.used, *filter(None, [verdict.latest])])
    return Fact(sentence, view.quote, view.quote_lang, f"verdict-{verdict.target.indicator}", sentence,
                [document_citation(site, lang, s) for s in documents])


def reading_sentence(site: SiteData, lang: Language, reading) -> str:
    """"43,22% as of 31/07/2022 had reached the 2022 target, at least 42%": a reading before the
    deadline says where the locality stood, never that the target was met. "Reached", not "above":
    a reading equal to an "at least" target reaches it, and one below an "at most" target does."""
    actual, target = site.view(reading.actual, lang), site.view(reading.target, lang)
    template = (lang.gettext("%(reading)s as of %(date)s had reached the %(period)s target, %(target)s (a reading "
                             "before the deadline, not a verdict).") if reading.reaches else
                lang.gettext("%(reading)s as of %(date)s had not reached the %(period)s target, %(target)s (a "
                             "reading before the deadline, not a verdict)."))
    text = template % {"reading": actual.value_label, "date": lang.date(reading.actual.end),
                       "period": target.period_label, "target": target.value_label}
    return text + flag_caveat(lang, actual)
