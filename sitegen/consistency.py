"""Consistency checks between figures (part of the analysis stage; no I/O).

Input: valid observations and indicators tables. Output: `Check`s, reported as
warnings: the figures are kept as their documents state them, and these checks
say where they do not agree with each other.
"""

from __future__ import annotations

from dataclasses import dataclass

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

    def as_issue(self) -> Issue:
        return Issue(self.path, self.line, None, self.code, self.message, severity=self.severity)


def consistency_checks(observations: pd.DataFrame, indicators: pd.DataFrame, path: str) -> list[Check]:
    checks = (subdivision_sums(observations, path)
              + part_sums(observations, indicators, path)
              + implied_denominators(observations, indicators, path)
              + source_disagreements(observations, path))
    return sorted(checks, key=lambda c: (c.locality, c.indicator, c.period, c.code, c.line))


def fmt(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if unit == "persons" else f"{value:.2f}".rstrip("0").rstrip(".")
    return text + ("%" if unit == "percent" else "")


def differs(a: float, b: float, unit: str) -> bool:
    return abs(a - b) > (PERCENT_TOLERANCE if unit == "percent" else 0.5)


def subdivision_sums(obs: pd.DataFrame, path: str) -> list[Check]:
    """Wards and communes against the locality's stated total, per source."""
    checks = []
    keys = ["locality", "indicator", "period", "kind", "unit", "source"]
    for key, group in obs.groupby(keys, dropna=False):
        totals = group[group["subdivision"].isna()]
        parts = group[group["subdivision"].notna()]
        if totals.empty or parts.empty or key[4] != "persons":
            continue
        total = totals.iloc[0]
        parts_sum = parts["value"].sum()
        if differs(parts_sum, total["value"], "persons"):
            checks.append(Check("warning", "subdivision-sum", key[0], key[1], key[2],
                                f"{key[0]} {key[3]} {key[1]} {key[2]}: the {len(parts)} subdivisions add up to {fmt(parts_sum, 'persons')}, "
                                f"but the stated total is {fmt(total['value'], 'persons')} "
                                f"(difference {parts_sum - total['value']:+,.0f}; source {key[5]})",
                                path, int(total["_line"])))
    return checks


def part_sums(obs: pd.DataFrame, indicators: pd.DataFrame, path: str) -> list[Check]:
    """Parts of an indicator (mandatory + voluntary) against the whole (all BHXH), per source."""
    checks = []
    whole_of = {row.id: row.part_of for row in indicators.itertuples() if row.part_of}
    wholes = set(whole_of.values())
    keys = ["locality", "subdivision", "period", "kind", "unit", "source"]
    for key, group in obs.groupby(keys, dropna=False):
        by_indicator = dict(zip(group["indicator"], group.to_dict("records")))
        for whole in wholes & set(by_indicator):
            parts = [p for p, w in whole_of.items() if w == whole]
            if not all(p in by_indicator for p in parts):
                continue
            total = by_indicator[whole]
            parts_sum = sum(by_indicator[p]["value"] for p in parts)
            if differs(parts_sum, total["value"], key[4]):
                checks.append(Check("warning", "part-sum", key[0], whole, key[2],
                                    f"{key[0]} {key[3]} {key[2]}: {' + '.join(parts)} = {fmt(parts_sum, key[4])}, "
                                    f"but {whole} is stated as {fmt(total['value'], key[4])} (source {key[5]})",
                                    path, int(total["_line"])))
    return checks


def implied_denominators(obs: pd.DataFrame, indicators: pd.DataFrame, path: str) -> list[Check]:
    """Counts divided by rates, for indicators on the same denominator: they should agree."""
    checks = []
    denominator_of = dict(zip(indicators["id"], indicators["denominator_en"]))
    for (locality, period, kind, source), group in implied_denominator_rows(obs).groupby(
            ["locality", "period", "kind", "source"]):
        group = group.assign(denominator=group["indicator"].map(denominator_of))
        for denominator, same in group.groupby("denominator"):
            if len(same) < 2:
                continue
            low, high = same.loc[same["implied"].idxmin()], same.loc[same["implied"].idxmax()]
            if high["implied"] / low["implied"] - 1 > DENOMINATOR_TOLERANCE:
                checks.append(Check("warning", "denominator-mismatch", locality, high["indicator"], period,
                                    f"{locality} {kind} {period}: counts and rates imply different {denominator} figures: "
                                    f"{describe_implied(low)} but {describe_implied(high)} (source {source})",
                                    path, int(high["_line"])))
    return checks


def implied_denominator_rows(obs: pd.DataFrame) -> pd.DataFrame:
    """One row per figure given both as a rate and as a count: implied = persons ÷ rate."""
    keys = ["locality", "indicator", "period", "kind", "source"]
    whole = obs[obs["subdivision"].isna()]
    rates = whole[whole["unit"] == "percent"]
    counts = whole[whole["unit"] == "persons"]
    both = rates.merge(counts, on=keys, suffixes=("_rate", "_count"))
    both = both[both["value_rate"] > 0]
    return both.assign(implied=both["value_count"] / (both["value_rate"] / 100),
                       _line=both["_line_count"])


def describe_implied(row) -> str:
    return (f"{row['indicator']} implies {row['implied']:,.0f} "
            f"({row['value_count']:,.0f} ÷ {fmt(row['value_rate'], 'percent')})")


def source_disagreements(obs: pd.DataFrame, path: str) -> list[Check]:
    """The same figure (locality, subdivision, indicator, period, kind, unit) from two sources."""
    checks = []
    keys = ["locality", "subdivision", "indicator", "period", "kind", "unit"]
    for key, group in obs.groupby(keys, dropna=False):
        if group["source"].nunique() < 2:
            continue
        low, high = group.loc[group["value"].idxmin()], group.loc[group["value"].idxmax()]
        if differs(low["value"], high["value"], key[5]):
            checks.append(Check("warning", "source-disagreement", key[0], key[2], key[3],
                                f"{key[0]} {key[4]} {key[2]} {key[3]}: {fmt(low['value'], key[5])} in {low['source']} "
                                f"but {fmt(high['value'], key[5])} in {high['source']}",
                                path, int(high["_line"])))
    return checks
