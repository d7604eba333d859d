"""Low and high estimates typed relative to the line's total (issue 12 point 1)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidValue
from app.services.estimates import entered_estimate, relative_amount
from app.services.line_columns import HIGH, LOW, ColumnSpec


@pytest.mark.parametrize(
    ("column", "typed", "expected"),
    [
        (LOW, "-10%", "900.00"),
        (LOW, "−10 %", "900.00"),  # the minus sign as printed
        (LOW, "– 10 %", "900.00"),
        (LOW, "10 %", "900.00"),  # a bare percentage in the low is below
        (LOW, "-0,5 %", "995.00"),
        (HIGH, "+25%", "1250.00"),
        (HIGH, "25 %", "1250.00"),
        (HIGH, "+0%", "1000.00"),
        (LOW, "-100%", "0.00"),
    ],
)
def test_a_percentage_is_worked_out_from_the_total(
    column: ColumnSpec, typed: str, expected: str
) -> None:
    assert relative_amount(column, typed, 100_000, 2) == expected
    assert entered_estimate(column, typed, 100_000, 2, "USD") == expected


def test_the_amount_is_rounded_half_up_to_the_minor_unit() -> None:
    assert relative_amount(LOW, "-10%", 12_345, 2) == "111.11"  # 111.105
    assert relative_amount(HIGH, "+5%", 1_001, 0) == "1051"  # 1051.05 yen
    assert relative_amount(HIGH, "+15%", 1, 3) == "0.001"  # 1.15 mills


def test_amounts_pass_through_and_are_checked_against_the_total() -> None:
    assert entered_estimate(LOW, "USD 950", 100_000, 2, "USD") == "USD 950"
    assert entered_estimate(LOW, "1,000", 100_000, 2, "USD") == "1,000"  # equal is fine
    assert entered_estimate(HIGH, "", 100_000, 2) == ""
    assert entered_estimate(HIGH, "abc", 100_000, 2) == "abc"  # the line's checks refuse it
    with pytest.raises(InvalidValue) as low:
        entered_estimate(LOW, "1,000.01", 100_000, 2, "USD")
    assert low.value.field == "Low estimate"
    assert low.value.reason == "is above the line's total 1,000.00 (its most likely cost)"
    with pytest.raises(InvalidValue) as high:
        entered_estimate(HIGH, "-5%", 100_000, 2)
    assert (
        high.value.reason == "makes 950.00, below the line's total 1,000.00 (its most likely cost)"
    )


def test_a_percentage_needs_a_total_and_a_sensible_number() -> None:
    with pytest.raises(InvalidValue, match="needs the line's total"):
        entered_estimate(LOW, "-10%", None, 2)
    assert entered_estimate(LOW, "900", None, 2) == "900"
    with pytest.raises(InvalidValue, match="is not a percentage"):
        entered_estimate(LOW, "-ten %", 100_000, 2)
    with pytest.raises(InvalidValue, match="negative"):
        entered_estimate(LOW, "-120%", 100_000, 2)


@given(
    total=st.integers(min_value=0, max_value=10**15),
    down=st.decimals(min_value=0, max_value=100, places=2),
    up=st.decimals(min_value=0, max_value=1000, places=2),
    digits=st.sampled_from([0, 2, 3]),
)
def test_minus_x_and_plus_y_keep_the_total_inside_the_range(
    total: int, down: Decimal, up: Decimal, digits: int
) -> None:
    low = entered_estimate(LOW, f"-{down}%", total, digits)
    high = entered_estimate(HIGH, f"+{up} %", total, digits)
    assert isinstance(low, str) and isinstance(high, str)
    low_minor, high_minor = Decimal(low).scaleb(digits), Decimal(high).scaleb(digits)
    assert low_minor <= total <= high_minor
    exact = Decimal(total) * (100 - down) / 100
    assert low_minor == exact.to_integral_value(ROUND_HALF_UP)
    assert Decimal(low).as_tuple().exponent == -digits or digits == 0
