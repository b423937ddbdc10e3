"""Figures: the rows of observations.csv as typed, language-independent records.

Input: the validated observations table. Output: one `Figure` per row, created once per
build and shared by the analysis (which refers to the figures it used) and the pages
(which label them in each language). A figure is identified by its line in the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from .data import frame_rows
from .periods import parse_period
from .vocabulary import QUALIFIERS, Flag, Qualifier, note_flag

NATIONAL = "vn"   # the national benchmark's locality id


@dataclass(frozen=True, eq=False)   # identity, not value: two rows may state the same figure
class Figure:
    """One figure of one document."""
    line: int               # its line in observations.csv (header = 1): its identity
    locality: str
    subdivision: str | None  # a ward or commune of the locality; None for the whole locality
    indicator: str
    period: str             # as written: 2025, 2023-Q1, 2025-H1, 2023-11, 2023-06-30
    end: date               # the last day the period covers
    kind: str               # target or actual
    value: float            # a percentage as a float; a count of persons as an exact int
    unit: str               # percent or persons
    qualifier: Qualifier
    source: str
    quote: str
    note_vi: str            # the curators' note in each language, or empty
    note_en: str
    flag: Flag | None       # set by the English note's first words

    @property
    def is_year(self) -> bool:
        return parse_period(self.period).is_year

    @property
    def whole_percent(self) -> bool:
        """A percentage of the whole locality: what rates are compared on."""
        return self.subdivision is None and self.unit == "percent"

    @property
    def measured(self) -> bool:
        """Whether it may be measured against a target (not on another base)."""
        return self.flag is None or self.flag.measured


def typed_figures(observations: pd.DataFrame) -> dict[int, Figure]:
    """Every observation as a Figure, by line."""
    return {int(r["_line"]): Figure(int(r["_line"]), r["locality"], r["subdivision"], r["indicator"], r["period"],
                                    parse_period(r["period"]).end, r["kind"], figure_value(r["value"], r["unit"]),
                                    r["unit"], QUALIFIERS[r["qualifier"]], r["source"], r["quote"], r["note_vi"] or "",
                                    r["note_en"] or "", note_flag(r["note_en"]))
            for r in frame_rows(observations)}


def figure_value(value: int | float, unit: str) -> int | float:
    """A percentage as a float (with at most 15 significant digits, exactly the number written);
    a count of persons as the exact int it was read as, whatever its size."""
    return float(value) if unit == "percent" else value
