"""Consistency checks between figures (part of the analysis stage; no I/O).

Input: valid observations and indicators tables. Output: `Check`s, reported as
warnings: the figures are kept as their documents state them, and these checks
say where they do not agree with each other. The tables are small, so plain
Python grouping is used: it is clearer and far quicker than pandas group-bys here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pandas as pd

from .errors import Issue

# Rounding in the documents: percentages are printed to two decimals at most.
PERCENT_TOLERANCE = 0.011
# Two denominators within 1% of each other are taken to be the same.
DENOMINATOR_TOLERANCE = 0.01


@dataclass(frozen=True)
class Check:
    severity: str
    code: str
    locality: str
    indicator: str
    period: str
    message: str
    path: str
    line: int
    # The figures behind the message, so that pages can word it in their own language.
    facts: dict = field(default_factory=dict, compare=False)

    def as_issue(self) -> Issue:
        return Issue(self.path, self.line, None, self.code, self.message, severity=self.severity)


def consistency_checks(observations: pd.DataFrame, indicators: pd.DataFrame, path: str) -> list[Check]:
    records = observations.to_dict("records")
    part_of = {i: w for i, w in zip(indicators["id"], indicators["part_of"]) if w}
    denominator_of = dict(zip(indicators["id"], indicators["denominator_en"]))
    checks = (subdivision_sums(records, path) + part_sums(records, part_of, path)
              + implied_denominators(records, denominator_of, path) + source_disagreements(records, path))
    return sorted(checks, key=lambda c: (c.locality, c.indicator, c.period, c.code, c.line))


def group_by(records: list[dict], keys: tuple[str, ...]) -> dict[tuple, list[dict]]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in records:
        groups[tuple(r[k] for k in keys)].append(r)
    return groups


def fmt(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if unit == "persons" else f"{value:.2f}".rstrip("0").rstrip(".")
    return text + ("%" if unit == "percent" else "")


def differs(a: float, b: float, unit: str) -> bool:
    return abs(a - b) > (PERCENT_TOLERANCE if unit == "percent" else 0.5)


def subdivision_sums(records: list[dict], path: str) -> list[Check]:
    """Wards and communes against the locality's stated total, per source."""
    checks = []
    persons = [r for r in records if r["unit"] == "persons"]
    for (locality, indicator, period, kind, source), group in group_by(
            persons, ("locality", "indicator", "period", "kind", "source")).items():
        totals = [r for r in group if r["subdivision"] is None]
        parts = [r for r in group if r["subdivision"] is not None]
        if not totals or not parts:
            continue
        total, parts_sum = totals[0], sum(r["value"] for r in parts)
        if differs(parts_sum, total["value"], "persons"):
            checks.append(Check("warning", "subdivision-sum", locality, indicator, period,
                                f"{locality} {kind} {indicator} {period}: the {len(parts)} subdivisions add up to "
                                f"{fmt(parts_sum, 'persons')}, but the stated total is "
                                f"{fmt(total['value'], 'persons')} (difference {parts_sum - total['value']:+,.0f}; "
                                f"source {source})", path, int(total["_line"]),
                                {"kind": kind, "count": len(parts), "sum": parts_sum, "total": total["value"],
                                 "source": source}))
    return checks


def part_sums(records: list[dict], part_of: dict[str, str], path: str) -> list[Check]:
    """Parts of an indicator (mandatory + voluntary) against the whole (all BHXH), per source."""
    checks = []
    for (locality, _, period, kind, unit, source), group in group_by(
            records, ("locality", "subdivision", "period", "kind", "unit", "source")).items():
        by_indicator = {r["indicator"]: r for r in group}
        for whole in sorted(set(part_of.values()) & set(by_indicator)):
            parts = [p for p, w in part_of.items() if w == whole]
            if not all(p in by_indicator for p in parts):
                continue
            total = by_indicator[whole]
            parts_sum = sum(by_indicator[p]["value"] for p in parts)
            if differs(parts_sum, total["value"], unit):
                checks.append(Check("warning", "part-sum", locality, whole, period,
                                    f"{locality} {kind} {period}: {' + '.join(parts)} = {fmt(parts_sum, unit)}, "
                                    f"but {whole} is stated as {fmt(total['value'], unit)} (source {source})",
                                    path, int(total["_line"]),
                                    {"kind": kind, "parts": parts, "unit": unit, "sum": parts_sum,
                                     "total": total["value"], "source": source}))
    return checks


def rate_count_pairs(records: list[dict]) -> list[tuple[dict, dict]]:
    """(rate, count) pairs: the same whole-locality figure given as a percentage and as persons."""
    keys = ("locality", "indicator", "period", "kind", "source")
    pairs = []
    for group in group_by([r for r in records if r["subdivision"] is None], keys).values():
        rates = [r for r in group if r["unit"] == "percent" and r["value"] > 0]
        counts = [r for r in group if r["unit"] == "persons"]
        pairs += [(rate, count) for rate in rates for count in counts]
    return pairs


def implied(rate: dict, count: dict) -> float:
    return count["value"] / (rate["value"] / 100)


def implied_denominators(records: list[dict], denominator_of: dict[str, str], path: str) -> list[Check]:
    """Counts divided by rates, for indicators on the same denominator: they should agree."""
    checks = []
    pairs = rate_count_pairs(records)
    groups = group_by([{"locality": rate["locality"], "period": rate["period"], "kind": rate["kind"],
                        "source": rate["source"], "denominator": denominator_of[rate["indicator"]],
                        "pair": (rate, count)} for rate, count in pairs],
                      ("locality", "period", "kind", "source", "denominator"))
    for (locality, period, kind, source, denominator), group in groups.items():
        if len(group) < 2:
            continue
        ordered = sorted((g["pair"] for g in group), key=lambda p: implied(*p))
        low, high = ordered[0], ordered[-1]
        if implied(*high) / implied(*low) - 1 > DENOMINATOR_TOLERANCE:
            checks.append(Check("warning", "denominator-mismatch", locality, high[0]["indicator"], period,
                                f"{locality} {kind} {period}: counts and rates imply different {denominator} "
                                f"figures: {describe_implied(*low)} but {describe_implied(*high)} "
                                f"(source {source})", path, int(high[1]["_line"]),
                                {"kind": kind, "source": source,
                                 "implied": [(rate["indicator"], implied(rate, count), count["value"], rate["value"])
                                             for rate, count in (low, high)]}))
    return checks


def describe_implied(rate: dict, count: dict) -> str:
    return (f"{rate['indicator']} implies {implied(rate, count):,.0f} "
            f"({count['value']:,.0f} ÷ {fmt(rate['value'], 'percent')})")


def source_disagreements(records: list[dict], path: str) -> list[Check]:
    """The same figure (locality, subdivision, indicator, period, kind, unit) from two sources."""
    checks = []
    for (locality, _, indicator, period, kind, unit), group in group_by(
            records, ("locality", "subdivision", "indicator", "period", "kind", "unit")).items():
        if len({r["source"] for r in group}) < 2:
            continue
        low, high = min(group, key=lambda r: r["value"]), max(group, key=lambda r: r["value"])
        if differs(low["value"], high["value"], unit):
            checks.append(Check("warning", "source-disagreement", locality, indicator, period,
                                f"{locality} {kind} {indicator} {period}: {fmt(low['value'], unit)} in "
                                f"{low['source']} but {fmt(high['value'], unit)} in {high['source']}",
                                path, int(high["_line"]),
                                {"kind": kind, "unit": unit, "values": [(low["value"], low["source"]),
                                                                        (high["value"], high["source"])]}))
    return checks
