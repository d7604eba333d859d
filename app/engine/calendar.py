"""Months as integers (``year * 12 + month - 1``) and the days a line is active in each."""

from __future__ import annotations

from calendar import isleap
from datetime import date


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def month_label(index: int) -> str:
    """``"YYYY-MM"``, the key used by summaries and exports."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def year_of(index: int) -> int:
    return index // 12


_LENGTHS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(index: int) -> int:
    month = index % 12
    return 29 if month == 1 and isleap(index // 12) else _LENGTHS[month]


def active_days(start: date, end: date) -> list[int]:
    """Days the span ``start``..``end`` (both inclusive) covers in each month it touches."""
    first, last = month_index(start), month_index(end)
    if first == last:
        return [end.day - start.day + 1]
    days = [days_in_month(first) - start.day + 1]
    days.extend(month_lengths(first + 1, last))
    days.append(end.day)
    return days


def month_lengths(first: int, stop: int) -> list[int]:
    """Days in each month from ``first`` up to, not including, ``stop``."""
    if first >= _TABLE_START and stop <= _TABLE_START + len(_TABLE):
        return _TABLE[first - _TABLE_START : stop - _TABLE_START]
    return [days_in_month(m) for m in range(first, stop)]


_TABLE_START = 1970 * 12
_TABLE = [days_in_month(m) for m in range(_TABLE_START, 2200 * 12)]
