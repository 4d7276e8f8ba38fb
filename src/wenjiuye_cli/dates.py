"""Calendar arithmetic the policy text uses: "满12个月", "注册1年内", "毕业5年内"."""

from __future__ import annotations

import calendar
from datetime import date

# Days in each month of a common year; February of a leap year is handled where it matters.
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(start: date, months: int) -> date:
    """Same day ``months`` later; clamps to the month's last day (2020-01-31 + 1 month = 2020-02-29)."""
    year, month = divmod(start.year * 12 + (start.month - 1) + months, 12)
    day = start.day
    if day > 28:  # only the 29th-31st can fall past the end of a month
        last = (29 if calendar.isleap(year) else 28) if month == 1 else _MONTH_DAYS[month]
        if day > last:
            day = last
    return date(year, month + 1, day)


def add_years(start: date, years: int) -> date:
    return add_months(start, 12 * years)


def whole_months_between(start: date, end: date) -> int:
    """Completed months from ``start`` to ``end`` (0 if ``end`` is before ``start``)."""
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if add_months(start, months) > end:
        months -= 1
    return months


def age_on(birth: date, on: date) -> int:
    """Age in completed years; a person reaches an age on the birthday itself ("年满")."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def month_start(day: date) -> date:
    return day if day.day == 1 else day.replace(day=1)
