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
              N_("the actual is at or above the target")),
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
    prefix: str             # a note that begins with these words flags its figure
    label: str              # shown beside the figure (tables, tooltips, fact sentences)
    rule: str               # what the flag means and what the site does with the figure
    measured: bool = True   # False: never measured against a target (another base)
    other_base: bool = False  # the figure's base differs from or is worded unlike the indicator's

    @property
    def style(self) -> str:
        """The CSS class of its label."""
        return f"flag-{self.id}"


FLAGS: dict[str, Flag] = {f.id: f for f in (
    Flag("uncertain", "Uncertain", N_("uncertain figure"),
         N_("The source leaves doubt (a date, a year, figures identical to the plan): the figure is "
            "shown and used, and every number derived from it says so.")),
    Flag("background", "Background", N_("background figure"),
         N_("A figure from before the period of the plans, kept for context.")),
    Flag("other_denominator", "Different denominator", N_("different denominator"),
         N_("Measured on another base than the indicator's: shown, but never measured against a target."),
         measured=False, other_base=True),
    Flag("denominator_wording", "Denominator", N_("base worded differently"),
         N_("The document words the base differently (for example, population excluding the armed forces); "
            "compare with care."), other_base=True),
)}


def note_flag(note: str | None) -> Flag | None:
    """The flag a curator's note sets, or None. "Uncertain year: …" and "Denominator as
    printed: …" count: the prefix is the note's first words."""
    if not isinstance(note, str):   # an empty cell
        return None
    return next((flag for flag in FLAGS.values() if note.startswith(flag.prefix)), None)


# ---------------------------------------------------------------- statuses

@dataclass(frozen=True)
class Status:
    """A verdict on a locality's progress towards a target, shown as a badge."""
    id: str
    label: str
    rule: str

    @property
    def style(self) -> str:
        """The CSS class of its badge."""
        return f"status-{self.id}"


STATUSES: dict[str, Status] = {s.id: s for s in (
    Status("met", N_("target met"),
           N_("The latest actual figure already reaches the target of the same or the next period.")),
    Status("on_track", N_("on track"),
           N_("Target not yet reached, but the pace between the two latest actual figures is fast enough to "
              "reach it on time from the latest actual.")),
    Status("behind", N_("behind"),
           N_("Target not yet reached, and the pace between the two latest actual figures is too slow to "
              "reach it on time.")),
    Status("no_actual", N_("no published actual"),
           N_("The locality has a target but no published actual figure for this indicator.")),
    Status("not_comparable", N_("not comparable"),
           N_("An actual figure exists but cannot be judged: only one actual figure (no observed pace), or no "
              "target for its period or later.")),
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
    MetricKind("observed_pace_pp_per_year", N_("between the actual figures %(a)s and %(b)s"),
               N_("Observed pace between the two latest actuals")),
    MetricKind("gap_to_target_pp", N_("target %(a)s minus actual %(b)s"), N_("Gap to target")),
    MetricKind("status", ""),   # worded by the reason that decided it (REASONS)
    MetricKind("implied_denominator", N_("%(a)s ÷ %(b)s; derived")),
)}


@dataclass(frozen=True)
class Reason:
    """The case of the status rule that decided a verdict, and how its basis is worded
    (%(observed)s and %(required)s are the paces)."""
    id: str
    status: str
    basis: str


REASONS: dict[str, Reason] = {r.id: r for r in (
    Reason("met", "met", N_("the actual %(a)s reaches the target %(b)s")),
    Reason("on_track", "on_track", N_("observed pace %(observed)s, fast enough for the %(required)s needed to go "
                                      "from the actual %(a)s to the target %(b)s")),
    Reason("behind", "behind", N_("observed pace %(observed)s, too slow for the %(required)s needed to go from the "
                                  "actual %(a)s to the target %(b)s")),
    Reason("single_actual", "not_comparable", N_("the actual %(a)s does not meet the target %(b)s; with a single "
                                                 "actual figure there is no observed pace")),
    Reason("past_due", "not_comparable", N_("the actual %(a)s does not meet the target %(b)s, whose date has "
                                            "passed")),
    Reason("no_later_target", "not_comparable", N_("no target for the period of the actual %(a)s or later (latest "
                                                   "target %(b)s)")),
    Reason("no_actual", "no_actual", N_("targets exist (latest %(a)s) but no published actual figure")),
)}
