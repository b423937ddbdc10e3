"""Consistency checks between figures (part of the analysis stage; no I/O, no text).

Input: the valid observations and indicators tables and the typed figures. Output:
`Check`s, reported as warnings: the figures are kept as their documents state them, and
these checks say where they do not agree with each other. Each kind of check is defined
once below, Frictionless-style: its code, title, description and the sentence that words it
(a gettext message, so the same definition words it on English and Vietnamese pages, in
checks.csv and in `sitegen check`). A check's facts are typed values (amounts, references
to localities, indicators and documents) that wording.py renders in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from .figures import Figure
from .i18n import N_

# Rounding in the documents: percentages are printed to two decimals at most.
PERCENT_TOLERANCE = 0.011
# Two denominators within 1% of each other are taken to be the same.
DENOMINATOR_TOLERANCE = 0.01


@dataclass(frozen=True)
class CheckKind:
    code: str
    title: str          # a short name (the data page, the methodology)
    description: str    # what it means and why it is only a warning
    sentence: str       # the warning in words; %(name)s fields are the check's facts


CHECK_KINDS: dict[str, CheckKind] = {k.code: k for k in (
    CheckKind("subdivision-sum", N_("Wards and communes against the total"),
              N_("The wards or communes of a locality do not add up to the total the same document states."),
              N_("%(locality)s, %(indicator)s, %(kind)s %(period)s: the %(count)s wards or communes add up to "
                 "%(sum)s, but the stated total is %(total)s (%(source)s).")),
    CheckKind("part-sum", N_("Parts against the whole"),
              N_("Mandatory and voluntary social insurance do not add up to all social insurance in the same "
                 "document."),
              N_("%(locality)s, %(kind)s %(period)s: %(parts)s = %(sum)s, but %(whole)s is stated as %(total)s "
                 "(%(source)s).")),
    CheckKind("denominator-mismatch", N_("Different implied denominators"),
              N_("Counts divided by rates give different sizes of the same base (labour force or population) "
                 "in one document."),
              N_("%(locality)s, %(kind)s %(period)s: the counts and rates imply different denominators: "
                 "%(low)s but %(high)s (%(source)s).")),
    CheckKind("source-disagreement", N_("Two reports disagree"),
              N_("Two documents report different values for the same actual figure."),
              N_("%(locality)s, %(indicator)s, %(kind)s %(period)s: %(low)s in %(low_source)s but %(high)s in "
                 "%(high_source)s.")),
    CheckKind("target-disagreement", N_("Two documents set different targets"),
              N_("Two documents set different targets for the same year, such as a locality's plan and a national "
                 "assignment (QĐ 546/QĐ-TTg), or a plan and its revision. Both are kept; the methodology says which "
                 "one counts. This is not a disagreement between reports."),
              N_("%(locality)s, %(indicator)s, %(period)s: %(low_source)s sets a target of %(low)s, %(high_source)s "
                 "one of %(high)s (both are kept; the methodology says which one counts).")),
)}


# The typed facts of a check, rendered in the reader's language by wording.py.
class Amount(NamedTuple):
    value: float
    unit: str


class Ref(NamedTuple):
    """A locality, indicator, source or kind of figure, named in the reader's language."""
    table: str
    id: str


class Implied(NamedTuple):
    """"bhxh implies 58,560 (17,404 ÷ 29.72%)"."""
    indicator: Ref
    denominator: float
    count: float
    rate: float


IMPLIED_PHRASE = N_("%(indicator)s implies %(denominator)s (%(count)s ÷ %(rate)s)")


@dataclass(frozen=True)
class Check:
    kind: CheckKind
    locality: str
    indicator: str
    period: str
    path: str
    line: int
    facts: dict = field(default_factory=dict, compare=False)   # name -> typed fact
    severity: str = "warning"

    @property
    def code(self) -> str:
        return self.kind.code


def consistency_checks(observations: pd.DataFrame, indicators: pd.DataFrame, figures: dict[int, Figure],
                       path: str) -> list[Check]:
    part_of = {i: w for i, w in zip(indicators["id"], indicators["part_of"]) if w}
    denominator_of = dict(zip(indicators["id"], indicators["denominator_en"]))
    checks = (subdivision_sums(observations, figures, path) + part_sums(observations, figures, part_of, path)
              + implied_denominators(figures, denominator_of, path)
              + source_disagreements(observations, figures, path))
    return sorted(checks, key=lambda c: (c.locality, c.indicator, c.period, c.code, c.line))


def differs(a: float, b: float, unit: str) -> bool:
    return abs(a - b) > (PERCENT_TOLERANCE if unit == "percent" else 0.5)


def common(figure: Figure) -> dict:
    """The facts every check of one figure has: where, what, when, which document."""
    return {"locality": Ref("locality", figure.locality), "kind": Ref("kind", figure.kind),
            "source": Ref("source", figure.source)}


SAME_DOCUMENT = ["locality", "indicator", "period", "kind", "source"]


def subdivision_sums(observations: pd.DataFrame, figures: dict[int, Figure], path: str) -> list[Check]:
    """Wards and communes against the locality's stated total, per document."""
    persons = observations[observations["unit"] == "persons"]
    parts = persons[persons["subdivision"].notna()].groupby(SAME_DOCUMENT).agg(
        total=("value", "sum"), count=("value", "size"))
    totals = persons[persons["subdivision"].isna()].sort_values("_line").drop_duplicates(SAME_DOCUMENT)
    joined = totals.join(parts, on=SAME_DOCUMENT, how="inner")
    checks = []
    for line, parts_sum, count in zip(joined["_line"], joined["total"], joined["count"]):
        total = figures[line]
        if differs(parts_sum, total.value, "persons"):
            checks.append(Check(CHECK_KINDS["subdivision-sum"], total.locality, total.indicator, total.period,
                                path, line, {**common(total), "indicator": Ref("indicator", total.indicator),
                                             "count": int(count), "sum": Amount(parts_sum, "persons"),
                                             "total": Amount(total.value, "persons")}))
    return checks


def part_sums(observations: pd.DataFrame, figures: dict[int, Figure], part_of: dict[str, str],
              path: str) -> list[Check]:
    """Parts of an indicator (mandatory + voluntary) against the whole (all BHXH), per document."""
    keys = ["locality", "subdivision", "period", "kind", "unit", "source"]
    lines = observations.fillna({"subdivision": ""}).pivot_table(
        index=keys, columns="indicator", values="_line", aggfunc="last")
    checks = []
    for whole in sorted(set(part_of.values()) & set(lines.columns)):
        parts = [p for p, w in part_of.items() if w == whole]
        if not set(parts) <= set(lines.columns):
            continue
        complete = lines[lines[[whole, *parts]].notna().all(axis=1)]
        for whole_line, *part_lines in zip(*(complete[column].tolist() for column in [whole, *parts])):
            total, members = figures[int(whole_line)], [figures[int(line)] for line in part_lines]
            parts_sum = sum(f.value for f in members)
            if differs(parts_sum, total.value, total.unit):
                checks.append(Check(CHECK_KINDS["part-sum"], total.locality, whole, total.period, path, total.line,
                                    {**common(total), "parts": [Ref("indicator", p) for p in parts],
                                     "whole": Ref("indicator", whole), "sum": Amount(parts_sum, total.unit),
                                     "total": Amount(total.value, total.unit)}))
    return checks


def rate_count_pairs(figures: list[Figure]) -> list[tuple[Figure, Figure]]:
    """(rate, count) pairs: the same whole-locality figure of one document as a percentage and as persons."""
    whole = pd.DataFrame([(f.locality, f.indicator, f.period, f.kind, f.source, f.unit, f.value, f)
                          for f in figures if f.subdivision is None],
                         columns=SAME_DOCUMENT + ["unit", "value", "figure"])
    rates = whole[(whole["unit"] == "percent") & (whole["value"] > 0)]
    counts = whole[whole["unit"] == "persons"]
    pairs = rates.merge(counts, on=SAME_DOCUMENT, suffixes=("_rate", "_count"))
    return list(zip(pairs["figure_rate"], pairs["figure_count"]))


def implied(rate: Figure, count: Figure) -> float:
    return count.value / (rate.value / 100)


def mismatched_groups(pairs: list[tuple[Figure, Figure]],
                      denominator_of: dict[str, str]) -> list[list[tuple[Figure, Figure]]]:
    """The (rate, count) pairs (rate_count_pairs) of one document, locality and period whose
    indicators share a denominator but whose counts ÷ rates disagree, each group ordered by its
    implied denominator."""
    groups: dict[tuple, list[tuple[Figure, Figure]]] = {}
    for rate, count in pairs:
        key = (rate.locality, rate.period, rate.kind, rate.source, denominator_of[rate.indicator])
        groups.setdefault(key, []).append((rate, count))
    ordered = [sorted(group, key=lambda pair: implied(*pair)) for group in groups.values() if len(group) > 1]
    return [group for group in ordered if implied(*group[-1]) / implied(*group[0]) - 1 > DENOMINATOR_TOLERANCE]


def implied_denominators(figures: dict[int, Figure], denominator_of: dict[str, str], path: str) -> list[Check]:
    """Counts divided by rates, for indicators on the same denominator: they should agree."""
    checks = []
    for group in mismatched_groups(rate_count_pairs(list(figures.values())), denominator_of):
        low, high = group[0], group[-1]
        rate, count = high
        checks.append(Check(CHECK_KINDS["denominator-mismatch"], rate.locality, rate.indicator, rate.period,
                            path, count.line, {**common(rate), "low": implied_fact(*low),
                                               "high": implied_fact(*high)}))
    return checks


def doubtful_bases(pairs: list[tuple[Figure, Figure]], denominator_of: dict[str, str]) -> set[int]:
    """The rates whose base is in doubt because their document's other rates on the same
    denominator imply another one: those away from the group's middle (Hà Nội 2024: voluntary BHXH
    3.55 million against 4.68 for compulsory BHXH and BHTN), or both of a disagreeing pair."""
    doubtful = set()
    for group in mismatched_groups(pairs, denominator_of):
        middle = implied(*group[len(group) // 2])
        doubtful |= {rate.line for rate, count in group
                     if len(group) == 2 or abs(implied(rate, count) / middle - 1) > DENOMINATOR_TOLERANCE}
    return doubtful


def implied_fact(rate: Figure, count: Figure) -> Implied:
    return Implied(Ref("indicator", rate.indicator), implied(rate, count), count.value, rate.value)


def source_disagreements(observations: pd.DataFrame, figures: dict[int, Figure], path: str) -> list[Check]:
    """The same figure (locality, subdivision, indicator, period, kind, unit) from two documents: two
    reports of an actual that disagree, or two documents that set different targets."""
    groups: dict[tuple, list[Figure]] = {}
    for f in figures.values():   # in the file's order (a dict of lists: pandas' groupby(...).agg(list) is 20× slower)
        groups.setdefault((f.locality, f.subdivision, f.indicator, f.period, f.kind, f.unit), []).append(f)
    checks = []
    for group in groups.values():
        if len({f.source for f in group}) < 2:
            continue
        low, high = min(group, key=lambda f: f.value), max(group, key=lambda f: f.value)
        if differs(low.value, high.value, low.unit):
            kind = CHECK_KINDS["target-disagreement" if low.kind == "target" else "source-disagreement"]
            checks.append(Check(kind, low.locality, low.indicator, low.period, path,
                                high.line, {**common(high), "indicator": Ref("indicator", low.indicator),
                                            "low": Amount(low.value, low.unit), "low_source": Ref("source", low.source),
                                            "high": Amount(high.value, high.unit),
                                            "high_source": Ref("source", high.source)}))
    return checks
