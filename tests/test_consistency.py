"""Consistency checks on hand-made tables; expected figures computed by hand."""

import pandas as pd

from sitegen.consistency import consistency_checks

INDICATORS = pd.DataFrame({
    "id": ["bhxh", "bhxh_mandatory", "bhxh_voluntary", "bhtn", "bhyt"],
    "part_of": [None, "bhxh", "bhxh", None, None],
    "denominator_en": ["labour force"] * 4 + ["population"],
})


def obs(*rows):
    columns = ["locality", "subdivision", "indicator", "period", "kind", "value", "unit", "source", "_line"]
    return pd.DataFrame([dict(zip(columns, r)) for r in rows], dtype=object).astype({"value": float})


def messages(frame):
    return [(c.code, c.indicator, c.line, c.message) for c in consistency_checks(frame, INDICATORS, "obs.csv")]


def test_wards_that_do_not_add_up_to_the_total():
    frame = obs(("tv", None, "bhyt", "2023", "target", 1000, "persons", "s", 2),
                ("tv", "P1", "bhyt", "2023", "target", 600, "persons", "s", 3),
                ("tv", "P2", "bhyt", "2023", "target", 390, "persons", "s", 4))
    assert messages(frame) == [("subdivision-sum", "bhyt", 2,
                                "tv target bhyt 2023: the 2 subdivisions add up to 990, but the stated total is 1,000 "
                                "(difference -10; source s)")]


def test_wards_that_add_up_give_no_warning():
    frame = obs(("tv", None, "bhyt", "2023", "target", 1000, "persons", "s", 2),
                ("tv", "P1", "bhyt", "2023", "target", 600, "persons", "s", 3),
                ("tv", "P2", "bhyt", "2023", "target", 400, "persons", "s", 4))
    assert messages(frame) == []


def test_mandatory_plus_voluntary_against_all_bhxh():
    frame = obs(("hp", None, "bhxh", "2023", "actual", 50.0, "percent", "s", 2),
                ("hp", None, "bhxh_mandatory", "2023", "actual", 46.0, "percent", "s", 3),
                ("hp", None, "bhxh_voluntary", "2023", "actual", 2.52, "percent", "s", 4))
    assert messages(frame) == [("part-sum", "bhxh", 2,
                                "hp actual 2023: bhxh_mandatory + bhxh_voluntary = 48.52%, but bhxh is stated as 50% (source s)")]


def test_rounding_within_a_hundredth_is_not_a_disagreement():
    frame = obs(("hp", None, "bhxh", "2023", "actual", 48.53, "percent", "s", 2),
                ("hp", None, "bhxh_mandatory", "2023", "actual", 46.0, "percent", "s", 3),
                ("hp", None, "bhxh_voluntary", "2023", "actual", 2.52, "percent", "s", 4))
    assert messages(frame) == []


def test_counts_and_rates_implying_different_denominators():
    # bhxh: 17404 / 0.2972 = 58,560; bhtn: 12369 / 0.2052 = 60,278 (2.9% apart); bhyt has its own denominator.
    frame = obs(("tv", None, "bhxh", "2023", "target", 29.72, "percent", "s", 2),
                ("tv", None, "bhxh", "2023", "target", 17404, "persons", "s", 3),
                ("tv", None, "bhtn", "2023", "target", 20.52, "percent", "s", 4),
                ("tv", None, "bhtn", "2023", "target", 12369, "persons", "s", 5),
                ("tv", None, "bhyt", "2023", "target", 94.44, "percent", "s", 6),
                ("tv", None, "bhyt", "2023", "target", 108441, "persons", "s", 7))
    assert messages(frame) == [("denominator-mismatch", "bhtn", 5,
                                "tv target 2023: counts and rates imply different labour force figures: "
                                "bhxh implies 58,560 (17,404 ÷ 29.72%) but bhtn implies 60,278 (12,369 ÷ 20.52%) "
                                "(source s)")]


def test_the_same_figure_from_two_sources():
    frame = obs(("hn", None, "bhyt", "2024", "target", 94.5, "percent", "a", 2),
                ("hn", None, "bhyt", "2024", "target", 93.65, "percent", "b", 3))
    assert messages(frame) == [("source-disagreement", "bhyt", 2,
                                "hn target bhyt 2024: 93.65% in b but 94.5% in a")]
