"""Periods as the documents state them: 2025, 2023-Q1, 2025-H1, 2023-11, 2023-06-30.

This module is the one home of the period grammar: the reader (validate.py), the labels
(i18n.py) and the published datapackage.json (tested against PERIOD_PATTERN) all use it.
A period is compared and plotted by its end date: a target "for 2025" is due on
31 December 2025, a figure "to the end of November 2023" is as of 30 November.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

# [0-9], not \d: Python's \d also matches Arabic-Indic, Devanagari and full-width digits.
# data/datapackage.json publishes this same pattern for the `period` column (tested).
PERIOD_PATTERN = r"[0-9]{4}(-Q[1-4]|-H[12]|-[0-9]{2}(-[0-9]{2})?)?"
PERIOD = re.compile(PERIOD_PATTERN)
PERIOD_GRAMMAR = "YYYY, YYYY-Qn, YYYY-Hn, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True)
class Period:
    """A parsed period; exactly one of quarter, half, month is set unless it is a whole year."""
    text: str
    year: int
    quarter: int | None = None
    half: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def is_year(self) -> bool:
        return self.quarter is None and self.half is None and self.month is None

    @property
    def end(self) -> date:
        """The last day the period covers."""
        if self.day is not None:
            return date(self.year, self.month, self.day)
        month = (self.quarter * 3 if self.quarter else self.half * 6 if self.half
                 else self.month if self.month else 12)
        return date(self.year, month, calendar.monthrange(self.year, month)[1])


@lru_cache(maxsize=4096)
def parse_period(text: str) -> Period:
    """The period written `text`. Raises ValueError for a malformed or impossible period."""
    if not isinstance(text, str) or not PERIOD.fullmatch(text):
        raise ValueError(f"'{text}' is not a period")
    year, rest = int(text[:4]), text[5:]     # the grammar fixes every part's position
    if year == 0:
        raise ValueError(f"'{text}' has no year 0")   # no calendar (nor Python's date) has one
    if rest[:1] == "Q":
        return Period(text, year, quarter=int(rest[1]))
    if rest[:1] == "H":
        return Period(text, year, half=int(rest[1]))
    if not rest:
        return Period(text, year)
    month, day = int(rest[:2]), int(rest[3:]) if len(rest) > 2 else None
    if not 1 <= month <= 12:
        raise ValueError(f"'{text}' has no month {month}")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"'{text}' is not a real date")
    return Period(text, year, month=month, day=day)


def period_end(period: str) -> date:
    """The last day a period covers. Raises ValueError for a malformed period."""
    return parse_period(period).end


def years_between(start: date, end: date) -> float:
    return (end - start).days / 365.25


def is_year(period: str | None) -> bool:
    try:
        return parse_period(period).is_year
    except ValueError:
        return False
