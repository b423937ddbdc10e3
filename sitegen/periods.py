"""Periods as the documents state them: 2025, 2023-Q1, 2025-H1, 2023-11, 2023-06-30.

A period is compared and plotted by its end date: a target "for 2025" is due on
31 December 2025, a figure "to the end of November 2023" is as of 30 November.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

PERIOD = re.compile(r"(?P<y>\d{4})(?:-Q(?P<q>[1-4])|-H(?P<h>[12])|-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?")


def period_end(period: str) -> date:
    """The last day a period covers. Raises ValueError for a malformed period."""
    match = PERIOD.fullmatch(period or "")
    if not match:
        raise ValueError(f"'{period}' is not a period")
    year = int(match["y"])
    if match["q"]:
        month = int(match["q"]) * 3
    elif match["h"]:
        month = int(match["h"]) * 6
    elif match["m"]:
        month = int(match["m"])
        if not 1 <= month <= 12:
            raise ValueError(f"'{period}' has no month {month}")
        if match["d"]:
            day = int(match["d"])
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                raise ValueError(f"'{period}' is not a real date")
            return date(year, month, day)
    else:
        month = 12
    return date(year, month, calendar.monthrange(year, month)[1])


def years_between(start: date, end: date) -> float:
    return (end - start).days / 365.25


def is_year(period: str) -> bool:
    return bool(re.fullmatch(r"\d{4}", period or ""))
