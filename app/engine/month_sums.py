"""A category's cost by month, kept as one dense list so adding a line is a C-level map.

Adding a line's cells to a dict month by month was the largest share of a full
recompute (a Python loop over every line-month); a slice assignment of
``map(add, ...)`` does the same integer sums without the interpreter in the loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from operator import add, sub


class MonthSums:
    """Integer sums by month index, dense from ``first`` on; zeros are not reported."""

    __slots__ = ("first", "values")

    def __init__(self) -> None:
        self.first = 0
        self.values: list[int] = []

    def add(self, first: int, amounts: tuple[int, ...], sign: int = 1) -> None:
        """Add (``sign`` > 0) or take away a run of amounts starting at month ``first``."""
        count = len(amounts)
        if not count:
            return
        values = self.values
        if not values:
            self.first = first
            values.extend([0] * count)
        elif first < self.first:
            values[:0] = [0] * (self.first - first)
            self.first = first
        start = first - self.first
        stop = start + count
        if stop > len(values):
            values.extend([0] * (stop - len(values)))
        values[start:stop] = map(add if sign > 0 else sub, values[start:stop], amounts)

    def get(self, month: int, default: int = 0) -> int:
        i = month - self.first
        if 0 <= i < len(self.values):
            return self.values[i] or default
        return default

    def items(self) -> Iterator[tuple[int, int]]:
        """(month, amount) for every month with a non-zero sum, in order."""
        return ((m, a) for m, a in enumerate(self.values, self.first) if a)
