"""The evidence-graded assessment on hand-made series: every verdict, every grade, each rule's
edge. Expected values are worked out by hand in the comments (years are days / 365.25)."""

from __future__ import annotations

from datetime import date
from itertools import count

import pandas as pd
import pytest

from sitegen.analysis import final_target, percent_series
from sitegen.assessment import (Evidence, about_band, assess, comparable, projection, readings_before_deadline,
                                target_bases)
from sitegen.consistency import rate_count_pairs
from sitegen.figures import Figure
from sitegen.periods import parse_period
from sitegen.vocabulary import QUALIFIERS, note_flag

LINES = count(2)
AS_OF = date(2025, 8, 31)


def fig(kind, period, value, qualifier="exact", source="news", note=None, unit="percent", locality="a"):
    return Figure(next(LINES), locality, None, "bhxh", period, parse_period(period).end, kind, value, unit,
                  QUALIFIERS[qualifier], source, "quote", "", note or "", note_flag(note))


def target(period="2025", value=50.0, qualifier="at_least", source="plan", note=None):
    return fig("target", period, value, qualifier, source, note)


def actual(period, value, qualifier="exact", note=None, source="news"):
    return fig("actual", period, value, qualifier, source, note)


def verdict_of(targets, actuals, counts=(), issued=None, as_of=AS_OF):
    verdicts = assess("a", "bhxh", Evidence(list(targets), list(actuals), list(counts),
                                            issued or {"plan": date(2021, 4, 12)}, as_of))
    return verdicts[0]


def summary(v):
    return v.status, v.evidence, v.reason, v.cautions


# ---------------------------------------------------------------- the verdicts

def test_met_from_a_reading_of_the_deadline():
    v = verdict_of([target("2024", 45.0)], [actual("2023", 41.0), actual("2024", 45.0)])
    assert summary(v) == ("met", "firm", "met_at_deadline", ())   # 45 reaches "at least 45" exactly
    assert [a.value for a in v.used] == [45.0]


def test_missed_from_a_reading_of_the_deadline():
    v = verdict_of([target("2024", 45.0)], [actual("2023", 41.0), actual("2024-12-31", 44.99)])
    assert summary(v) == ("missed", "firm", "missed_at_deadline", ())


def test_over_is_not_met_at_exactly_the_threshold():
    v = verdict_of([target("2024", 3.0, "over")], [actual("2024", 3.0)])
    assert v.status == "missed"


def test_on_track_by_the_straight_line():
    # 40 at 31/12/2022, 42 at 31/12/2023 (365 days = 0.99932 years): slope 2 / 0.99932 = 2.00137 a year;
    # at 31/12/2025 (731 days after 31/12/2023 = 2.00137 years): 42 + 2.00137 × 2.00137 = 46.0055 ≥ 46
    v = verdict_of([target("2025", 46.0)], [actual("2022", 40.0), actual("2023", 42.0)],
                   issued={"plan": date(2021, 4, 12)})
    assert summary(v) == ("on_track", "firm", "projected_reaches", ())
    assert v.slope == pytest.approx(2 / (365 / 365.25))
    assert v.projected == pytest.approx(42 + (2 / (365 / 365.25)) * (731 / 365.25))


def test_off_track_by_the_straight_line():
    # the same line reaches 46.0055 < 46.5
    v = verdict_of([target("2025", 46.5)], [actual("2022", 40.0), actual("2023", 42.0)])
    assert summary(v) == ("off_track", "firm", "projected_short", ())
    assert v.gap == pytest.approx(46.5 - 42.0)


def test_least_squares_through_three_points():
    # x (years from 31/12/2021) = 0, d, 2d with d = 365/365.25; y = 40, 43, 44, mean 127/3.
    # deviations: x -d, 0, +d; y -7/3, +2/3, +5/3 → slope = d(7/3 + 5/3) / 2d² = 2/d (2.00137 a year).
    # 31/12/2025 is x = 1461/365.25 = 4: 127/3 + (2/d)(4 - d) = 48.3388
    d = 365 / 365.25
    slope, at_deadline = projection([actual("2021-12-31", 40.0), actual("2022-12-31", 43.0),
                                     actual("2023-12-31", 44.0)], date(2025, 12, 31))
    assert slope == pytest.approx(2 / d)
    assert at_deadline == pytest.approx(127 / 3 + (2 / d) * (4 - d))


def test_a_single_reading_already_above_the_target_is_on_track_but_indicative():
    v = verdict_of([target("2025", 2.5)], [actual("2024", 4.9)])
    assert summary(v) == ("on_track", "indicative", "above_before_deadline", ("single",))


def test_a_single_reading_below_the_target_gives_no_verdict():
    v = verdict_of([target("2025", 50.0)], [actual("2022-07-31", 43.22)])
    assert summary(v) == ("insufficient", "insufficient", "too_few", ())


def test_two_readings_less_than_six_months_apart_give_no_projection():
    # 31/12/2024 to 31/05/2025: 5 months, less than six
    v = verdict_of([target("2025", 97.0)], [actual("2025-05", 91.5), actual("2024-12", 93.5)], as_of=date(2025, 6, 1))
    assert summary(v)[:3] == ("insufficient", "insufficient", "too_few")


def test_no_actual_and_counts_only():
    assert summary(verdict_of([target()], [])) == ("no_actual", "insufficient", "no_actual", ())
    counts = [fig("actual", "2025-05", 28119, unit="persons")]
    assert summary(verdict_of([target()], [], counts)) == ("insufficient", "insufficient", "counts_only", ())


def test_background_figures_are_never_a_verdicts_evidence():
    v = verdict_of([target("2025", 95.0)], [actual("2018-09", 84.31, note="Background: end of September 2018")])
    assert summary(v) == ("insufficient", "insufficient", "not_comparable", ())


def test_a_deadline_passed_without_a_reading_of_its_date():
    v = verdict_of([target("2023", 43.0)], [actual("2021-10-30", 38.28)], as_of=date(2025, 8, 31))
    assert summary(v)[:3] == ("insufficient", "insufficient", "deadline_unread")
    # only readings after the deadline: no reading by then, so no latest actual and no gap to show
    later = verdict_of([target("2023", 43.0)], [actual("2024", 44.0), actual("2025", 45.0)], as_of=date(2025, 8, 31))
    assert (later.reason, later.latest, later.gap) == ("deadline_unread", None, None)


# ---------------------------------------------------------------- evidence grades and cautions

def test_uncertain_figures_only_when_the_unflagged_are_not_enough():
    clean = [actual("2022", 40.0), actual("2023", 42.0)]
    doubtful = actual("2023-06", 50.0, note="Uncertain: equals the plan figure")
    v = verdict_of([target("2025", 46.0)], clean + [doubtful])
    assert doubtful not in v.used and v.evidence == "firm"
    v = verdict_of([target("2025", 46.0)], [actual("2023", 42.0), doubtful])
    assert doubtful in v.used and "uncertain" in v.cautions and v.evidence == "indicative"


def test_an_about_reading_against_a_sharper_target_is_indicative():
    v = verdict_of([target("2024", 39.0, "exact")], [actual("2024", 39.25, "about")])
    assert summary(v) == ("met", "indicative", "met_at_deadline", ("about_reading",))
    v = verdict_of([target("2024", 39.0, "about")], [actual("2024", 39.25, "about")])
    assert v.evidence == "firm"


def test_a_reading_older_than_the_plan_is_indicative():
    v = verdict_of([target("2025", 40.0, source="plan")], [actual("2020", 41.0)],
                   issued={"plan": date(2022, 2, 18)})
    assert summary(v) == ("on_track", "indicative", "above_before_deadline", ("single", "before_plan"))


def test_a_long_projection_from_a_short_series_is_indicative():
    # 2.93 (31/12/2024) and 3.54 (31/08/2025): 8 months; 2030 lies 64 months ahead, more than twice that
    v = verdict_of([target("2030", 10.0, "exact")], [actual("2024", 2.93), actual("2025-08", 3.54)])
    assert summary(v) == ("off_track", "indicative", "projected_short", ("long_projection",))
    assert v.projected == pytest.approx(3.54 + (0.61 / (243 / 365.25)) * (1948 / 365.25), rel=1e-9)


def test_a_reading_with_an_uncertain_date_never_reads_a_deadline():
    v = verdict_of([target("2024", 97.0)], [actual("2024", 93.5, note="Uncertain date: within 2024"),
                                            actual("2025-05", 91.5, "about")])
    assert v.reason == "deadline_unread" and v.status == "insufficient"
    # where Cao Bằng stood by its 2024 deadline, not five months after it: 93.5 (3.5 below), not 91.5
    assert v.latest.value == 93.5 and v.gap == pytest.approx(3.5)


# ---------------------------------------------------------------- thresholds

@pytest.mark.parametrize("value, band", [(45.0, 0.5), (55.0, 0.5), (2.5, 0.05), (95.15, 0.005), (3.0, 0.06)])
def test_about_band_is_rounding_but_never_more_than_two_percent(value, band):
    assert about_band(value) == pytest.approx(band)


def test_about_target_edges():
    # "about 45%": 44.5 rounds to 45 (reached), 44.49 does not; "about 3%": 2.94 is 2% below, 2.93 is not
    assert verdict_of([target("2024", 45.0, "about")], [actual("2024", 44.5)]).status == "met"
    assert verdict_of([target("2024", 45.0, "about")], [actual("2024", 44.49)]).status == "missed"
    assert verdict_of([target("2024", 3.0, "about")], [actual("2024", 2.94)]).status == "met"
    assert verdict_of([target("2024", 3.0, "about")], [actual("2024", 2.93)]).status == "missed"


def test_an_at_most_target_is_met_by_falling():
    # arrears ratio: 3.2 (2022) → 2.8 (2023), about -0.4 a year: 2.0 by 2025 ≤ 2.1
    v = verdict_of([target("2025", 2.1, "at_most")], [actual("2022", 3.2), actual("2023", 2.8)])
    assert v.status == "on_track" and v.projected == pytest.approx(2.8 - 0.4 * (731 / 365), rel=1e-3)
    assert verdict_of([target("2025", 1.9, "at_most")], [actual("2022", 3.2), actual("2023", 2.8)]).status == "off_track"


# ---------------------------------------------------------------- comparable actuals

def test_a_change_of_base_ends_the_series():
    # end 2021: 13.4 M / 27.34% = 49.01 M; end 2023: 14.69 M / 31.58% = 46.52 M: 5% lower, another base.
    # Going back from 2023, 2022 (no count) is kept and 2021 is cut: the line runs 2022 → 2023 only.
    a2021, a2022, a2023 = actual("2021-12-31", 27.34, source="vss"), actual("2022", 31.18, source="vnp"), \
        actual("2023", 31.58, source="sggp")
    counts = [fig("actual", "2021-12-31", 13_400_000, "about", "vss", unit="persons"),
              fig("actual", "2023", 14_690_000, source="sggp", unit="persons")]
    assert comparable([a2021, a2022, a2023], counts) == [a2022, a2023]
    v = verdict_of([target("2025", 35.0, source="nq06")], [a2021, a2022, a2023], counts,
                   issued={"nq06": date(2023, 1, 10)})
    assert v.status == "off_track" and v.used == (a2022, a2023)   # 31.58 + 0.4 × 2 ≈ 32.4 < 35


def test_a_growing_denominator_within_the_allowance_is_the_same_base():
    # population 8.107 M (30/10/2021) to 8.516 M (31/12/2024): +5.0% over 3.17 years, allowed 3% + 2% a year
    a2021, a2024 = actual("2021-10-30", 90.2, source="dn"), actual("2024", 95.9, source="vv")
    counts = [fig("actual", "2021-10-30", 7_312_817, source="dn", unit="persons"),
              fig("actual", "2024", 8_166_554, source="vv", unit="persons")]
    assert comparable([a2021, a2024], counts) == [a2021, a2024]


# ---------------------------------------------------------------- the target's own base

def persons(kind, period, value, source):
    return fig(kind, period, value, source=source, unit="persons")


def with_target_counts(targets, actuals, counts, target_counts, as_of=AS_OF, other_rates=()):
    """`other_rates`: targets of other documents, which only give bases (the verdicts judge `targets`)."""
    return assess("a", "bhxh", Evidence(list(targets), list(actuals), list(counts), {"plan": date(2021, 4, 12)},
                                        as_of, target_bases(rate_count_pairs([*targets, *other_rates, *target_counts]))))


def test_a_reading_that_is_a_share_of_another_base_than_the_target_neither_meets_nor_misses_it():
    # Viet Nam 2022: the target is 19,040,000 people or 37.7%, a base of 50,503,979; the reading
    # 17,500,000 or 38.08%, a base of 45,955,882: 9% smaller on the same date, beyond the 3% allowed,
    # so a rate above the target (38.08 >= 37.7) is a number of people below it (17.5 < 19.04 million)
    goal, reading = target("2022", 37.7, "exact"), actual("2022", 38.08)
    v = with_target_counts([goal], [actual("2021", 33.77), reading], [persons("actual", "2022", 17_500_000, "news")],
                           [persons("target", "2022", 19_040_000, "plan")])[0]
    assert summary(v) == ("insufficient", "insufficient", "other_base", ())
    assert v.used == (reading,) and v.gap is None
    assert (round(v.bases.reading_base), round(v.bases.target_base), v.bases.base_source) == (
        45_955_882, 50_503_979, None)


def test_a_reading_without_a_count_takes_its_series_base():
    # Viet Nam's 2022 BHTN: the target 15,210,000 people or 30% (a base of 50,700,000); the reading
    # 31.18% of 2022 gives no count, but the next comparable reading, 14,690,000 or 31.58% of 2023,
    # is a share of 46,516,783: 8.3% below the target's base, beyond 3% + 2% a year, so 31.18 >= 30
    # cannot show the target met
    goal, reading, newer = target("2022", 30.0, "exact"), actual("2022", 31.18), actual("2023", 31.58)
    verdicts = with_target_counts([goal, target("2025", 35.0, "exact")], [reading, newer],
                                  [persons("actual", "2023", 14_690_000, "news")],
                                  [persons("target", "2022", 15_210_000, "plan")])
    interim = next(v for v in verdicts if not v.final)
    assert (interim.status, interim.reason, interim.used) == ("insufficient", "other_base", (reading,))
    assert (round(interim.bases.reading_base), round(interim.bases.target_base)) == (46_516_783, 50_700_000)
    assert interim.bases.base_source == newer
    # with no count in its series either, the rates are compared, as before
    alone = with_target_counts([goal], [reading], [], [persons("target", "2022", 15_210_000, "plan")])[0]
    assert alone.status == "met"


def test_a_reading_on_the_target_s_base_is_judged_as_ever():
    # 19,200,000 ÷ 38.08% = 50,420,168 against the target's 50,503,979: 0.2% apart, the same base
    v = with_target_counts([target("2022", 37.7, "exact")], [actual("2021", 33.77), actual("2022", 38.08)],
                           [persons("actual", "2022", 19_200_000, "news")],
                           [persons("target", "2022", 19_040_000, "plan")])[0]
    assert summary(v) == ("met", "firm", "met_at_deadline", ())
    # and a base known on one side only cannot tell: the rates are compared, as without counts
    v = with_target_counts([target("2022", 37.7, "exact")], [actual("2021", 33.77), actual("2022", 38.08)],
                           [], [persons("target", "2022", 19_040_000, "plan")])[0]
    assert v.status == "met"


def test_an_interim_target_on_another_base_gets_no_met_or_missed():
    targets = [target("2022", 37.7, "exact"), target("2025", 45.0, "exact")]
    verdicts = with_target_counts(targets, [actual("2021", 33.77), actual("2022", 38.08)],
                                  [persons("actual", "2022", 17_500_000, "news")],
                                  [persons("target", "2022", 19_040_000, "plan")])
    interim = [v for v in verdicts if not v.final]
    assert [(v.target.period, v.status, v.reason) for v in interim] == [("2022", "insufficient", "other_base")]


def test_a_target_takes_its_base_from_another_document_stating_the_same_rate_as_a_number_of_people():
    # 06/NQ-CP sets 45% for 2025 with no count; VSS's plan states the same 45% as 23,100,000 people
    # (51,333,333): the 2024 reading, 20,110,000 or 42.71% (47,084,992), is 8.3% below that base
    resolution, plan = target("2025", 45.0, "exact", source="nq06"), target("2025", 45.0, "exact", source="vss")
    v = with_target_counts([resolution], [actual("2023", 39.25), actual("2024", 42.71)],
                           [persons("actual", "2024", 20_110_000, "news")], [persons("target", "2025", 23_100_000, "vss")],
                           as_of=date(2025, 3, 1), other_rates=[plan])[0]
    assert (v.status, v.reason, v.gap) == ("insufficient", "other_base", None)
    assert (v.bases.target_count.source, round(v.bases.target_base)) == ("vss", 51_333_333)
    # a different rate for the same year is another target: it gives 45% no base
    other = target("2025", 46.0, "exact", source="vss")
    v = with_target_counts([resolution], [actual("2023", 39.25), actual("2024", 42.71)],
                           [persons("actual", "2024", 20_110_000, "news")], [persons("target", "2025", 23_100_000, "vss")],
                           as_of=date(2025, 3, 1), other_rates=[other])[0]
    assert (v.reason, v.bases) == ("projected_reaches", None)   # 39.25 → 42.71 a year on reaches 46 by 2025


def test_a_final_target_ahead_on_another_base_is_not_projected_to():
    # 2025: 23,100,000 or 45% (51,333,333); the newest actual with a count, 2024: 20,110,000 or
    # 42.71% (47,084,992), 8.3% smaller than a base that may grow by at most 3% + 2% a year (5%)
    v = with_target_counts([target("2025", 45.0, "exact")], [actual("2023", 39.25), actual("2024", 42.71)],
                           [persons("actual", "2024", 20_110_000, "news")],
                           [persons("target", "2025", 23_100_000, "plan")], as_of=date(2025, 3, 1))[0]
    assert (v.status, v.reason, v.projected, v.gap) == ("insufficient", "other_base", None, None)
    assert v.latest.value == 42.71


# ---------------------------------------------------------------- which target, interim targets

def test_interim_targets_are_judged_only_after_their_deadline_against_a_reading_of_its_end():
    targets = [target("2022", 42.0), target("2023", 44.5), target("2025", 50.0)]
    verdicts = assess("a", "bhxh", Evidence(targets, [actual("2022-07-31", 43.22), actual("2023", 44.0)], [],
                                            {"plan": date(2021, 4, 12)}, AS_OF))
    # 2022: only a mid-year reading, so no verdict; 2023: the reading of its end misses 44.5;
    # 2025: 43.22 (31/07/2022) to 44 (31/12/2023), 0.55 a year, reaches about 45.1 by 2025: off track
    assert [(v.target.period, v.status, v.final) for v in verdicts] == [("2025", "off_track", True),
                                                                        ("2023", "missed", False)]


def test_a_reading_before_the_deadline_is_a_reading_never_a_verdict():
    readings = readings_before_deadline([target("2022", 42.0)], [actual("2022-07-31", 43.22)])
    assert [(r.target.period, r.actual.value, r.reaches) for r in readings] == [("2022", 43.22, True)]


def frame_of(figures):
    return pd.DataFrame([{"locality": f.locality, "subdivision": None, "indicator": f.indicator, "period": f.period,
                          "kind": f.kind, "value": f.value, "unit": f.unit, "qualifier": f.qualifier.id,
                          "source": f.source, "quote": f.quote, "note_vi": f.note_vi or None, "note_en": f.note_en or None, "_line": f.line}
                         for f in figures], dtype=object)


def test_the_final_target_is_the_plan_in_forces_last_year():
    national = fig("target", "2025", 95.15, source="qd546", locality="vn")
    own = [fig("target", "2021", 97.0, source="own"), fig("target", "2025", 99.0, source="own")]
    assigned = fig("target", "2025", 95.15, source="qd546")
    figures = {f.line: f for f in [national, assigned] + own}
    observations = frame_of(figures.values())
    sources = pd.DataFrame({"id": ["own", "qd546"], "issued": [date(2021, 4, 12), date(2022, 4, 29)]})
    series = percent_series(observations, sources, figures)
    issued = dict(zip(sources["id"], sources["issued"]))
    # the locality's own plan counts before the newer national assignment
    assert final_target(series[("a", "bhxh")], {"qd546"}, issued) is own[1]


def test_counts_of_the_parts_only_are_counts_only_for_the_whole():
    # Cao Bằng: mandatory and voluntary participants counted (May 2025), no total, no rate at all
    from sitegen.analysis import whole_counts
    mandatory = Figure(next(LINES), "cb", None, "bhxh_mandatory", "2025-05", date(2025, 5, 31), "actual", 35705,
                       "persons", QUALIFIERS["exact"], "tt", "q", "", "", None)
    voluntary = Figure(next(LINES), "cb", None, "bhxh_voluntary", "2025-05", date(2025, 5, 31), "actual", 17426,
                       "persons", QUALIFIERS["exact"], "tt", "q", "", "", None)
    counts = whole_counts({f.line: f for f in (mandatory, voluntary)},
                          {"bhxh": ["bhxh_mandatory", "bhxh_voluntary"]})
    assert counts[("cb", "bhxh")] == [mandatory, voluntary]
    assert summary(verdict_of([target("2024", 25.4)], [], counts[("cb", "bhxh")]))[:3] == (
        "insufficient", "insufficient", "counts_only")


def test_a_parts_count_never_makes_an_implied_denominator_with_the_wholes_rate():
    # 15,000 mandatory participants beside a 27.5% all-BHXH rate of the same report are not one figure
    from sitegen.assessment import implied_bases
    rate = actual("2022-12", 27.5, source="r")
    part = Figure(next(LINES), "a", None, "bhxh_mandatory", "2022-12", date(2022, 12, 31), "actual", 15000,
                  "persons", QUALIFIERS["exact"], "r", "q", "", "", None)
    assert implied_bases([rate], [part]) == {}


def test_a_reading_whose_document_contradicts_its_base_makes_a_verdict_indicative():
    # Hà Nội 2024 (one article): voluntary BHXH 104,107 people or 2.93% (3,553,140), compulsory
    # 2,167,328 or 46.34% (4,677,013), BHTN 2,099,253 or 44.9% (4,675,396): the voluntary rate is
    # the one away from the middle, so a verdict resting on it says so; the others are not doubted
    from sitegen.consistency import doubtful_bases

    def pair(indicator, rate, count):
        return [Figure(next(LINES), "a", None, indicator, "2024", date(2024, 12, 31), "actual", value, unit,
                       QUALIFIERS["exact"], "article", "quote", "", "", None)
                for value, unit in ((rate, "percent"), (count, "persons"))]

    figures = {f.line: f for f in pair("bhxh_voluntary", 2.93, 104_107) + pair("bhxh_mandatory", 46.34, 2_167_328)
               + pair("bhtn", 44.9, 2_099_253)}
    labour_force = {"bhxh_voluntary": "working-age labour force", "bhxh_mandatory": "working-age labour force",
                    "bhtn": "working-age labour force"}
    doubtful = doubtful_bases(rate_count_pairs(list(figures.values())), labour_force)
    assert [figures[line].indicator for line in doubtful] == ["bhxh_voluntary"]
    reading = next(f for f in figures.values() if f.indicator == "bhxh_voluntary" and f.unit == "percent")
    v = assess("a", "bhxh", Evidence([target("2030", 10.0, "exact")], [reading, actual("2025-08", 3.54)], [],
                                     {"plan": date(2021, 4, 12)}, AS_OF, {}, frozenset(doubtful)))[0]
    assert (v.status, v.evidence) == ("off_track", "indicative") and "doubtful_base" in v.cautions
