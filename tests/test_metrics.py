"""Metrics on hand-made tables; every expected value is worked out by hand in the comments."""

from datetime import date

import pandas as pd
import pytest

from sitegen.analysis import compute_metrics, metrics_frame
from sitegen.periods import period_end

SOURCES = pd.DataFrame({"id": ["plan", "newplan", "nat", "news"],
                        "issued": [date(2021, 4, 12), date(2023, 1, 1), date(2018, 5, 23), None]})


def obs(*rows):
    """rows: (locality, indicator, period, kind, value, unit, qualifier, source[, subdivision])"""
    records = []
    for line, r in enumerate(rows, start=2):
        locality, indicator, period, kind, value, unit, qualifier, source, *sub = r
        records.append({"locality": locality, "subdivision": sub[0] if sub else None, "indicator": indicator,
                        "period": period, "kind": kind, "value": float(value), "unit": unit,
                        "qualifier": qualifier, "source": source, "_line": line})
    return pd.DataFrame(records, dtype=object)


def metrics(*rows, metric=None):
    found = compute_metrics(obs(*rows), SOURCES)
    return {(m.locality, m.indicator, m.period, m.metric): m.value for m in found
            if metric is None or m.metric == metric}


def test_planned_pace_between_consecutive_targets_and_first_to_last():
    result = metrics(("dn", "bhxh", "2021", "target", 40, "percent", "at_least", "plan"),
                     ("dn", "bhxh", "2023", "target", 44.5, "percent", "at_least", "plan"),
                     ("dn", "bhxh", "2025", "target", 50, "percent", "at_least", "plan"),
                     metric="planned_pace_pp_per_year")
    # (44.5 - 40) / 2 = 2.25; (50 - 44.5) / 2 = 2.75; first to last (50 - 40) / 4 = 2.5
    assert result == {("dn", "bhxh", "2021-2023", "planned_pace_pp_per_year"): 2.25,
                      ("dn", "bhxh", "2023-2025", "planned_pace_pp_per_year"): 2.75,
                      ("dn", "bhxh", "2021-2025", "planned_pace_pp_per_year"): 2.5}


def test_newest_document_wins_when_two_targets_share_a_year():
    result = metrics(("dn", "bhyt", "2024", "target", 98.5, "percent", "exact", "plan"),
                     ("dn", "bhyt", "2024", "target", 95.15, "percent", "exact", "newplan"),
                     ("dn", "bhyt", "2025", "target", 99, "percent", "exact", "plan"),
                     metric="planned_pace_pp_per_year")
    # newplan (2023) supersedes plan (2021) for 2024: (99 - 95.15) / 1 = 3.85
    assert result == {("dn", "bhyt", "2024-2025", "planned_pace_pp_per_year"): 3.85}


def test_gap_to_national_only_where_both_have_a_target_that_year():
    result = metrics(("dn", "bhxh", "2021", "target", 40, "percent", "at_least", "plan"),
                     ("dn", "bhxh", "2025", "target", 50, "percent", "at_least", "plan"),
                     ("vn", "bhxh", "2025", "target", 45, "percent", "about", "nat"),
                     ("vn", "bhxh", "2030", "target", 60, "percent", "about", "nat"),
                     metric="gap_to_national_pp")
    assert result == {("dn", "bhxh", "2025", "gap_to_national_pp"): 5.0}  # 50 - 45


def test_behind_with_required_and_observed_pace():
    result = metrics(("hp", "bhyt", "2022", "actual", 90, "percent", "exact", "news"),
                     ("hp", "bhyt", "2023-11", "actual", 91, "percent", "exact", "news"),
                     ("hp", "bhyt", "2025", "target", 95, "percent", "exact", "plan"))
    # latest actual 91 on 2023-11-30; target 95 on 2025-12-31: 762 days (2024 is a leap year) = 2.0862 years
    # required (95 - 91) / 2.0862 = 1.917; observed (91 - 90) / (334 days = 0.9144 years) = 1.094
    assert result[("hp", "bhyt", "2023-11", "latest_actual")] == 91.0
    assert result[("hp", "bhyt", "2025", "gap_to_target_pp")] == 4.0
    assert result[("hp", "bhyt", "2025", "required_pace_pp_per_year")] == pytest.approx(1.917, abs=0.001)
    assert result[("hp", "bhyt", "2023-11", "observed_pace_pp_per_year")] == pytest.approx(1.094, abs=0.001)
    assert result[("hp", "bhyt", "2025", "status")] == "behind"


def test_on_track_when_the_observed_pace_is_enough():
    result = metrics(("hp", "bhyt", "2022", "actual", 88, "percent", "exact", "news"),
                     ("hp", "bhyt", "2023", "actual", 92, "percent", "exact", "news"),
                     ("hp", "bhyt", "2025", "target", 95, "percent", "exact", "plan"))
    # observed (92 - 88) / 1.0 year = 4.0 >= required (95 - 92) / 2.0 years = 1.5
    assert result[("hp", "bhyt", "2025", "status")] == "on_track"


def test_met_uses_the_target_of_the_same_or_next_period_and_needs_no_pace():
    result = metrics(("dn", "bhxh", "2022-07-31", "actual", 43.22, "percent", "exact", "news"),
                     ("dn", "bhxh", "2021", "target", 40, "percent", "at_least", "plan"),
                     ("dn", "bhxh", "2022", "target", 42, "percent", "at_least", "plan"))
    # the 2021 target ended before 31/7/2022, so the 2022 target (42) is the one measured against
    assert result[("dn", "bhxh", "2022", "status")] == "met"
    assert result[("dn", "bhxh", "2022", "gap_to_target_pp")] == pytest.approx(-1.22)
    assert ("dn", "bhxh", "2022", "required_pace_pp_per_year") not in result


def test_at_most_targets_are_met_from_below():
    result = metrics(("tv", "debt_ratio", "2023-Q1", "actual", 1.5, "percent", "exact", "news"),
                     ("tv", "debt_ratio", "2023", "target", 1.92, "percent", "at_most", "plan"))
    assert result[("tv", "debt_ratio", "2023", "status")] == "met"


def test_no_actual_and_not_comparable_cases():
    result = metrics(("tv", "bhxh", "2023", "target", 29.72, "percent", "exact", "plan"),
                     ("cb", "bhyt", "2024", "actual", 93.5, "percent", "exact", "news"),
                     ("cb", "bhyt", "2025", "target", 97, "percent", "exact", "plan"),
                     ("hn", "bhyt", "2025-06-10", "actual", 95.5, "percent", "exact", "news"),
                     ("hn", "bhyt", "2024", "target", 94.5, "percent", "exact", "plan"),
                     metric="status")
    assert result == {("tv", "bhxh", "2023", "status"): "no_actual",
                      ("cb", "bhyt", "2025", "status"): "not_comparable",     # one actual: no observed pace
                      ("hn", "bhyt", "2025-06-10", "status"): "not_comparable"}  # no target after the actual


def test_implied_denominator_from_a_count_and_a_rate():
    result = metrics(("tv", "bhxh", "2023", "target", 29.72, "percent", "exact", "plan"),
                     ("tv", "bhxh", "2023", "target", 17404, "persons", "exact", "plan"),
                     metric="implied_denominator")
    assert result == {("tv", "bhxh", "2023", "implied_denominator"): 58560}  # 17404 / 0.2972 = 58,560.0


def test_wards_and_counts_do_not_enter_the_rate_metrics():
    result = metrics(("tv", "bhyt", "2023", "target", 1000, "persons", "exact", "plan", "Phường 1"),
                     ("tv", "bhyt", "2023", "target", 5000, "persons", "exact", "plan"))
    assert result == {}


def test_metrics_frame_has_the_published_columns():
    frame = metrics_frame(compute_metrics(obs(("tv", "bhxh", "2023", "target", 29.72, "percent", "exact", "plan")),
                                          SOURCES))
    assert list(frame.columns) == ["locality", "indicator", "period", "metric", "value", "unit", "basis"]
    assert frame.iloc[0]["basis"] == "targets exist (latest 29.72% (2023, plan)) but no published actual figure"


@pytest.mark.parametrize("period,end", [
    ("2025", date(2025, 12, 31)), ("2023-Q1", date(2023, 3, 31)), ("2025-H1", date(2025, 6, 30)),
    ("2023-11", date(2023, 11, 30)), ("2023-02", date(2023, 2, 28)), ("2024-02", date(2024, 2, 29)),
    ("2023-06-30", date(2023, 6, 30)),
])
def test_period_end(period, end):
    assert period_end(period) == end


@pytest.mark.parametrize("period", ["2023-13", "2023-02-30", "31/7/2022", ""])
def test_period_end_rejects_what_is_not_a_period(period):
    with pytest.raises(ValueError):
        period_end(period)
