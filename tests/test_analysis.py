"""analyse() and period_end() on small hand-made tables, every expected value worked by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from sitegen.analysis import analyse, data_date
from sitegen.figures import typed_figures
from sitegen.i18n import language
from sitegen.periods import is_year, period_end, years_between
from sitegen.vocabulary import note_flag
from sitegen.wording import data_citer, metric_basis

COLUMNS = ["locality", "subdivision", "indicator", "period", "kind", "value", "unit", "qualifier", "source", "quote",
           "note_vi", "note_en", "_line"]
ENGLISH = language("en")


def compute_metrics(frame, srcs):
    return analyse(frame, srcs, typed_figures(frame)).metrics


def basis(metric) -> str:
    """The metric's basis as metrics.csv words it."""
    return metric_basis(ENGLISH, metric, {}, data_citer(ENGLISH))


def flag_of(figure) -> str:
    return figure.flag.id if figure.flag else ""


def obs(*rows) -> pd.DataFrame:
    """rows: (locality, indicator, period, kind, value[, unit[, qualifier[, source[, subdivision]]]])."""
    records = []
    for i, row in enumerate(rows, start=2):
        locality, indicator, period, kind, value, *rest = row
        unit = rest[0] if len(rest) > 0 else "percent"
        qualifier = rest[1] if len(rest) > 1 else "exact"
        source = rest[2] if len(rest) > 2 else "plan"
        subdivision = rest[3] if len(rest) > 3 else None
        records.append([locality, subdivision, indicator, period, kind, value, unit, qualifier, source, "quote", None, None,
                        i])
    frame = pd.DataFrame(records, columns=COLUMNS, dtype=object)
    frame["value"] = frame["value"].astype(float)
    return frame


def sources(**issued) -> pd.DataFrame:
    ids = {"plan": date(2021, 4, 12), "news": date(2023, 12, 15)}
    ids.update(issued)
    return pd.DataFrame({"id": list(ids), "issued": list(ids.values())}, dtype=object)


def metrics(frame, srcs=None, locality=None, name=None):
    found = compute_metrics(frame, sources() if srcs is None else srcs)
    return [m for m in found if (locality is None or m.locality == locality) and (name is None or m.metric == name)]


def one(frame, name, locality="a", srcs=None):
    found = metrics(frame, srcs, locality, name)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- period_end

@pytest.mark.parametrize("period, end", [
    ("2025", date(2025, 12, 31)),
    ("2023-Q1", date(2023, 3, 31)),
    ("2023-Q4", date(2023, 12, 31)),
    ("2025-H1", date(2025, 6, 30)),
    ("2025-H2", date(2025, 12, 31)),
    ("2023-11", date(2023, 11, 30)),
    ("2023-02", date(2023, 2, 28)),   # not a leap year
    ("2024-02", date(2024, 2, 29)),   # leap year
    ("2023-06-30", date(2023, 6, 30)),
])
def test_period_end(period, end):
    assert period_end(period) == end


@pytest.mark.parametrize("period", ["2023-13", "2023-02-30", "2023-00", "2023-Q5", "23", "", "2023/11", None])
def test_period_end_rejects_malformed(period):
    with pytest.raises(ValueError):
        period_end(period)


def test_years_between_and_is_year():
    # 2023-11-30 -> 2025-12-31: 31 (Dec 2023) + 366 (2024) + 365 (2025) = 762 days
    assert years_between(date(2023, 11, 30), date(2025, 12, 31)) == pytest.approx(762 / 365.25)
    assert is_year("2025") and not is_year("2025-H1") and not is_year(None)


# ---------------------------------------------------------------- planned pace

def test_planned_pace_consecutive_pairs_and_first_to_last():
    frame = obs(("a", "bhxh", "2021", "target", 40.0),
                ("a", "bhxh", "2025", "target", 50.0),   # out of order on purpose
                ("a", "bhxh", "2023", "target", 44.5))
    paces = {m.period: m.value for m in metrics(frame, name="planned_pace_pp_per_year")}
    # 2021-2023: (44.5 - 40) / 2 = 2.25; 2023-2025: (50 - 44.5) / 2 = 2.75; 2021-2025: (50 - 40) / 4 = 2.5
    assert paces == {"2021-2023": 2.25, "2023-2025": 2.75, "2021-2025": 2.5}
    m = metrics(frame, name="planned_pace_pp_per_year")[0]
    assert m.unit == "pp_per_year" and "40% (2021; plan)" in basis(m) and "44.5% (2023; plan)" in basis(m)


def test_planned_pace_two_targets_gives_one_pair_only():
    frame = obs(("a", "bhxh", "2021", "target", 30.0), ("a", "bhxh", "2025", "target", 45.0))
    # (45 - 30) / 4 = 3.75, and no separate first-to-last duplicate
    assert [(m.period, m.value) for m in metrics(frame, name="planned_pace_pp_per_year")] == [("2021-2025", 3.75)]


def test_planned_pace_ignores_non_year_targets_persons_and_subdivisions():
    frame = obs(("a", "bhxh", "2021", "target", 30.0),
                ("a", "bhxh", "2023-H1", "target", 99.0),                       # not a year: not a target series point
                ("a", "bhxh", "2023", "target", 1000.0, "persons"),              # persons: not in the percent series
                ("a", "bhxh", "2023", "target", 90.0, "percent", "exact", "plan", "Ward 1"),  # subdivision
                ("a", "bhxh", "2025", "target", 40.0))
    # only 2021 -> 2025: (40 - 30) / 4 = 2.5
    assert [(m.period, m.value) for m in metrics(frame, name="planned_pace_pp_per_year")] == [("2021-2025", 2.5)]


# ---------------------------------------------------------------- gap to national

def test_gap_to_national_only_where_both_have_a_target():
    frame = obs(("vn", "bhxh", "2021", "target", 35.0, "percent", "about"),
                ("vn", "bhxh", "2025", "target", 45.0, "percent", "about"),
                ("a", "bhxh", "2021", "target", 40.0),
                ("a", "bhxh", "2023", "target", 44.5),
                ("a", "bhxh", "2025", "target", 50.5))
    gaps = {m.period: m.value for m in metrics(frame, locality="a", name="gap_to_national_pp")}
    # 2021: 40 - 35 = 5; 2025: 50.5 - 45 = 5.5; 2023: no national target -> nothing
    assert gaps == {"2021": 5.0, "2025": 5.5}
    assert all(m.unit == "pp" for m in metrics(frame, name="gap_to_national_pp"))
    # the national series has no gap to itself
    assert metrics(frame, locality="vn", name="gap_to_national_pp") == []


def test_gap_to_national_is_per_indicator():
    frame = obs(("vn", "bhyt", "2025", "target", 95.0), ("a", "bhxh", "2025", "target", 50.0))
    assert metrics(frame, name="gap_to_national_pp") == []


# ---------------------------------------------------------------- progress: one worked case

# Targets 2021: 30, 2025: 50 (at least), one plan issued 12/04/2021. Actuals 2022-11: 38, 2023-11: 41.
# The data's newest date is the news item's issue, 15/12/2023 (tests/test_assessment.py has the rules).
#   final target of the plan in force: 2025, 50 (2021 is interim, with no reading of its end: no verdict)
#   latest actual: 41 (2023-11, ends 2023-11-30); gap to target: 50 - 41 = 9
#   years left: 2023-11-30 -> 2025-12-31 = 31 + 366 + 365 = 762 days; 762 / 365.25 = 2.08624 years
#   required pace: 9 / 2.08624 = 4.31398 -> 4.314 pp/year
#   trend: 2022-11-30 -> 2023-11-30 = 365 days = 0.99932 years; (41 - 38) / 0.99932 = 3.00205 -> 3.002
#   projected at 31/12/2025: 41 + 3.00205 × 2.08624 = 47.263 < 50 -> off track; 25 months ahead of a
#   12-month series is more than twice its span -> indicative
BEHIND = obs(("a", "bhxh", "2021", "target", 30.0, "percent", "at_least"),
             ("a", "bhxh", "2025", "target", 50.0, "percent", "at_least"),
             ("a", "bhxh", "2023-11", "actual", 41.0, "percent", "exact", "news"),
             ("a", "bhxh", "2022-11", "actual", 38.0, "percent", "exact", "news"))


def test_latest_actual():
    m = one(BEHIND, "latest_actual")
    assert (m.period, m.value, m.unit) == ("2023-11", 41.0, "percent")


def test_gap_to_the_final_target():
    m = one(BEHIND, "gap_to_target_pp")
    assert (m.period, m.value, m.unit) == ("2025", 9.0, "pp")


def test_required_pace_counts_days_between_period_ends():
    m = one(BEHIND, "required_pace_pp_per_year")
    assert m.period == "2025" and m.unit == "pp_per_year"
    assert m.value == 4.314
    assert m.value == round(9 / (762 / 365.25), 3)
    assert "41% (2023-11; news)" in basis(m) and "at least 50% (2025; plan)" in basis(m)


def test_trend_between_the_comparable_actuals():
    m = one(BEHIND, "observed_pace_pp_per_year")
    assert m.period == "2023-11" and m.unit == "pp_per_year"
    assert m.value == 3.002 == round(3 / (365 / 365.25), 3)
    assert one(BEHIND, "projected_at_deadline").value == round(41 + 3 / (365 / 365.25) * (762 / 365.25), 2)


def test_status_off_track():
    m = one(BEHIND, "status")
    assert (m.period, m.value, m.reason) == ("2025", "off_track", "projected_short")
    assert m.verdict.evidence == "indicative" and m.verdict.cautions == ("long_projection",)


def test_the_trend_is_the_least_squares_line_through_every_comparable_actual():
    # x = 0, 0.99932, 1.99863 (30/11/2021, 2022, 2023); y = 10, 38, 41: the deviations of x are ±0.99932,
    # those of y -19.667, 8.333, 11.333 → slope = 0.99932 × 31 / (2 × 0.99932²) = 15.511
    frame = pd.concat([BEHIND, obs(("a", "bhxh", "2021-11", "actual", 10.0, "percent", "exact", "news"))],
                      ignore_index=True)
    assert one(frame, "observed_pace_pp_per_year").value == round(31 / 2 / (365 / 365.25), 3) == 15.511


def test_gap_and_required_pace_measure_to_the_final_target():
    # an interim 2023 target does not replace the final one: 50 - 41 = 9 over 762 days
    frame = obs(("a", "bhxh", "2023", "target", 45.0), ("a", "bhxh", "2025", "target", 50.0),
                ("a", "bhxh", "2023-11", "actual", 41.0, "percent", "exact", "news"))
    assert (one(frame, "gap_to_target_pp").period, one(frame, "gap_to_target_pp").value) == ("2025", 9.0)
    assert one(frame, "required_pace_pp_per_year").value == 4.314


def test_status_on_track():
    # trend (41 - 30) / 0.99932 = 11.0075 -> 11.008; 41 + 11.0075 × 2.08624 = 63.96 >= 50 -> on track
    frame = obs(("a", "bhxh", "2025", "target", 50.0, "percent", "at_least"),
                ("a", "bhxh", "2022-11", "actual", 30.0), ("a", "bhxh", "2023-11", "actual", 41.0))
    assert one(frame, "observed_pace_pp_per_year").value == 11.008
    assert one(frame, "status").value == "on_track"


def test_a_deadline_passed_by_the_day_of_the_verdicts_is_not_projected_to():
    # BEHIND's newest figure is of 2023-11 and its final target is for 2025: on the last day of 2025
    # the deadline is still ahead (off track, 4.314 pp a year needed, on the day itself too: the
    # verdict and the pace follow one rule); on 2026-01-01 it has passed
    # with no reading of it, whatever the data's newest date, so no projection and no pace
    figures = typed_figures(BEHIND)
    on_deadline = analyse(BEHIND, sources(), figures, today=date(2025, 12, 30))
    after = analyse(BEHIND, sources(), figures, today=date(2026, 1, 1))
    deadline_day = analyse(BEHIND, sources(), figures, today=date(2025, 12, 31))   # not passed yet on the day
    assert [m.value for m in deadline_day.metrics if m.metric == "status"] == ["off_track"]
    assert [m.value for m in deadline_day.metrics if m.metric == "required_pace_pp_per_year"] == [4.314]
    statuses = {day: [m for m in found.metrics if m.metric == "status"][0]
                for day, found in (("on", on_deadline), ("after", after))}
    assert (statuses["on"].value, statuses["on"].reason) == ("off_track", "projected_short")
    assert (statuses["after"].value, statuses["after"].reason) == ("insufficient", "deadline_unread")
    assert statuses["after"].verdict.evidence == "insufficient"
    assert statuses["after"].verdict.latest.period == "2023-11"        # still says where it last stood
    assert [m.value for m in on_deadline.metrics if m.metric == "required_pace_pp_per_year"] == [4.314]
    assert [m for m in after.metrics if m.metric in ("required_pace_pp_per_year", "projected_at_deadline")] == []


def test_a_target_reached_before_its_deadline_is_on_track_never_met():
    # 51 >= 50 in 2023: on track (met only by a reading of the deadline); a target reached needs no pace
    frame = obs(("a", "bhxh", "2025", "target", 50.0, "percent", "at_least"),
                ("a", "bhxh", "2022-11", "actual", 30.0), ("a", "bhxh", "2023-11", "actual", 51.0))
    m = one(frame, "status")
    assert (m.period, m.value, m.reason) == ("2025", "on_track", "projected_reaches")
    assert one(frame, "gap_to_target_pp").value == -1.0   # 50 - 51
    assert metrics(frame, name="required_pace_pp_per_year") == []
    single = obs(("a", "bhxh", "2025", "target", 50.0), ("a", "bhxh", "2023-11", "actual", 50.0))
    assert (one(single, "status").value, one(single, "status").reason) == ("on_track", "above_before_deadline")


def test_status_no_actual():
    frame = obs(("a", "bhxh", "2021", "target", 30.0), ("a", "bhxh", "2025", "target", 50.0))
    m = one(frame, "status")
    assert (m.period, m.value, m.reason) == ("2025", "no_actual", "no_actual")
    assert metrics(frame, name="latest_actual") == []


def test_a_single_actual_below_the_target_gives_no_verdict():
    frame = obs(("a", "bhxh", "2025", "target", 50.0), ("a", "bhxh", "2023-11", "actual", 41.0))
    m = one(frame, "status")
    assert (m.period, m.value, m.reason) == ("2025", "insufficient", "too_few")
    assert one(frame, "required_pace_pp_per_year").value == 4.314
    assert metrics(frame, name="observed_pace_pp_per_year") == []


def test_two_actuals_of_the_same_date_give_no_trend():
    frame = obs(("a", "bhxh", "2025", "target", 50.0),
                ("a", "bhxh", "2023-11", "actual", 41.0, "percent", "exact", "news"),
                ("a", "bhxh", "2023-11", "actual", 41.5, "percent", "exact", "plan"))
    assert metrics(frame, name="observed_pace_pp_per_year") == []
    assert one(frame, "status").reason == "too_few"


def test_a_reading_of_the_deadline_decides_met_or_missed():
    # 41 at 31/12/2025, the deadline itself, is below 50: missed (the later 2026-06 reading does not count)
    frame = obs(("a", "bhxh", "2025", "target", 50.0),
                ("a", "bhxh", "2025-12", "actual", 41.0), ("a", "bhxh", "2026-06", "actual", 45.0))
    m = one(frame, "status")
    assert (m.period, m.value, m.reason) == ("2025", "missed", "missed_at_deadline")
    assert one(frame, "latest_actual").value == 41.0
    assert metrics(frame, name="required_pace_pp_per_year") == []
    frame = obs(("a", "bhxh", "2025", "target", 50.0),
                ("a", "bhxh", "2024", "actual", 40.0), ("a", "bhxh", "2025", "actual", 45.0))
    assert (one(frame, "status").value, one(frame, "status").verdict.evidence) == ("missed", "firm")


def test_actuals_without_any_target_give_only_latest_actual():
    frame = obs(("a", "bhxh", "2022", "actual", 40.0), ("a", "bhxh", "2023", "actual", 42.0))
    assert [(m.metric, m.value) for m in metrics(frame)] == [("latest_actual", 42.0)]


# ---------------------------------------------------------------- lower is better

def test_at_most_target_reached_when_falling_below():
    # debt ratio: at most 5%; 6 (2022-11) -> 4 (2023-11) falls 2 a year: on track, no pace required
    frame = obs(("a", "debt", "2025", "target", 5.0, "percent", "at_most"),
                ("a", "debt", "2022-11", "actual", 6.0), ("a", "debt", "2023-11", "actual", 4.0))
    assert one(frame, "status").value == "on_track"
    assert metrics(frame, name="required_pace_pp_per_year") == []


def test_at_most_target_not_reached_when_above():
    # actual 6% > at most 5%, a single reading: no verdict
    frame = obs(("a", "debt", "2025", "target", 5.0, "percent", "at_most"), ("a", "debt", "2023-11", "actual", 6.0))
    assert one(frame, "status").value == "insufficient"
    # gap 5 - 6 = -1; required -1 / (762 / 365.25) = -0.47933 -> -0.479
    assert one(frame, "gap_to_target_pp").value == -1.0
    assert one(frame, "required_pace_pp_per_year").value == -0.479


def test_at_most_target_slow_decrease_is_off_track():
    # 6.2 -> 6.0 in a year: trend -0.20014; at 31/12/2025: 6.0 - 0.20014 × 2.08624 = 5.58 > 5
    frame = obs(("a", "debt", "2025", "target", 5.0, "percent", "at_most"),
                ("a", "debt", "2022-11", "actual", 6.2), ("a", "debt", "2023-11", "actual", 6.0))
    assert one(frame, "observed_pace_pp_per_year").value == -0.2
    assert one(frame, "status").value == "off_track"


def test_at_most_target_fast_decrease_is_on_track():
    # 8 -> 6 in a year: trend -2.00137; required (5 - 6) / 2.08624 = -0.479; 6 - 2.00137 × 2.08624 = 1.82 <= 5
    frame = obs(("a", "debt", "2025", "target", 5.0, "percent", "at_most"),
                ("a", "debt", "2022-11", "actual", 8.0), ("a", "debt", "2023-11", "actual", 6.0))
    assert one(frame, "observed_pace_pp_per_year").value == -2.001
    assert one(frame, "required_pace_pp_per_year").value == -0.479
    assert one(frame, "status").value == "on_track"


def test_over_target_needs_strictly_more():
    frame = obs(("a", "bhxh", "2025", "target", 50.0, "percent", "over"), ("a", "bhxh", "2023-11", "actual", 50.0))
    assert one(frame, "status").value == "insufficient"
    frame = obs(("a", "bhxh", "2025", "target", 50.0, "percent", "over"), ("a", "bhxh", "2023-11", "actual", 50.1))
    assert one(frame, "status").value == "on_track"


# ---------------------------------------------------------------- competing sources

@pytest.mark.parametrize("order", [("old", "new"), ("new", "old")])
def test_most_recently_issued_source_wins(order):
    values = {"old": 50.0, "new": 60.0}
    frame = obs(("a", "bhxh", "2023", "actual", 55.0, "percent", "exact", "news"),
                *[("a", "bhxh", "2025", "target", values[s], "percent", "exact", s) for s in order])
    srcs = sources(old=date(2020, 1, 1), new=date(2022, 6, 1))
    # the 2022 plan's 60 supersedes the 2020 plan's 50: gap 60 - 55 = 5, not yet met
    gap = one(frame, "gap_to_target_pp", srcs=srcs)
    assert gap.value == 5.0 and "new" in basis(gap)
    assert one(frame, "status", srcs=srcs).value == "insufficient"   # one reading, below the target


def test_source_without_issue_date_loses_to_a_dated_one():
    frame = obs(("a", "bhxh", "2023", "actual", 55.0, "percent", "exact", "news"),
                ("a", "bhxh", "2025", "target", 70.0, "percent", "exact", "undated"),
                ("a", "bhxh", "2025", "target", 60.0, "percent", "exact", "dated"))
    srcs = sources(undated=None, dated=date(2019, 1, 1))
    assert one(frame, "gap_to_target_pp", srcs=srcs).value == 5.0   # 60 - 55


def test_the_localitys_own_document_counts_before_a_national_assignment():
    # "nat" also sets the national figure, so it is a national document (like QĐ 546); the city's
    # own, older plan counts for the city: gap 99 - 96 = 3, and national gap 99 - 95.15 = 3.85.
    frame = obs(("vn", "bhyt", "2025", "target", 95.15, "percent", "exact", "nat"),
                ("a", "bhyt", "2025", "target", 95.15, "percent", "exact", "nat"),
                ("a", "bhyt", "2025", "target", 99.0, "percent", "exact", "plan"),
                ("a", "bhyt", "2024", "actual", 96.0, "percent", "exact", "news"))
    srcs = sources(nat=date(2022, 4, 29))
    assert one(frame, "gap_to_target_pp", srcs=srcs).value == 3.0
    assert one(frame, "gap_to_national_pp", srcs=srcs).value == 3.85


def test_planned_pace_follows_each_document_separately():
    # plan: 40 (2021) -> 50 (2025) = 2.5 a year; newer: 45 (2023) -> 55 (2025) = 5 a year.
    # Mixed together they would give nonsense such as 40 (2021) -> 45 (2023).
    frame = obs(("a", "bhxh", "2021", "target", 40.0, "percent", "exact", "plan"),
                ("a", "bhxh", "2025", "target", 50.0, "percent", "exact", "plan"),
                ("a", "bhxh", "2023", "target", 45.0, "percent", "exact", "newer"),
                ("a", "bhxh", "2025", "target", 55.0, "percent", "exact", "newer"))
    paces = metrics(frame, sources(newer=date(2022, 1, 1)), name="planned_pace_pp_per_year")
    assert sorted((m.period, m.value) for m in paces) == [("2021-2025", 2.5), ("2023-2025", 5.0)]


# ---------------------------------------------------------------- implied denominators

def test_implied_denominator_persons_over_rate():
    frame = obs(("tv", "bhxh", "2023", "target", 29.72, "percent", "exact", "plan"),
                ("tv", "bhxh", "2023", "target", 17404.0, "persons", "exact", "plan"))
    m = one(frame, "implied_denominator", locality="tv")
    # 17404 / 0.2972 = 58559.89 -> 58560
    assert (m.indicator, m.period, m.value, m.unit) == ("bhxh", "2023", 58560, "persons")
    assert "derived" in basis(m)


def test_implied_denominator_needs_same_source_and_whole_locality():
    frame = obs(("tv", "bhxh", "2023", "target", 29.72, "percent", "exact", "plan"),
                ("tv", "bhxh", "2023", "target", 17404.0, "persons", "exact", "news"),       # other source
                ("tv", "bhxh", "2023", "target", 1888.0, "persons", "exact", "plan", "P1"))  # subdivision
    assert metrics(frame, name="implied_denominator") == []


def test_implied_denominator_skips_zero_rate():
    frame = obs(("tv", "bhxh", "2023", "target", 0.0, "percent"), ("tv", "bhxh", "2023", "target", 10.0, "persons"))
    assert metrics(frame, name="implied_denominator") == []


def test_no_figures_no_metrics():
    assert compute_metrics(obs(), sources()) == []


# ---------------------------------------------------------------- flags from notes and the data's date

def with_notes(frame: pd.DataFrame, notes: dict[int, str]) -> pd.DataFrame:
    """notes by row position (0 = first row given to obs())."""
    frame = frame.copy()
    frame["note_en"] = [notes.get(i) for i in range(len(frame))]
    return frame


@pytest.mark.parametrize("note, flag", [
    ("Uncertain: a sharp drop", "uncertain"),
    ("Uncertain year: the page says only 'hết tháng 7'", "uncertain_date"),
    ("Uncertain date: within 2024", "uncertain_date"),
    ("Background: end of September 2018", "background"),
    ("Different denominator: farmers and informal workers", "other_denominator"),
    ("Denominator as printed: 'lực lượng lao động'", "denominator_wording"),
    ("End of 2023. Uncertain: not at the start", ""),
    ("", ""),
    (None, ""),
])
def test_note_flag(note, flag):
    assert getattr(note_flag(note), "id", "") == flag


def test_a_figure_on_a_different_denominator_is_not_measured_against_the_target():
    # 2.96% of farmers and informal workers is not 2.96% of the labour force: no status "met"
    frame = with_notes(obs(("a", "bhxh", "2021", "target", 1.0), ("a", "bhxh", "2021", "actual", 2.96)),
                       {1: "Different denominator: share of farmers and informal workers"})
    assert [(m.metric, m.value) for m in metrics(frame)] == [("status", "no_actual")]


def test_uncertain_figures_are_used_and_keep_their_flag():
    frame = with_notes(BEHIND, {2: "Uncertain: equals the plan"})
    status = one(frame, "status")
    # one unflagged actual is not enough, so the uncertain one is used, and the verdict says so
    assert status.value == "off_track" and "uncertain" in status.verdict.cautions
    # (the target, then the actuals the verdict rests on, oldest first)
    assert [(f.value, flag_of(f)) for f in status.inputs] == [(50.0, ""), (38.0, ""), (41.0, "uncertain")]
    status = one(with_notes(BEHIND, {3: "Uncertain year: 2022 assumed"}), "status")
    assert "uncertain_date" in [flag_of(f) for f in status.inputs]


def test_no_required_pace_once_the_data_is_past_the_deadline():
    # The 2021 target is measured from the actual of 30/10/2021 (2 months left), but the data goes
    # on to 2023 (news issued 15/12/2023): the deadline is history, so no required pace is given.
    frame = obs(("a", "bhxh", "2021", "target", 40.0), ("a", "bhxh", "2021-10-30", "actual", 38.28),
                ("b", "bhxh", "2023-06", "actual", 50.0))
    assert one(frame, "gap_to_target_pp").value == 1.72
    assert metrics(frame, locality="a", name="required_pace_pp_per_year") == []
    # without the later figures and the later source, the same target still had two months to go
    early = obs(("a", "bhxh", "2021", "target", 40.0), ("a", "bhxh", "2021-10-30", "actual", 38.28))
    srcs = sources(news=date(2021, 11, 1))
    assert one(early, "required_pace_pp_per_year", srcs=srcs).value == round(1.72 / (62 / 365.25), 3)


def test_data_date_is_the_newest_actual_or_issue_date_never_a_target():
    frame = obs(("a", "bhxh", "2030", "target", 60.0), ("a", "bhxh", "2024-06", "actual", 40.0))
    figures = list(typed_figures(frame).values())
    assert data_date(figures, sources()) == date(2024, 6, 30)
    assert data_date(figures, sources(news=date(2025, 1, 3))) == date(2025, 1, 3)


def test_a_final_target_on_another_base_than_the_actuals_gets_no_gap_and_no_pace():
    # the target 23,100,000 people or 45% (a base of 51.3 million) and the 2024 reading 20,110,000 or
    # 42.71% (47.1 million): a gap of 2.29 pp, a required or a demanded pace would compare shares of
    # different bases (the plan is of January 2025: the 2024 reading is its baseline); the latest
    # actual is still given
    frame = obs(("vn", "bhxh", "2025", "target", 45.0), ("vn", "bhxh", "2025", "target", 23_100_000, "persons"),
                ("vn", "bhxh", "2020", "actual", 32.7, "percent", "exact", "news"),
                ("vn", "bhxh", "2024", "actual", 42.71, "percent", "exact", "news"),
                ("vn", "bhxh", "2024", "actual", 20_110_000, "persons", "exact", "news"))
    found = analyse(frame, sources(plan=date(2025, 1, 10)), typed_figures(frame), today=date(2025, 3, 1)).metrics
    assert [(m.metric, m.value) for m in found if m.metric in ("status", "latest_actual")] == [
        ("status", "insufficient"), ("latest_actual", 42.71)]
    assert [m for m in found if m.metric in ("gap_to_target_pp", "required_pace_pp_per_year",
                                             "demanded_pace_pp_per_year", "projected_at_deadline")] == []
