"""Month lengths, on which every day-prorated cost rests."""

from __future__ import annotations

import calendar

from hypothesis import given
from hypothesis import strategies as st

from app.engine.calendar import days_in_month, month_lengths


@given(st.integers(min_value=1 * 12, max_value=9999 * 12 + 11))
def test_days_in_month_is_the_calendars(index: int) -> None:
    assert days_in_month(index) == calendar.monthrange(index // 12, index % 12 + 1)[1]


def test_leap_februaries() -> None:
    assert [days_in_month(y * 12 + 1) for y in (1900, 2000, 2024, 2026)] == [28, 29, 29, 28]


@given(st.integers(min_value=1900 * 12, max_value=2300 * 12), st.integers(0, 400))
def test_month_lengths_inside_and_outside_the_table(first: int, span: int) -> None:
    expected = [calendar.monthrange(m // 12, m % 12 + 1)[1] for m in range(first, first + span)]
    assert month_lengths(first, first + span) == expected
