"""The domain's vocabularies, each defined once with everything about each member.

Frictionless keeps an error's code, title, template and description together in one class;
here a qualifier, a flag, a status or a kind of figure carries its id, its words (gettext
message ids, translated where they are shown), the rule it stands for and how the code
treats it. The analysis, the wording, the methodology page and the README (tested) all read
these definitions, so the site cannot describe a rule the code does not apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .i18n import N_

# Vietnam's 34 provincial units and the end of the district level (Nghị quyết 202/2025/QH15):
# figures dated before it describe the units as they were.
REORGANISATION = date(2025, 7, 1)


# ---------------------------------------------------------------- qualifiers

@dataclass(frozen=True)
class Qualifier:
    """How a document words a figure: "ít nhất 50%" is a floor, "khoảng 55%" is not."""
    id: str
    word: str               # shown before the value ("at least 50%"); empty for exact figures
    name: str               # its name in the methodology's table
    document_words: str     # how the documents say it (README and methodology)
    reached_rule: str       # when an actual reaches a target worded this way
    lower_is_better: bool = False   # debt ratios: "at most 3%" is met by falling

    def reached(self, actual: float, target: float) -> bool:
        """Whether `actual` reaches a target of `target` worded with this qualifier."""
        if self.id == "over":
            return actual > target
        if self.id == "under":
            return actual < target
        if self.lower_is_better:
            return actual <= target
        return actual >= target


QUALIFIERS: dict[str, Qualifier] = {q.id: q for q in (
    Qualifier("at_least", N_("at least"), N_("at least"), "ít nhất; từ … trở lên",
              N_("the actual is at or above the target")),
    Qualifier("about", N_("about"), N_("about"), "khoảng",
              N_("the actual is at or above the target, or close enough below it to round to it (see "
                 "“Projection” under the verdicts)")),
    Qualifier("over", N_("over"), N_("over"), "trên",
              N_("the actual is above the target")),
    Qualifier("at_most", N_("at most"), N_("at most"), "bằng hoặc thấp hơn; tối đa",
              N_("the actual is at or below the target"), lower_is_better=True),
    Qualifier("under", N_("under"), N_("under"), "dưới",
              N_("the actual is below the target"), lower_is_better=True),
    Qualifier("exact", "", N_("exact"), "",
              N_("the actual is at or above the target")),
)}


# ---------------------------------------------------------------- flags

@dataclass(frozen=True)
class Flag:
    """A caveat on a figure, set by the first words of the curator's note."""
    id: str
    prefixes: tuple[str, ...]   # a note that begins with one of these flags its figure
    label: str              # shown beside the figure (tables, tooltips, fact sentences)
    rule: str               # what the flag means and what the site does with the figure
    measured: bool = True   # False: never measured against a target (another base)
    other_base: bool = False  # the figure's base differs from or is worded unlike the indicator's
    uncertain: bool = False   # the figure itself is in doubt: whatever rests on it says so
    dated: bool = True        # False: its date is not stated clearly, so it never reads a deadline

    @property
    def style(self) -> str:
        """The CSS class of its label."""
        return f"flag-{self.id}"


# In the order they are tried: "Uncertain date" before "Uncertain".
FLAGS: dict[str, Flag] = {f.id: f for f in (
    Flag("uncertain_date", ("Uncertain date", "Uncertain year"), N_("date uncertain"),
         N_("The document does not state the figure's date clearly (a missing year, a day within the year): it is "
            "shown and used as of the period recorded, says so wherever it is used, and never counts as the "
            "reading of a deadline."), uncertain=True, dated=False),
    Flag("uncertain", ("Uncertain",), N_("uncertain figure"),
         N_("The source leaves doubt (an estimate, figures identical to the plan, a translation): the figure is "
            "shown and used, and every number and verdict derived from it says so."), uncertain=True),
    Flag("background", ("Background",), N_("background figure"),
         N_("A figure from before the period of the plans, kept for context: never used for a verdict, but a "
            "target's baseline may be one.")),
    Flag("other_denominator", ("Different denominator",), N_("different denominator"),
         N_("Measured on another base than the indicator's: shown, but never measured against a target."),
         measured=False, other_base=True),
    Flag("denominator_wording", ("Denominator",), N_("base worded differently"),
         N_("The document words the base differently (for example, population excluding the armed forces); "
            "compare with care."), other_base=True),
)}


def note_flag(note: str | None) -> Flag | None:
    """The flag a curator's note sets, or None: the note's first words are one of a flag's prefixes
    ("Uncertain year: …", "Denominator as printed: …")."""
    if not isinstance(note, str):   # an empty cell
        return None
    return next((flag for flag in FLAGS.values() if note.startswith(flag.prefixes)), None)


# ---------------------------------------------------------------- verdicts and evidence

@dataclass(frozen=True)
class Status:
    """A verdict on a target, shown as a badge (with its evidence grade and as-of date), and the
    quotable sentence that states it (%(locality)s, %(indicator)s, %(target)s, %(period)s, %(basis)s)."""
    id: str
    label: str
    rule: str
    sentence: str

    @property
    def style(self) -> str:
        """The CSS class of its badge."""
        return f"status-{self.id}"


STATUSES: dict[str, Status] = {s.id: s for s in (
    Status("met", N_("target met"),
           N_("A reading of the deadline's own period end reaches the target."),
           N_("%(locality)s met its target for %(indicator)s of %(target)s for %(period)s: %(basis)s.")),
    Status("missed", N_("target missed"),
           N_("A reading of the deadline's own period end does not reach the target."),
           N_("%(locality)s missed its target for %(indicator)s of %(target)s for %(period)s: %(basis)s.")),
    Status("on_track", N_("on track"),
           N_("The straight line through the comparable actuals reaches the target by its deadline, or a single "
              "reading already reaches it before the deadline."),
           N_("%(locality)s is on track for its target for %(indicator)s of %(target)s for %(period)s: %(basis)s.")),
    Status("off_track", N_("off track"),
           N_("The straight line through the comparable actuals falls short of the target at its deadline."),
           N_("%(locality)s is off track for its target for %(indicator)s of %(target)s for %(period)s: "
              "%(basis)s.")),
    Status("insufficient", N_("not enough comparable data"),
           N_("Actual figures exist but cannot support a verdict: a single reading below the target, readings "
              "less than six months apart, figures on another base or before the plans, counts without a rate, or "
              "a deadline with no reading of its date."),
           N_("There is not enough comparable data to measure %(locality)s's %(indicator)s against its target of "
              "%(target)s for %(period)s: %(basis)s.")),
    Status("no_actual", N_("no actual in the data"),
           N_("The locality has a target, but the data hold no actual figure of the indicator as a whole (figures "
              "of its parts, such as compulsory and voluntary BHXH, do not add up to one unless a document says so)."),
           N_("The data hold no actual figure of %(locality)s's %(indicator)s as a whole to measure against its "
              "target of %(target)s for %(period)s.")),
)}


@dataclass(frozen=True)
class Grade:
    """How sure a verdict is: shown on the badge, in words and in its outline."""
    id: str
    label: str
    rule: str

    @property
    def style(self) -> str:
        return f"grade-{self.id}"


GRADES: dict[str, Grade] = {g.id: g for g in (
    Grade("firm", N_("firm"),
          N_("An unflagged reading of the deadline itself, or two or more comparable, unflagged actuals with the "
             "newest within the plan's period; and none of the cautions below.")),
    Grade("indicative", N_("indicative"),
          N_("The verdict rests on at least one of the cautions below: read it as a pointer, not a finding.")),
    Grade("insufficient", N_("no verdict"),
          N_("Not enough comparable data: no verdict is given.")),
)}


@dataclass(frozen=True)
class Caution:
    """Something a verdict rests on that makes it only indicative."""
    id: str
    text: str


CAUTIONS: dict[str, Caution] = {c.id: c for c in (
    Caution("uncertain", N_("it rests on a figure marked uncertain")),
    Caution("single", N_("it rests on a single reading, which gives no trend")),
    Caution("about_reading", N_("it rests on an “about” reading measured against a sharper target")),
    Caution("doubtful_base", N_("it rests on a figure whose count and rate imply another denominator than its "
                                "document's other figures on the same base (see the data notes)")),
    Caution("before_plan", N_("its newest reading is older than the plan")),
    Caution("long_projection", N_("it projects further ahead than twice the time its readings span")),
)}


@dataclass(frozen=True)
class VerdictReason:
    """The case of the rule that decided a verdict, worded with the figures: %(target)s,
    %(reading)s (the newest actual), %(actuals)s (every actual used), %(projected)s, %(deadline)s,
    and for other_base the two implied denominators %(target_base)s and %(reading_base)s."""
    id: str
    status: str
    basis: str
    badge: str = ""      # what the badge adds to the status, where the status alone would not say why
    sentence: str = ""   # the quotable sentence, where the status's own would not fit the case


# other_base's basis names where each base comes from (assessment.other_base): the figure's own
# document, or for a target another document's number of people for the same rate, or for a
# reading the nearest comparable reading with a count.
TARGET_BASE_OWN = N_("the target %(target)s is a share of about %(base)s (its %(count)s divided by its rate)")
TARGET_BASE_OTHER = N_("the target %(target)s is a share of about %(base)s (going by %(count)s, the same target as a "
                       "number of people)")
READING_BASE_OWN = N_("the reading %(reading)s is a share of about %(base)s (its %(count)s divided by its rate)")
READING_BASE_SERIES = N_("the reading %(reading)s is a share of about %(base)s (going by the comparable reading "
                         "%(other)s, whose document gives its number of people)")

# deadline_unread's basis where no comparable reading is dated by the deadline (only later ones).
DEADLINE_UNREAD_NONE_BEFORE = N_("the deadline of the target %(target)s has passed and the data hold no comparable "
                                 "reading of that date or before it")

# What a scorecard cell shows where there is no verdict.
NO_VERDICT = {"counts_only": N_("counts only (no rate published)"), "no_target": N_("no target in the plans")}

VERDICT_REASONS: dict[str, VerdictReason] = {r.id: r for r in (
    VerdictReason("met_at_deadline", "met", N_("the reading of the deadline, %(reading)s, reaches the target %(target)s")),
    VerdictReason("missed_at_deadline", "missed",
                  N_("the reading of the deadline, %(reading)s, does not reach the target %(target)s")),
    VerdictReason("projected_reaches", "on_track",
                  N_("the straight line through %(actuals)s reaches %(projected)s by %(deadline)s, which meets the "
                     "target %(target)s")),
    VerdictReason("projected_short", "off_track",
                  N_("the straight line through %(actuals)s reaches %(projected)s by %(deadline)s, short of the "
                     "target %(target)s")),
    VerdictReason("above_before_deadline", "on_track",
                  N_("the single reading %(reading)s already reaches the target %(target)s before its deadline")),
    VerdictReason("too_few", "insufficient",
                  N_("%(actuals)s: fewer than two comparable actuals six months apart, and below the target "
                     "%(target)s, so there is no projection")),
    VerdictReason("deadline_unread", "insufficient",
                  N_("the deadline of the target %(target)s has passed and the data hold no reading of that date "
                     "(latest comparable by then: %(reading)s)"), N_("deadline passed"),
                  N_("Whether %(locality)s met its target for %(indicator)s of %(target)s for %(period)s cannot be "
                     "said yet: %(basis)s.")),
    VerdictReason("other_base", "insufficient",   # the two sides: TARGET_BASE_*, READING_BASE_*
                  N_("%(target_side)s, and %(reading_side)s: shares of bases this far apart cannot show whether "
                     "the target was reached, as a rate above the target may be a number of people below it"),
                  N_("different bases"),
                  N_("%(locality)s's %(indicator)s cannot be measured against its target of %(target)s for "
                     "%(period)s: %(basis)s.")),
    VerdictReason("not_comparable", "insufficient",
                  N_("the published actuals are background figures or on another base: none can be measured "
                     "against the target %(target)s")),
    VerdictReason("counts_only", "insufficient",
                  N_("counts only (no rate published): the target %(target)s is a rate")),
    VerdictReason("no_actual", "no_actual",
                  N_("the data hold no actual figure of the indicator as a whole to measure against the target "
                     "%(target)s")),
)}


# ---------------------------------------------------------------- how an indicator is measured

@dataclass(frozen=True)
class Scale:
    """What an indicator's percentage is (indicators.csv `unit`): a share of its denominator, or
    the level of an index such as a satisfaction score. Its sentences name the figure accordingly:
    %(citation)s, %(locality)s, %(indicator)s, %(period)s, %(value)s, %(denominator)s."""
    id: str
    measure: str            # the indicator page's lead and the methodology's column
    subtitle: str           # the first line under a chart's title, before its LINE_STYLES
    target: str             # a target for a year
    target_by: str          # a target by a given date (a milestone)
    actual: str


SCALES: dict[str, Scale] = {s.id: s for s in (
    Scale("percent", N_("Share of the %(denominator)s."),
          N_("Percent of %(denominator)s."),
          N_("According to %(citation)s, %(locality)s's target for %(indicator)s for %(period)s: %(value)s of the "
             "%(denominator)s."),
          N_("According to %(citation)s, %(locality)s's target for %(indicator)s by %(period)s: %(value)s of the "
             "%(denominator)s."),
          N_("According to %(citation)s, %(locality)s's %(indicator)s was %(value)s of the %(denominator)s "
             "(%(period)s).")),
    Scale("index", N_("An index score in percent: %(denominator)s."),
          N_("Index score in percent (%(denominator)s)."),
          N_("According to %(citation)s, %(locality)s's target for %(indicator)s for %(period)s: a score of "
             "%(value)s (%(denominator)s)."),
          N_("According to %(citation)s, %(locality)s's target for %(indicator)s by %(period)s: a score of "
             "%(value)s (%(denominator)s)."),
          N_("According to %(citation)s, %(locality)s's %(indicator)s was a score of %(value)s (%(denominator)s; "
             "%(period)s).")),
)}


# ---------------------------------------------------------------- kinds of figure

@dataclass(frozen=True)
class Kind:
    id: str
    label: str


KINDS: dict[str, Kind] = {k.id: k for k in (
    Kind("target", N_("target")), Kind("actual", N_("actual")),
    Kind("required", N_("required path")),   # drawn on charts only: from the latest actual to the target
)}

# How a chart's subtitle names its line styles, by the kinds of figure it draws (in KINDS' order):
# only those drawn (no target, or no required path once the deadline has passed).
LINE_STYLES = {
    ("target", "actual", "required"): N_("Solid: actual; dashed: target; dotted: required path."),
    ("target", "actual"): N_("Solid: actual; dashed: target."),
    ("actual",): N_("Solid: actual."),
    ("target",): N_("Dashed: target."),
}

FIGURE_KINDS = ("target", "actual")          # what observations.csv may say
UNITS = ("percent", "persons")


# ---------------------------------------------------------------- derived numbers

@dataclass(frozen=True)
class MetricKind:
    """A number the site derives (metrics.csv), with how its basis is worded: %(a)s and %(b)s
    are the figures it used, cited in the reader's language."""
    id: str
    basis: str
    label: str = ""     # its row in a locality's pace table; empty: not in that table


METRICS: dict[str, MetricKind] = {m.id: m for m in (
    MetricKind("planned_pace_pp_per_year", N_("from the target %(a)s to the target %(b)s")),
    MetricKind("gap_to_national_pp", N_("local target %(a)s minus national target %(b)s")),
    MetricKind("latest_actual", N_("actual %(a)s")),
    MetricKind("required_pace_pp_per_year", N_("in a straight line from the actual %(a)s to the target %(b)s"),
               N_("Required pace from the latest actual")),
    MetricKind("observed_pace_pp_per_year", N_("the straight line through the actual figures %(a)s to %(b)s"),
               N_("Trend of the comparable actuals")),
    MetricKind("projected_at_deadline", N_("the straight line through the actual figures %(a)s to %(b)s, at the "
                                           "deadline of the target %(c)s"), N_("Projected at the deadline")),
    MetricKind("gap_to_target_pp", N_("target %(a)s minus actual %(b)s"), N_("Gap to target")),
    MetricKind("status", ""),   # worded by the reason that decided it (VERDICT_REASONS)
    MetricKind("demanded_pace_pp_per_year", N_("from the baseline %(a)s, the last actual before the plan (background "
                                               "figures included), to the target %(b)s")),
    MetricKind("implied_denominator", N_("%(a)s ÷ %(b)s; derived")),
)}
