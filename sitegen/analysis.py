"""Derived metrics: how ambitious each target is and whether each locality is on track.

Input: the valid observations and sources tables, and the typed figures (figures.py).
Output: an `Analysis`: for each locality and indicator the series of whole-locality
percentages (the target that counts for each period, the actuals that may be measured
against targets), and the metrics (one row of metrics.csv each) with the figures they used.
This is the only place that decides which target counts and which actuals are comparable;
pages and files read the answer from here. No text is made here: wording.py words it.

Only whole-locality percentages are used; counts of people only feed the implied
denominators. Nothing is extrapolated beyond the straight line between two figures.
Figures flagged as measured on a different denominator are left out; figures flagged
uncertain are used, and carry their flag into the explanation of every metric.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from .consistency import rate_count_pairs
from .figures import NATIONAL, Figure
from .periods import years_between

PLANNED_PACE = "planned_pace_pp_per_year"
# The metrics progress() gives at most once per locality and indicator.
SINGLE_VALUED = ("latest_actual", "gap_to_target_pp", "required_pace_pp_per_year", "observed_pace_pp_per_year",
                 "status")


@dataclass(frozen=True)
class Metric:
    locality: str
    indicator: str
    period: str
    metric: str             # an id of vocabulary.METRICS
    value: float | str
    unit: str
    # The figures used, in the order the basis names them, and for a status the case of the
    # rule that decided it (vocabulary.REASONS): wording.py explains the metric from these.
    inputs: tuple[Figure, ...] = field(default=(), compare=False, repr=False)
    reason: str = field(default="", compare=False, repr=False)


@dataclass
class Series:
    """The whole-locality percentages of one locality and indicator, each list sorted by date."""
    targets: list[Figure] = field(default_factory=list)    # for each period, the target that counts
    actuals: list[Figure] = field(default_factory=list)    # the actuals that may meet a target
    documents: dict[str, list[Figure]] = field(default_factory=dict)   # each document's year targets

    @property
    def year_targets(self) -> list[Figure]:
        return [f for f in self.targets if f.is_year]

    def latest(self, kind: str) -> Figure | None:
        figures = self.targets if kind == "target" else self.actuals
        return figures[-1] if figures else None


@dataclass
class Analysis:
    """Everything derived from the figures, looked up by locality and indicator."""
    series: dict[tuple[str, str], Series]
    metrics: list[Metric]

    def __post_init__(self) -> None:
        # Indexed once: pages ask for every locality and indicator (a scan each would be quadratic).
        self._by_key: dict[tuple[str, str], dict[str, Metric]] = {}
        self._every: dict[tuple[str, str, str], list[Metric]] = {}
        for m in self.metrics:
            self._every.setdefault((m.locality, m.indicator, m.metric), []).append(m)
            if m.metric in SINGLE_VALUED:
                self._by_key.setdefault((m.locality, m.indicator), {})[m.metric] = m

    def series_of(self, locality: str, indicator: str) -> Series:
        return self.series.get((locality, indicator)) or Series()

    def metrics_for(self, locality: str, indicator: str) -> dict[str, Metric]:
        """The progress metrics of one locality and indicator (one of each at most), by id."""
        return self._by_key.get((locality, indicator), {})

    def each(self, locality: str, indicator: str, metric: str) -> list[Metric]:
        """Every metric of one id for one locality and indicator (e.g. a gap per target year)."""
        return self._every.get((locality, indicator, metric), [])

    def planned_paces(self, indicator: str, localities: list[str]) -> list[Metric]:
        """One planned pace per locality and document: from its first to its last target year."""
        widest: dict[tuple[str, str], Metric] = {}
        for locality in localities:
            for m in self.each(locality, indicator, PLANNED_PACE):
                key = (m.locality, m.inputs[0].source)
                if key not in widest or span(m) > span(widest[key]):
                    widest[key] = m
        return list(widest.values())


def span(metric: Metric):
    return metric.inputs[1].end - metric.inputs[0].end


def data_date(figures: list[Figure], sources: pd.DataFrame) -> date | None:
    """How recent the data is: the latest reference date of an actual figure or the latest issue
    date of a source, whichever is later (targets lie in the future, so they do not count)."""
    actuals = [f.end for f in figures if f.kind == "actual"]
    issued = [d for d in sources["issued"] if isinstance(d, date)]
    return max(actuals + issued, default=None)


def analyse(observations: pd.DataFrame, sources: pd.DataFrame, figures: dict[int, Figure]) -> Analysis:
    series = percent_series(observations, sources, figures)
    as_of = data_date(list(figures.values()), sources)
    metrics: list[Metric] = []
    for (locality, indicator), one in sorted(series.items()):
        national = series_national_targets(series, locality, indicator)
        for document_targets in one.documents.values():
            metrics += planned_pace(locality, indicator, document_targets)
        metrics += gaps_to_national(locality, indicator, one.year_targets, national)
        metrics += progress(locality, indicator, one.year_targets, one.actuals, as_of)
    metrics += implied_denominators(observations, figures)
    return Analysis(series, metrics)


def series_national_targets(series: dict, locality: str, indicator: str) -> list[Figure]:
    if locality == NATIONAL or (NATIONAL, indicator) not in series:
        return []
    return series[(NATIONAL, indicator)].year_targets


def percent_series(observations: pd.DataFrame, sources: pd.DataFrame,
                   figures: dict[int, Figure]) -> dict[tuple[str, str], Series]:
    """Whole-locality percentages by (locality, indicator).

    Where several documents set a target for the same period, the one that counts is the
    locality's own (not a national document such as QĐ 546 assigning targets to every
    province), then the most recently issued: a newer plan supersedes an older one; then the
    row that comes first in observations.csv."""
    rows = observations[observations["subdivision"].isna() & (observations["unit"] == "percent")]
    rows = rows[mask(rows, lambda f: f.measured, figures)]
    national_sources = set(observations.loc[observations["locality"] == NATIONAL, "source"])
    issued = dict(zip(sources["id"], sources["issued"]))
    rows = rows.assign(
        end=[figures[line].end for line in rows["_line"]],
        own=(rows["locality"] == NATIONAL) | ~rows["source"].isin(national_sources),
        issued=[issued.get(s) or date.min for s in rows["source"]])
    targets = (rows[rows["kind"] == "target"]
               .sort_values(["own", "issued"], ascending=False, kind="stable")
               .drop_duplicates(["locality", "indicator", "period"], keep="first")
               .sort_values(["locality", "indicator", "end", "_line"]))
    actuals = rows[rows["kind"] == "actual"].sort_values(["locality", "indicator", "end", "source"])
    series: dict[tuple[str, str], Series] = {}
    for (locality, indicator), group in targets.groupby(["locality", "indicator"], sort=False):
        series.setdefault((locality, indicator), Series()).targets = [figures[x] for x in group["_line"]]
    for (locality, indicator), group in actuals.groupby(["locality", "indicator"], sort=False):
        series.setdefault((locality, indicator), Series()).actuals = [figures[x] for x in group["_line"]]
    year_targets = rows[(rows["kind"] == "target") & mask(rows, lambda f: f.is_year, figures)]
    for (locality, indicator, source), group in year_targets.sort_values(["end", "_line"]).groupby(
            ["locality", "indicator", "source"], sort=False):
        series[(locality, indicator)].documents[source] = [figures[x] for x in group["_line"]]
    return series


def mask(rows: pd.DataFrame, test, figures: dict[int, Figure]) -> pd.Series:
    """A boolean mask of `rows` from a test of each row's typed figure."""
    return pd.Series([bool(test(figures[line])) for line in rows["_line"]], index=rows.index, dtype=bool)


def pace(first: Figure, last: Figure) -> float:
    return (last.value - first.value) / (int(last.period[:4]) - int(first.period[:4]))


def planned_pace(locality: str, indicator: str, targets: list[Figure]) -> list[Metric]:
    """The yearly rise one document's targets imply: between consecutive target years, and from
    its first to its last when it sets more than two."""
    pairs = list(zip(targets, targets[1:]))
    if len(targets) > 2:
        pairs.append((targets[0], targets[-1]))
    return [Metric(locality, indicator, f"{a.period}-{b.period}", PLANNED_PACE,
                   round(pace(a, b), 3), "pp_per_year", (a, b))
            for a, b in pairs]


def gaps_to_national(locality: str, indicator: str, targets: list[Figure],
                     national: list[Figure]) -> list[Metric]:
    national_by_year = {f.period: f for f in national}
    return [Metric(locality, indicator, t.period, "gap_to_national_pp",
                   round(t.value - national_by_year[t.period].value, 3), "pp", (t, national_by_year[t.period]))
            for t in targets if t.period in national_by_year]


def target_for(actual: Figure, targets: list[Figure]) -> Figure | None:
    """The target of the same period as the actual figure, or else the next one."""
    return next((t for t in targets if t.end >= actual.end), None)


def meets(actual: Figure, target: Figure) -> bool:
    return target.qualifier.reached(actual.value, target.value)


def progress(locality: str, indicator: str, targets: list[Figure], actuals: list[Figure],
             as_of: date | None = None) -> list[Metric]:
    """latest_actual, gap_to_target_pp, required and observed pace, and the status.

    `as_of` is the date of the newest figure in the data: a target whose date is already behind
    it gets no required pace (the deadline has passed; what was needed then is no news)."""
    def metric(period, name, value, unit, inputs, reason=""):
        return Metric(locality, indicator, period, name, value, unit, inputs, reason)

    if not targets and not actuals:
        return []
    if not actuals:
        return [metric(targets[-1].period, "status", "no_actual", "", (targets[-1],), "no_actual")]
    latest = actuals[-1]
    out = [metric(latest.period, "latest_actual", latest.value, "percent", (latest,))]
    target = target_for(latest, targets)
    if target is None:
        if targets:
            out.append(metric(latest.period, "status", "not_comparable", "", (latest, targets[-1]),
                              "no_later_target"))
        return out
    out.append(metric(target.period, "gap_to_target_pp", round(target.value - latest.value, 3), "pp",
                      (target, latest)))
    years_left = years_between(latest.end, target.end)
    # A target already met needs no pace; one whose date has passed cannot be reached on time.
    deadline_ahead = years_left > 0 and (as_of is None or target.end > as_of)
    required = (target.value - latest.value) / years_left if deadline_ahead and not meets(latest, target) else None
    if required is not None:
        out.append(metric(target.period, "required_pace_pp_per_year", round(required, 3), "pp_per_year",
                          (latest, target)))
    observed = observed_pace(actuals)
    if observed is not None:
        out.append(metric(latest.period, "observed_pace_pp_per_year", round(observed[0], 3), "pp_per_year",
                          observed[1]))
    verdict, reason = status(latest, target, required, observed)
    # A verdict of pace also rests on the earlier actual of the observed pace.
    used = (latest, target) + (observed[1] if observed and reason in ("on_track", "behind") else ())
    out.append(metric(target.period, "status", verdict, "", used, reason))
    return out


def observed_pace(actuals: list[Figure]) -> tuple[float, tuple[Figure, Figure]] | None:
    dated = {}
    for f in actuals:
        dated[f.end] = f  # one figure per date; the last source wins
    if len(dated) < 2:
        return None
    a, b = (dated[d] for d in sorted(dated)[-2:])
    return (b.value - a.value) / years_between(a.end, b.end), (a, b)


def status(latest: Figure, target: Figure, required: float | None, observed: tuple | None) -> tuple[str, str]:
    """(status, reason) following the rule printed on the methodology page."""
    if meets(latest, target):
        return "met", "met"
    if observed is None:
        return "not_comparable", "single_actual"
    if required is None:
        return "not_comparable", "past_due"
    # For "at most" targets (debt ratios) lower is better: the pace needed is a fall.
    fast_enough = observed[0] <= required if target.qualifier.lower_is_better else observed[0] >= required
    verdict = "on_track" if fast_enough else "behind"
    return verdict, verdict


def implied_denominators(observations: pd.DataFrame, figures: dict[int, Figure]) -> list[Metric]:
    """people ÷ rate wherever a document gives both for the same figure (derived)."""
    return [Metric(rate.locality, rate.indicator, rate.period, "implied_denominator",
                   round(count.value / (rate.value / 100)), "persons", (count, rate))
            for rate, count in rate_count_pairs(list(figures.values()))]
