"""Dates to pixels and back, and the date grid for a zoom level: plain arithmetic, no Qt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MIN_PX_PER_DAY = 0.05
MAX_PX_PER_DAY = 48.0
WEEK_SNAP_BELOW = 3.0
"""Below this many pixels a day, moves snap to whole weeks."""


@dataclass(frozen=True)
class Tick:
    day: int
    """The ordinal of the first day of the period."""
    label: str


@dataclass
class DateScale:
    """Day ``origin`` at content x 0, ``px_per_day`` pixels per day."""

    origin: int
    px_per_day: float

    def x(self, day: date | float) -> float:
        """Content x of a day (a date or an ordinal, fractions allowed)."""
        ordinal = day.toordinal() if isinstance(day, date) else day
        return (ordinal - self.origin) * self.px_per_day

    def day_at(self, x: float) -> float:
        """The (fractional) ordinal at content x."""
        return self.origin + x / self.px_per_day

    @property
    def snap(self) -> int:
        return 7 if self.px_per_day < WEEK_SNAP_BELOW else 1

    def unit(self) -> tuple[str, str]:
        """The grid's (fine, coarse) units at this zoom."""
        ppd = self.px_per_day
        if ppd >= 14:
            return "day", "month"
        if ppd >= WEEK_SNAP_BELOW:
            return "week", "month"
        if ppd >= 0.6:
            return "month", "year"
        if ppd >= 0.2:
            return "quarter", "year"
        return "year", ""


def clamp_zoom(px_per_day: float) -> float:
    return min(MAX_PX_PER_DAY, max(MIN_PX_PER_DAY, px_per_day))


def ticks(unit: str, first: int, last: int) -> list[Tick]:
    """Starts of each period of ``unit`` from the one holding ``first`` to past ``last``."""
    if unit == "":
        return []
    if unit == "day":
        return [Tick(d, str(date.fromordinal(d).day)) for d in range(first, last + 2)]
    if unit == "week":
        monday = first - date.fromordinal(first).weekday()
        return [Tick(d, str(date.fromordinal(d).day)) for d in range(monday, last + 8, 7)]
    step = {"month": 1, "quarter": 3, "year": 12}[unit]
    day = date.fromordinal(first)
    month = (day.year * 12 + day.month - 1) // step * step
    out = []
    while True:
        start = date(month // 12, month % 12 + 1, 1).toordinal()
        if unit == "month":
            label = MONTHS[month % 12]
        elif unit == "quarter":
            label = f"Q{month % 12 // 3 + 1}"
        else:
            label = str(month // 12)
        out.append(Tick(start, label))
        if start > last:
            return out
        month += step


def coarse_label(unit: str, day: int) -> str:
    value = date.fromordinal(day)
    return f"{MONTHS[value.month - 1]} {value.year}" if unit == "month" else str(value.year)
