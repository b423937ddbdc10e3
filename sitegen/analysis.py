"""Derived metrics: how ambitious each target is and whether each locality is on track.

Input: valid observations and sources tables. Output: a list of `Metric`s (one row
of metrics.csv each), every one with a `basis` line saying which figures it used.
Only whole-locality percentages are used; counts of people only feed the implied
denominators. Nothing is extrapolated beyond the straight line between two figures.
Figures whose note flags them as measured on a different denominator are left out; figures
flagged uncertain are used, and carry their flag into the explanation of every metric.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from .consistency import implied, rate_count_pairs
from .periods import is_year, period_end, years_between

NATIONAL = "vn"
STATUSES = ("met", "on_track", "behind", "no_actual", "not_comparable")

# A curator's note that begins with one of these words flags its figure (README, "Notes"):
# "Uncertain: …" or "Uncertain year: …", "Background: …", "Different denominator: …",
# "Denominator: …" or "Denominator as printed: …" (the document words the base differently).
NOTE_FLAGS = {"Uncertain": "uncertain", "Background": "background",
              "Different denominator": "other_denominator", "Denominator": "denominator_wording"}


def note_flag(note: str | None) -> str:
    """The flag of a figure's note ('uncertain', 'background', …) or ''."""
    if not isinstance(note, str):   # an empty cell
        return ""
    return next((flag for word, flag in NOTE_FLAGS.items() if note.startswith(word)), "")


def data_date(observations: pd.DataFrame, sources: pd.DataFrame) -> date | None:
    """How recent the data is: the latest reference date of an actual figure or the latest issue
    date of a source, whichever is later (targets lie in the future, so they do not count)."""
    actuals = [period_end(p) for p in observations.loc[observations["kind"] == "actual", "period"]]
    issued = [d for d in sources["issued"] if isinstance(d, date)]
    return max(actuals + issued, default=None)


@dataclass(frozen=True)
class Metric:
    locality: str
    indicator: str
    period: str
    metric: str
    value: float | str
    unit: str
    basis: str
    # The figures used, in the order the basis names them, and for a status the case of the
    # rule that decided it: pages explain the metric from these in the reader's language.
    inputs: tuple = field(default=(), compare=False, repr=False)
    reason: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class Figure:
    """One observation, reduced to what the metrics need."""
    period: str
    end: date
    value: float
    qualifier: str
    source: str
    flag: str = field(default="", compare=False)

    def cite(self) -> str:
        return f"{self.value:g}% ({self.period}, {self.source})"


def compute_metrics(observations: pd.DataFrame, sources: pd.DataFrame) -> list[Metric]:
    issued = {row.id: row.issued or date.min for row in sources.itertuples()}
    series = percent_series(observations, issued)
    as_of = data_date(observations, sources)
    metrics: list[Metric] = []
    for (locality, indicator), figures in sorted(series.items()):
        national = series.get((NATIONAL, indicator), Series()).targets if locality != NATIONAL else []
        for document_targets in figures.by_source.values():
            metrics += planned_pace(locality, indicator, document_targets)
        metrics += gaps_to_national(locality, indicator, figures.targets, national)
        metrics += progress(locality, indicator, figures.targets, figures.actuals, as_of)
    metrics += implied_denominators(observations)
    return metrics


@dataclass
class Series:
    """The percentages of one locality and indicator, each list sorted by date."""
    targets: list[Figure] = field(default_factory=list)      # one per year: the one that counts
    actuals: list[Figure] = field(default_factory=list)
    by_source: dict[str, list[Figure]] = field(default_factory=dict)  # every document's year targets


def percent_series(observations: pd.DataFrame, issued: dict) -> dict[tuple[str, str], Series]:
    """Whole-locality percentages by (locality, indicator).

    Where several documents set a target for the same year, the one that counts is the
    locality's own (not a national document such as QĐ 546 assigning targets to every
    province), and among those the most recently issued: a newer plan supersedes an older one."""
    records = observations.to_dict("records")
    national_sources = {r["source"] for r in records if r["locality"] == NATIONAL}
    series: dict[tuple[str, str], Series] = {}
    for r in records:
        flag = note_flag(r.get("note"))
        if r["subdivision"] is not None or r["unit"] != "percent" or flag == "other_denominator":
            continue
        figures = series.setdefault((r["locality"], r["indicator"]), Series())
        figure = Figure(r["period"], period_end(r["period"]), r["value"], r["qualifier"], r["source"], flag)
        if r["kind"] == "actual":
            figures.actuals.append(figure)
        elif is_year(figure.period):
            figures.by_source.setdefault(figure.source, []).append(figure)

    def precedence(figure: Figure, locality: str) -> tuple:
        return target_precedence(locality, figure.source, national_sources, issued)

    for (locality, _), figures in series.items():
        by_year: dict[str, Figure] = {}
        for document_targets in figures.by_source.values():
            document_targets.sort(key=lambda f: f.end)
            for f in document_targets:
                current = by_year.get(f.period)
                if current is None or precedence(f, locality) > precedence(current, locality):
                    by_year[f.period] = f
        figures.targets = sorted(by_year.values(), key=lambda f: f.end)
        figures.actuals.sort(key=lambda f: (f.end, f.source))
    return series


def target_precedence(locality: str, source: str, national_sources: set[str], issued: dict) -> tuple:
    """Sort key among targets for the same year: the locality's own document before a national
    one assigning targets to every province, then the most recently issued."""
    return locality == NATIONAL or source not in national_sources, issued.get(source, date.min)


def pace(first: Figure, last: Figure) -> float:
    return (last.value - first.value) / (int(last.period[:4]) - int(first.period[:4]))


def planned_pace(locality: str, indicator: str, targets: list[Figure]) -> list[Metric]:
    """The yearly rise one document's targets imply: between consecutive target years, and from
    its first to its last when it sets more than two."""
    pairs = list(zip(targets, targets[1:]))
    if len(targets) > 2:
        pairs.append((targets[0], targets[-1]))
    return [Metric(locality, indicator, f"{a.period}-{b.period}", "planned_pace_pp_per_year",
                   round(pace(a, b), 3), "pp_per_year",
                   f"targets {a.cite()} to {b.cite()}: ({b.value:g} - {a.value:g}) / "
                   f"{int(b.period) - int(a.period)} years", (a, b))
            for a, b in pairs]


def gaps_to_national(locality: str, indicator: str, targets: list[Figure],
                     national: list[Figure]) -> list[Metric]:
    national_by_year = {f.period: f for f in national}
    return [Metric(locality, indicator, t.period, "gap_to_national_pp",
                   round(t.value - national_by_year[t.period].value, 3), "pp",
                   f"local target {t.cite()} minus national target {national_by_year[t.period].cite()}",
                   (t, national_by_year[t.period]))
            for t in targets if t.period in national_by_year]


def target_for(actual: Figure, targets: list[Figure]) -> Figure | None:
    """The target of the same period as the actual figure, or else the next one."""
    return next((t for t in targets if t.end >= actual.end), None)


def meets(actual: Figure, target: Figure) -> bool:
    if target.qualifier in ("at_most", "under"):
        return actual.value <= target.value
    if target.qualifier == "over":
        return actual.value > target.value
    return actual.value >= target.value


def progress(locality: str, indicator: str, targets: list[Figure], actuals: list[Figure],
             as_of: date | None = None) -> list[Metric]:
    """latest_actual, gap_to_target_pp, required and observed pace, and the status.

    `as_of` is the date of the newest figure in the data: a target whose date is already behind
    it gets no required pace (the deadline has passed; what was needed then is no news)."""
    def metric(period, name, value, unit, basis, inputs, reason=""):
        return Metric(locality, indicator, period, name, value, unit, basis, inputs, reason)

    if not targets and not actuals:
        return []
    if not actuals:
        return [metric(targets[-1].period, "status", "no_actual", "",
                       f"targets exist (latest {targets[-1].cite()}) but no published actual figure",
                       (targets[-1],), "no_actual")]
    latest = actuals[-1]
    out = [metric(latest.period, "latest_actual", latest.value, "percent", f"actual {latest.cite()}", (latest,))]
    target = target_for(latest, targets)
    if target is None:
        if targets:
            out.append(metric(latest.period, "status", "not_comparable", "",
                              f"no target for {latest.period} or later (latest target {targets[-1].cite()})",
                              (latest, targets[-1]), "no_later_target"))
        return out
    gap = target.value - latest.value
    out.append(metric(target.period, "gap_to_target_pp", round(gap, 3), "pp",
                      f"target {target.cite()} minus actual {latest.cite()}", (target, latest)))
    years_left = years_between(latest.end, target.end)
    # A target already met needs no pace; one whose date has passed cannot be reached on time.
    deadline_ahead = years_left > 0 and (as_of is None or target.end > as_of)
    required = gap / years_left if deadline_ahead and not meets(latest, target) else None
    if required is not None:
        out.append(metric(target.period, "required_pace_pp_per_year", round(required, 3), "pp_per_year",
                          f"({target.value:g} - {latest.value:g}) / {years_left:.2f} years from "
                          f"{latest.end.isoformat()} to {target.end.isoformat()}", (latest, target)))
    observed = observed_pace(actuals)
    if observed is not None:
        out.append(metric(latest.period, "observed_pace_pp_per_year", round(observed[0], 3), "pp_per_year",
                          observed[1], observed[2]))
    verdict, basis, reason = status(latest, target, required, observed)
    # A verdict of pace also rests on the earlier actual of the observed pace.
    used = (latest, target) + (observed[2] if observed and reason in ("on_track", "behind") else ())
    out.append(metric(target.period, "status", verdict, "", basis, used, reason))
    return out


def observed_pace(actuals: list[Figure]) -> tuple[float, str, tuple] | None:
    dated = {}
    for f in actuals:
        dated[f.end] = f  # one figure per date; the last source wins
    if len(dated) < 2:
        return None
    a, b = (dated[d] for d in sorted(dated)[-2:])
    years = years_between(a.end, b.end)
    return ((b.value - a.value) / years,
            f"actuals {a.cite()} to {b.cite()}: ({b.value:g} - {a.value:g}) / {years:.2f} years", (a, b))


def status(latest: Figure, target: Figure, required: float | None,
           observed: tuple | None) -> tuple[str, str, str]:
    """(status, basis, reason) following the rule printed on the methodology page."""
    if meets(latest, target):
        return "met", f"actual {latest.cite()} reaches target {target.cite()}", "met"
    if observed is None:
        return ("not_comparable", f"actual {latest.cite()} does not meet target {target.cite()}; "
                "only one actual figure, so no observed pace", "single_actual")
    if required is None:
        return ("not_comparable", f"actual {latest.cite()} does not meet target {target.cite()}; "
                "the target date has passed", "past_due")
    # For "at most" targets (debt ratios) lower is better: the pace needed is a fall.
    lower_is_better = target.qualifier in ("at_most", "under")
    fast_enough = observed[0] <= required if lower_is_better else observed[0] >= required
    verdict = "on_track" if fast_enough else "behind"
    sign = {(True, False): ">=", (False, False): "<", (True, True): "<=", (False, True): ">"}[
        (fast_enough, lower_is_better)]
    return verdict, (f"observed pace {observed[0]:.2f} pp/year {sign} required {required:.2f} pp/year "
                     f"to reach {target.cite()}"), verdict


def implied_denominators(observations: pd.DataFrame) -> list[Metric]:
    """people ÷ rate wherever a document gives both for the same figure (derived)."""
    return [Metric(rate["locality"], rate["indicator"], rate["period"], "implied_denominator",
                   round(implied(rate, count)), "persons",
                   f"{count['value']:,.0f} persons / {rate['value']:g}% ({rate['kind']}, {rate['source']}); derived")
            for rate, count in rate_count_pairs(observations.to_dict("records"))]


def metrics_frame(metrics: list[Metric]) -> pd.DataFrame:
    return pd.DataFrame([m.__dict__ for m in metrics],
                        columns=["locality", "indicator", "period", "metric", "value", "unit", "basis"])
