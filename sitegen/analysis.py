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

from .assessment import (Evidence, Reading, Verdict, assess, comparable, deadline_passed, other_base, reached,
                         readings_before_deadline, target_bases)
from .consistency import doubtful_bases, rate_count_pairs
from .figures import NATIONAL, Figure
from .periods import years_between

PLANNED_PACE = "planned_pace_pp_per_year"
# The metrics of the final target's assessment: at most one of each per locality and indicator.
SINGLE_VALUED = ("latest_actual", "gap_to_target_pp", "required_pace_pp_per_year", "observed_pace_pp_per_year",
                 "projected_at_deadline")


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
    verdict: Verdict | None = field(default=None, compare=False, repr=False)   # for a status: the verdict


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
    verdicts: dict[tuple[str, str], list[Verdict]] = field(default_factory=dict)   # the final target's first
    readings: dict[tuple[str, str], list[Reading]] = field(default_factory=dict)

    def verdict(self, locality: str, indicator: str) -> Verdict | None:
        """The verdict on the final target of the plan in force, if there is a target."""
        found = self.verdicts.get((locality, indicator))
        return found[0] if found else None

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


def analyse(observations: pd.DataFrame, sources: pd.DataFrame, figures: dict[int, Figure],
            parts: dict[str, list[str]] | None = None, today: date | None = None,
            denominators: dict[str, str] | None = None) -> Analysis:
    """`parts` lists the indicators that make up another (bhxh: bhxh_mandatory, bhxh_voluntary);
    `today` is the day the verdicts are stated on: a deadline before it, or before the data's
    newest date, has passed; `denominators`: each indicator's denominator, for the rates whose base
    their own document contradicts (consistency.doubtful_bases)."""
    series = percent_series(observations, sources, figures)
    judged_on = max(filter(None, (data_date(list(figures.values()), sources), today)), default=None)
    issued = {i: d for i, d in zip(sources["id"], sources["issued"]) if isinstance(d, date)}
    counts, national_sources = whole_counts(figures, parts or {}), national_documents(observations)
    # Each figure a document gives both as a rate and as a count, paired once for every use below.
    pairs = rate_count_pairs(list(figures.values()))
    target_pairs: dict[tuple[str, str], list] = {}
    for rate, count in pairs:
        if rate.kind == "target":
            target_pairs.setdefault((rate.locality, rate.indicator), []).append((rate, count))
    doubtful = frozenset(doubtful_bases(pairs, denominators)) if denominators else frozenset()
    metrics: list[Metric] = []
    verdicts, readings = {}, {}
    for (locality, indicator), one in sorted(series.items()):
        national = series_national_targets(series, locality, indicator)
        for document_targets in one.documents.values():
            metrics += planned_pace(locality, indicator, document_targets)
        metrics += gaps_to_national(locality, indicator, one.year_targets, national)
        targets = assessable_targets(one, final_target(one, national_sources, issued))
        evidence = Evidence(targets, one.actuals, counts.get((locality, indicator), []), issued, judged_on,
                            target_bases(target_pairs.get((locality, indicator), [])), doubtful)
        verdicts[(locality, indicator)] = assess(locality, indicator, evidence)
        readings[(locality, indicator)] = readings_before_deadline(evidence.targets, one.actuals)
        metrics += progress_metrics(verdicts[(locality, indicator)], judged_on) + demanded_paces(evidence)
        if not targets:
            metrics += latest_without_target(locality, indicator, evidence)
    metrics += implied_denominators(pairs)
    return Analysis(series, metrics, verdicts, readings)


def assessable_targets(series: Series, final: Figure | None) -> list[Figure]:
    """The targets a verdict may judge, ending with the final one: the year targets that count
    before it (interim), not those kept only as background."""
    if final is None:
        return []
    interim = [t for t in series.year_targets if t.end < final.end and (t.flag is None or t.flag.id != "background")]
    return interim + [final]


def whole_counts(figures: dict[int, Figure], parts: dict[str, list[str]]) -> dict[tuple[str, str], list[Figure]]:
    """Actual counts of people for the whole locality, by (locality, indicator). An indicator with
    no count of its own has its parts' counts (mandatory and voluntary participants published, but
    no total): enough to say "counts only", never to compute a rate."""
    counts: dict[tuple[str, str], list[Figure]] = {}
    for f in figures.values():
        if f.kind == "actual" and f.unit == "persons" and f.subdivision is None and f.measured:
            counts.setdefault((f.locality, f.indicator), []).append(f)
    for whole, members in parts.items():
        for locality in {loc for loc, ind in counts if ind in members}:
            if (locality, whole) not in counts:
                counts[(locality, whole)] = [f for m in members for f in counts.get((locality, m), [])]
    return counts


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
    national_sources = national_documents(observations)
    issued = dict(zip(sources["id"], sources["issued"]))
    rows = rows.assign(
        end=[figures[line].end for line in rows["_line"]],
        own=[own_document(loc, src, national_sources) for loc, src in zip(rows["locality"], rows["source"])],
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


def national_documents(observations: pd.DataFrame) -> set[str]:
    """Documents that state national figures: when one also assigns a province a target (QĐ 546),
    the province's own document counts first."""
    return set(observations.loc[observations["locality"] == NATIONAL, "source"])


def own_document(locality: str, source: str, national_sources: set[str]) -> bool:
    return locality == NATIONAL or source not in national_sources


def final_target(series: Series, national_sources: set[str], issued: dict[str, date]) -> Figure | None:
    """The final target of the plan in force: the last year target of the document that counts
    (the locality's own before a national assignment, then the newest issued, then the one reaching
    furthest), leaving out targets kept only as background."""
    documents = {source: [t for t in targets if t.flag is None or t.flag.id != "background"]
                 for source, targets in series.documents.items()}
    documents = {source: targets for source, targets in documents.items() if targets}
    if not documents:
        return None
    locality = next(iter(documents.values()))[0].locality
    in_force = max(documents, key=lambda s: (own_document(locality, s, national_sources),
                                             issued.get(s) or date.min, documents[s][-1].end))
    return documents[in_force][-1]


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


def progress_metrics(verdicts: list[Verdict], judged_on: date | None) -> list[Metric]:
    """The verdicts as metrics.csv rows (status), and the final target's latest actual, gap,
    required pace, trend and projection."""
    metrics = [Metric(v.locality, v.indicator, v.target.period, "status", v.status, "", (v.target,) + v.used,
                      v.reason, v) for v in verdicts]
    final = verdicts[0] if verdicts else None
    if final is None or final.latest is None:
        return metrics
    latest, target = final.latest, final.target

    def metric(period, name, value, unit, inputs):
        return Metric(final.locality, final.indicator, period, name, value, unit, inputs)

    metrics.append(metric(latest.period, "latest_actual", latest.value, "percent", (latest,)))
    if final.gap is None:   # the actual is a share of another base than the target's
        return metrics
    metrics.append(metric(target.period, "gap_to_target_pp", round(final.gap, 3), "pp", (target, latest)))
    deadline_ahead = not deadline_passed(target, judged_on) and target.end > latest.end
    if deadline_ahead and not reached(latest.value, target):
        required = (target.value - latest.value) / years_between(latest.end, target.end)
        metrics.append(metric(target.period, "required_pace_pp_per_year", round(required, 3), "pp_per_year",
                              (latest, target)))
    if final.slope is not None:
        ends = (final.used[0], final.used[-1])
        metrics += [metric(latest.period, "observed_pace_pp_per_year", round(final.slope, 3), "pp_per_year", ends),
                    metric(target.period, "projected_at_deadline", round(final.projected, 2), "percent",
                           ends + (target,))]
    return metrics


def latest_without_target(locality: str, indicator: str, evidence: Evidence) -> list[Metric]:
    """Where no plan sets a target, metrics.csv still gives the latest comparable actual."""
    used = comparable(evidence.actuals, evidence.counts)
    return [Metric(locality, indicator, used[-1].period, "latest_actual", used[-1].value, "percent", (used[-1],))
            ] if used else []


def demanded_paces(evidence: Evidence) -> list[Metric]:
    """How ambitious each target is: the yearly rise it demands from the locality's baseline, the
    last actual before the target's document was issued (background figures count: a baseline is
    by nature before the plan), unless the two are shares of different bases (by their own counts)."""
    metrics = []
    for target in evidence.targets:
        issued = evidence.issued.get(target.source)
        before = [a for a in evidence.actuals if issued and a.end < issued]
        if before and before[-1].end < target.end and not other_base(before[-1], target, evidence):
            baseline = before[-1]
            pace = (target.value - baseline.value) / years_between(baseline.end, target.end)
            metrics.append(Metric(target.locality, target.indicator, target.period, "demanded_pace_pp_per_year",
                                  round(pace, 3), "pp_per_year", (baseline, target)))
    return metrics


def implied_denominators(pairs: list[tuple[Figure, Figure]]) -> list[Metric]:
    """people ÷ rate wherever a document gives both for the same figure (rate_count_pairs; derived)."""
    return [Metric(rate.locality, rate.indicator, rate.period, "implied_denominator",
                   round(count.value / (rate.value / 100)), "persons", (count, rate))
            for rate, count in pairs]
