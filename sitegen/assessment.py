"""Evidence-graded progress assessment (part of the analysis stage: pure functions, no text).

For each locality and indicator: the final target of the plan in force is assessed against
the comparable actuals, with a straight-line projection to its deadline; interim targets are
judged only after their deadline, against a reading of that period's end. Every verdict
carries its evidence grade and the figures it rests on. The rules, in order:

- Which target: the latest year target that counts (analysis.percent_series: the locality's
  own document before a national assignment, then the newest).
- Comparable actuals: the locality's whole-locality percentages, not flagged Background or
  Different denominator; unflagged ones first, Uncertain ones only when the unflagged are
  not enough. Walking back from the newest, an actual whose implied denominator (count ÷ rate,
  where a document gives both) is not on the same base as the newer ones ends the series.
- Same base as the target: where a document gives a target both as a rate and as a number of
  people, and another gives the reading both ways, the two implied denominators must be on the
  same base (as above); otherwise the reading cannot show the target met or missed (a rate above
  the target may be a count below it) and the verdict is insufficient, with no gap or pace.
- Verdicts: met / missed from a reading of the deadline's period end; on_track / off_track
  from the projection at the deadline (at least two actuals six months apart), or on_track
  from a single reading that already reaches the target; otherwise insufficient, no_actual.
- Evidence: firm, or indicative when it rests on an Uncertain figure, a single reading, an
  "about" reading against a sharper target, a reading dated before the plan, or a projection
  reaching further ahead than twice the time the actuals span.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .figures import Figure
from .periods import years_between

BASE_TOLERANCE = 0.03          # two implied denominators within 3% are the same base …
BASE_GROWTH_PER_YEAR = 0.02    # … and a labour force or population may grow up to 2% a year on top
MIN_SPAN_MONTHS = 6            # a projection needs two actuals at least six months apart
LONG_PROJECTION = 2.0          # projecting further ahead than twice the actuals' span: indicative
ABOUT_MAX_SHARE = 0.02         # an "about" target tolerates rounding, never more than 2% of its value


@dataclass(frozen=True)
class TargetBase:
    """The denominator a target's rate implies: its number of people ÷ its rate, from the target's own
    document or from another that states the same rate for the same period beside a number of people."""
    base: float
    count: Figure                       # the number of people it comes from


@dataclass(frozen=True)
class BaseGap:
    """A reading and a target that are shares of denominators not on one base."""
    reading_base: float
    target_base: float
    reading_count: Figure               # the number of people that gave reading_base
    target_count: Figure                # the number of people that gave target_base
    base_source: Figure | None = None   # the comparable reading whose count gave reading_base, where the
                                        # reading's own document gives none (else None)


@dataclass(frozen=True)
class Verdict:
    """The assessment of one target."""
    locality: str
    indicator: str
    target: Figure
    final: bool                 # the final target of the plan in force (else an interim one, past due)
    status: str                 # vocabulary.VERDICTS
    evidence: str               # vocabulary.GRADES: firm, indicative, insufficient
    reason: str                 # vocabulary.VERDICT_REASONS: the case of the rule that decided it
    used: tuple[Figure, ...] = ()       # the actuals it rests on, oldest first
    projected: float | None = None      # the straight line's value at the deadline
    slope: float | None = None          # its yearly change, percentage points
    cautions: tuple[str, ...] = ()      # vocabulary.CAUTIONS: why it is only indicative
    bases: BaseGap | None = None        # other_base: the denominators found apart

    @property
    def latest(self) -> Figure | None:
        return self.used[-1] if self.used else None

    @property
    def as_of(self) -> date | None:
        return self.latest.end if self.latest else None

    @property
    def gap(self) -> float | None:
        """Target minus the latest actual, percentage points (None where the two are shares of
        different bases: the difference of their rates would mean nothing)."""
        if self.latest is None or self.reason == "other_base":
            return None
        return self.target.value - self.latest.value


@dataclass(frozen=True)
class Reading:
    """An actual read before a target's deadline in the same period: it says where the
    locality stood, never that the target was met."""
    target: Figure
    actual: Figure
    reaches: bool


@dataclass(frozen=True)
class Evidence:
    """What an assessment of one locality and indicator can use."""
    targets: list[Figure]              # the year targets that count, by date
    actuals: list[Figure]              # measured actuals (not on another base), by date
    counts: list[Figure]               # whole-locality counts of people (for implied denominators)
    issued: dict[str, date]            # documents' issue dates
    judged_on: date | None             # the day the verdicts are stated on, or the newest figure or
                                       # document in the data if later: a deadline before it has passed
                                       # (not Verdict.as_of, the newest figure a verdict rests on)
    # target_bases(): each target's denominator, by (period, rate)
    target_bases: dict[tuple[str, float], TargetBase] = field(default_factory=dict)
    doubtful: frozenset[int] = frozenset()   # lines of rates whose base their document contradicts (consistency)


def assess(locality: str, indicator: str, evidence: Evidence) -> list[Verdict]:
    """The final target's verdict first, then each interim target judged after its deadline."""
    if not evidence.targets:
        return []
    final = evidence.targets[-1]
    verdicts = [final_verdict(locality, indicator, final, evidence)]
    used = comparable(evidence.actuals, evidence.counts) if len(evidence.targets) > 1 else []   # for each interim
    for target in evidence.targets[:-1]:
        verdict = interim_verdict(locality, indicator, target, used, evidence)
        if verdict:
            verdicts.append(verdict)
    return verdicts


def final_verdict(locality: str, indicator: str, target: Figure, evidence: Evidence) -> Verdict:
    def verdict(status, reason, used=(), projected=None, slope=None, cautions=(), bases=None):
        grade = "insufficient" if status in ("insufficient", "no_actual") else (
            "indicative" if cautions else "firm")
        return Verdict(locality, indicator, target, True, status, grade, reason, tuple(used), projected, slope,
                       tuple(cautions), bases)

    if not evidence.actuals:
        return verdict("insufficient", "counts_only") if evidence.counts else verdict("no_actual", "no_actual")
    used = comparable(evidence.actuals, evidence.counts)
    if not used:
        return verdict("insufficient", "not_comparable")
    at_deadline = [a for a in used if a.end == target.end and (a.flag is None or a.flag.dated)]
    # the reading of the deadline, else the newest actual whose base is known, on the target's base?
    compared = at_deadline[-1:] or [a for a in used if a.end < target.end][-1:]
    bases = other_base(compared[0], target, evidence, used) if compared else None
    if bases:
        return verdict("insufficient", "other_base", compared, bases=bases)
    if at_deadline:
        return deadline_verdict(verdict, target, at_deadline[-1], evidence.doubtful)
    if deadline_passed(target, evidence.judged_on):   # where it last stood by then: a later reading is no gap to it
        return verdict("insufficient", "deadline_unread", [a for a in used if a.end <= target.end])
    used = [a for a in used if a.end < target.end]
    if span_months(used) >= MIN_SPAN_MONTHS:
        slope, projected = projection(used, target.end)
        reaches = reached(projected, target)
        cautions = common_cautions(used, target, evidence) + long_projection(used, target)
        return verdict("on_track" if reaches else "off_track", "projected_reaches" if reaches else "projected_short",
                       used, projected, slope, cautions)
    if used and reached(used[-1].value, target):
        cautions = ("single",) + common_cautions(used[-1:], target, evidence)
        return verdict("on_track", "above_before_deadline", used[-1:], cautions=cautions)
    return verdict("insufficient", "too_few", used)


def deadline_passed(target: Figure, judged_on: date | None) -> bool:
    """Whether a target's deadline lies behind the day the verdicts are stated on: from the day
    after it, as the deadline's own day is still running (the one rule for verdicts and paces)."""
    return judged_on is not None and target.end < judged_on


def deadline_verdict(verdict, target: Figure, reading: Figure, doubtful: frozenset[int]) -> Verdict:
    """met / missed: a reading of the deadline's own period end."""
    cautions = reading_cautions(reading, target, doubtful)
    return verdict("met" if reached(reading.value, target) else "missed",
                   "met_at_deadline" if reached(reading.value, target) else "missed_at_deadline",
                   [reading], cautions=cautions)


def interim_verdict(locality: str, indicator: str, target: Figure, used: list[Figure],
                    evidence: Evidence) -> Verdict | None:
    """An interim target is judged only against a comparable reading of its period's end (`used`:
    the pair's comparable actuals), on the target's own base."""
    readings = [a for a in used if a.end == target.end and (a.flag is None or a.flag.dated)]
    if not readings:
        return None
    reading = readings[-1]
    bases = other_base(reading, target, evidence, used)
    if bases:
        return Verdict(locality, indicator, target, False, "insufficient", "insufficient", "other_base", (reading,),
                       bases=bases)
    met = reached(reading.value, target)
    cautions = reading_cautions(reading, target, evidence.doubtful)
    return Verdict(locality, indicator, target, False, "met" if met else "missed",
                   "indicative" if cautions else "firm", "met_at_deadline" if met else "missed_at_deadline",
                   (reading,), cautions=cautions)


def readings_before_deadline(targets: list[Figure], actuals: list[Figure]) -> list[Reading]:
    """Actuals read during a target's own period, before its deadline (e.g. 31/07/2022 against
    the 2022 target): worded "had reached the 2022 target as of 31/07/2022", never "met"."""
    found = []
    for target in targets:
        same_period = [a for a in actuals if a.end.year == target.end.year and a.end < target.end
                       and (a.flag is None or a.flag.id != "background")]
        if same_period:
            found.append(Reading(target, same_period[-1], reached(same_period[-1].value, target)))
    return found


# ---------------------------------------------------------------- comparable actuals

def comparable(actuals: list[Figure], counts: list[Figure]) -> list[Figure]:
    """The actuals a verdict may rest on, oldest first: unflagged ones when they are enough for a
    projection, else the Uncertain ones too; Background figures never; each series cut where the
    base (implied denominator) changes."""
    candidates = [a for a in actuals if a.flag is None or a.flag.id not in ("background", "other_denominator")]
    unflagged = same_base([a for a in candidates if a.flag is None or not a.flag.uncertain], counts)
    if span_months(unflagged) >= MIN_SPAN_MONTHS:
        return unflagged
    with_uncertain = same_base(candidates, counts)
    return with_uncertain if len(with_uncertain) > len(unflagged) else unflagged


def same_figure(f: Figure) -> tuple:
    """What a rate and its count share when one document gives one figure both ways (a count of a
    part, such as mandatory participants beside an all-BHXH rate, is not the same figure)."""
    return f.indicator, f.period, f.kind, f.source


def implied_bases(actuals: list[Figure], counts: list[Figure]) -> dict[int, float]:
    """count ÷ rate for each rate whose document gives the count of the same figure, by line."""
    by_key = {same_figure(c): c.value for c in counts}
    return {a.line: by_key[same_figure(a)] / (a.value / 100)
            for a in actuals if same_figure(a) in by_key and a.value > 0}


def same_base(actuals: list[Figure], counts: list[Figure]) -> list[Figure]:
    """The newest actuals back to the first whose implied denominator is not on the same base as
    the newer ones' (where both are known), oldest first."""
    bases = implied_bases(actuals, counts)
    kept: list[Figure] = []
    reference: tuple[float, date] | None = None    # the oldest kept actual with a known base
    for actual in sorted(actuals, key=lambda a: (a.end, a.line), reverse=True):
        base = bases.get(actual.line)
        if base is not None and reference is not None and not on_same_base(base, actual.end, *reference):
            break
        kept.append(actual)
        if base is not None:
            reference = (base, actual.end)
    return kept[::-1]


def count_of(figure: Figure, counts: list[Figure]) -> Figure | None:
    """The number of people a rate's document gives for the same figure, if any."""
    return next((c for c in counts if same_figure(c) == same_figure(figure)), None) if figure.value > 0 else None


def other_base(reading: Figure, target: Figure, evidence: Evidence, series: list[Figure] = ()) -> BaseGap | None:
    """Whether a reading and a target are shares of denominators not on one base, where the target's
    document (or another stating the same rate for the same period) gives a number of people beside
    its rate: e.g. a 2022 target of 19.04 million people or 37.7% (a labour force of 50.5 million)
    against a reading of 17.5 million or 38.08% (46.0 million). A reading whose document gives no
    count takes the base of the nearest reading of its comparable `series` that has one (comparable()
    keeps a series on one base); with neither, the rates are compared."""
    found = evidence.target_bases.get((target.period, target.value))
    if found is None:
        return None
    measured, count = reading, count_of(reading, evidence.counts)
    if count is None:
        known = [a for a in series if count_of(a, evidence.counts) is not None]
        if not known:
            return None
        measured = min(known, key=lambda a: (abs((a.end - reading.end).days), -a.end.toordinal()))
        count = count_of(measured, evidence.counts)
    reading_base = count.value / (measured.value / 100)
    dated = sorted([(reading_base, measured.end), (found.base, target.end)], key=lambda b: b[1])
    if on_same_base(*dated[0], *dated[1]):
        return None
    return BaseGap(reading_base, found.base, count, found.count, measured if measured is not reading else None)


def target_bases(pairs: list[tuple[Figure, Figure]]) -> dict[tuple[str, float], TargetBase]:
    """For each (period, rate) that a document states both as a rate and as a number of people (the
    series' targets among consistency.rate_count_pairs), the denominator it implies: a target of the
    same rate for the same period in another document (06/NQ-CP's 45% for 2025, which VSS gives as
    23.1 million people) is a share of the same base. The first pair wins where two differ."""
    found: dict[tuple[str, float], TargetBase] = {}
    for rate, count in pairs:
        found.setdefault((rate.period, rate.value), TargetBase(count.value / (rate.value / 100), count))
    return found


def on_same_base(earlier: float, earlier_date: date, later: float, later_date: date) -> bool:
    change = later / earlier - 1
    allowed_growth = BASE_TOLERANCE + BASE_GROWTH_PER_YEAR * years_between(earlier_date, later_date)
    return -BASE_TOLERANCE < change < allowed_growth


def months_between(start: date, end: date) -> float:
    """Calendar months (periods end on month ends: 31/12/2022 to 31/12/2023 is 12, not 11.99)."""
    return (end.year - start.year) * 12 + end.month - start.month + (end.day - start.day) / 31


def span_months(actuals: list[Figure]) -> float:
    return months_between(actuals[0].end, actuals[-1].end) if actuals else 0.0


# ---------------------------------------------------------------- projection and thresholds

def projection(actuals: list[Figure], deadline: date) -> tuple[float, float]:
    """(slope, value at the deadline) of the least-squares line through the actuals (time in years)."""
    origin = actuals[0].end
    xs = [years_between(origin, a.end) for a in actuals]
    ys = [a.value for a in actuals]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = (sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
             / sum((x - mean_x) ** 2 for x in xs))
    return slope, mean_y + slope * (years_between(origin, deadline) - mean_x)


def about_band(value: float) -> float:
    """"about 45%" is reached by a value that rounds to it, from half a unit of the last decimal
    the target is stated with (45 → 44.5; 95.15 → 95.145), but never more than 2% of the target
    below it ("about 3%" → 2.94, not 2.5)."""
    text = f"{value:g}"
    decimals = len(text.split(".")[1]) if "." in text else 0
    return min(0.5 * 10 ** -decimals, ABOUT_MAX_SHARE * value)


def reached(value: float, target: Figure) -> bool:
    """Whether a value reaches the target as its qualifier words it ("about": within its band)."""
    if target.qualifier.id == "about":
        return value >= target.value - about_band(target.value)
    return target.qualifier.reached(value, target.value)


# ---------------------------------------------------------------- evidence

def reading_cautions(reading: Figure, target: Figure, doubtful: frozenset[int] = frozenset()) -> tuple[str, ...]:
    cautions = []
    if reading.flag is not None and reading.flag.uncertain:
        cautions.append("uncertain")
    if reading.qualifier.id == "about" and target.qualifier.id != "about":
        cautions.append("about_reading")
    if reading.line in doubtful:
        cautions.append("doubtful_base")
    return tuple(cautions)


def common_cautions(used: list[Figure], target: Figure, evidence: Evidence) -> tuple[str, ...]:
    cautions = {c for a in used for c in reading_cautions(a, target, evidence.doubtful)}
    issued = evidence.issued.get(target.source)
    if issued and used[-1].end < issued:
        cautions.add("before_plan")
    return tuple(c for c in ("uncertain", "about_reading", "doubtful_base", "before_plan") if c in cautions)


def long_projection(used: list[Figure], target: Figure) -> tuple[str, ...]:
    ahead = months_between(used[-1].end, target.end)
    return ("long_projection",) if ahead > LONG_PROJECTION * span_months(used) else ()
