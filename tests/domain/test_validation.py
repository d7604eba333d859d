"""Numbers typed or read from files: exact, finite, and of a size a budget can hold."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.errors import InvalidValue
from app.domain.validation import parse_decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [("0.0000025", "0.0000025"), ("2.5E-7", "2.5E-7"), ("999999999999999", "999999999999999")],
)
def test_numbers_a_budget_holds_are_taken_exactly(text: str, value: str) -> None:
    assert parse_decimal("unit_cost", text) == Decimal(value)
    assert str(parse_decimal("unit_cost", text)) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1e400", "has more than 15 digits before the point"),  # froze the chart
        ("1000000000000000", "has more than 15 digits before the point"),
        ("1e-999999", "has more than 18 decimal places"),  # froze the window
        ("0.0000000000000000001", "has more than 18 decimal places"),
        ("eight", "is not a number"),
        ("NaN", "must be a finite number"),
    ],
)
def test_numbers_too_large_too_fine_or_not_numbers_are_refused(text: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_decimal("quantity", text)
    assert refused.value.reason == reason
