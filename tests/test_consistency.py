"""Consistency checks on hand-made tables; expected figures computed by hand. Each warning is
read as `sitegen check` prints it: its kind's one sentence, in English."""

import pandas as pd

from sitegen.consistency import CHECK_KINDS, consistency_checks
from sitegen.figures import typed_figures
from sitegen.i18n import language
from sitegen.sitedata import Indicator, Locality, Names, Source
from sitegen.wording import check_sentence

INDICATORS = pd.DataFrame({
    "id": ["bhxh", "bhxh_mandatory", "bhxh_voluntary", "bhtn", "bhyt"],
    "part_of": [None, "bhxh", "bhxh", None, None],
    "denominator_en": ["labour force"] * 4 + ["population"],
})
INDICATOR_NAMES = {"bhxh": "Social insurance", "bhxh_mandatory": "Mandatory social insurance",
                   "bhxh_voluntary": "Voluntary social insurance", "bhtn": "Unemployment insurance",
                   "bhyt": "Health insurance"}


def names() -> Names:
    localities = {i: Locality(i, i.upper(), f"Place {i.upper()}", "province", None, None, None, False, None, None)
                  for i in ("tv", "hp", "hn")}
    indicators = {i: Indicator(i, n, n, "d", "d", "percent", None, False, False) for i, n in INDICATOR_NAMES.items()}
    sources = {i: Source(i, f"{i.upper()}/KH", "ke-hoach", "UBND", None, None, None, "t", None, None, None, None) for i in ("s", "a", "b")}
    return Names(localities, indicators, sources)


def obs(*rows):
    columns = ["locality", "subdivision", "indicator", "period", "kind", "value", "unit", "source", "_line"]
    frame = pd.DataFrame([dict(zip(columns, r)) for r in rows], dtype=object).astype({"value": float})
    return frame.assign(qualifier="exact", quote="q", note_vi=None, note_en=None)


def messages(frame):
    english = language("en")
    checks = consistency_checks(frame, INDICATORS, typed_figures(frame), "obs.csv")
    return [(c.code, c.indicator, c.line, check_sentence(names(), english, c)) for c in checks]


def test_wards_that_do_not_add_up_to_the_total():
    frame = obs(("tv", None, "bhyt", "2023", "target", 1000, "persons", "s", 2),
                ("tv", "P1", "bhyt", "2023", "target", 600, "persons", "s", 3),
                ("tv", "P2", "bhyt", "2023", "target", 390, "persons", "s", 4))
    assert messages(frame) == [("subdivision-sum", "bhyt", 2,
                                "Place TV, health insurance, target 2023: the 2 wards or communes add up to 990 people, "
                                "but the stated total is 1,000 people (S/KH).")]


def test_wards_that_add_up_give_no_warning():
    frame = obs(("tv", None, "bhyt", "2023", "target", 1000, "persons", "s", 2),
                ("tv", "P1", "bhyt", "2023", "target", 600, "persons", "s", 3),
                ("tv", "P2", "bhyt", "2023", "target", 400, "persons", "s", 4))
    assert messages(frame) == []


def test_mandatory_plus_voluntary_against_all_bhxh():
    frame = obs(("hp", None, "bhxh", "2023", "actual", 50.0, "percent", "s", 2),
                ("hp", None, "bhxh_mandatory", "2023", "actual", 46.0, "percent", "s", 3),
                ("hp", None, "bhxh_voluntary", "2023", "actual", 2.52, "percent", "s", 4))
    # 46 + 2.52 = 48.52, not 50
    assert messages(frame) == [("part-sum", "bhxh", 2,
                                "Place HP, actual 2023: mandatory social insurance + voluntary social insurance = "
                                "48.52%, but social insurance is stated as 50% (S/KH).")]


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
                                "Place TV, target 2023: the counts and rates imply different denominators: "
                                "social insurance implies 58,560 (17,404 ÷ 29.72%) but unemployment insurance "
                                "implies 60,278 (12,369 ÷ 20.52%) (S/KH).")]


def test_two_reports_of_the_same_actual_that_disagree():
    frame = obs(("hn", None, "bhyt", "2024", "actual", 94.5, "percent", "a", 2),
                ("hn", None, "bhyt", "2024", "actual", 93.65, "percent", "b", 3))
    assert messages(frame) == [("source-disagreement", "bhyt", 2,
                                "Place HN, health insurance, actual 2024: 93.65% in B/KH but 94.5% in A/KH.")]


def test_two_documents_that_set_different_targets_are_not_a_disagreement_between_reports():
    frame = obs(("hn", None, "bhyt", "2024", "target", 94.5, "percent", "a", 2),
                ("hn", None, "bhyt", "2024", "target", 93.65, "percent", "b", 3))
    assert messages(frame) == [("target-disagreement", "bhyt", 2,
                                "Place HN, health insurance, 2024: B/KH sets a target of 93.65%, A/KH one of 94.5% "
                                "(both are kept; the methodology says which one counts).")]


def test_every_check_kind_is_defined_once_with_its_words():
    for code, kind in CHECK_KINDS.items():
        assert kind.code == code and kind.title and kind.description and "%(locality)s" in kind.sentence
