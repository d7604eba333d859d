"""Numbers typed or read from files: exact, finite, and of a size a budget can hold."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidValue
from app.domain.money import ratio
from app.domain.plan import Phase
from app.domain.validation import MAX_PLACES, check_phase_links, parse_decimal, parse_iso_date


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


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        # zero with a huge exponent was stored, then hung every total on the database
        ("0e999999999", "has more than 15 digits before the point"),
        ("0E+16", "has more than 15 digits before the point"),
        ("0e-19", "has more than 18 decimal places"),
        # 100,000 leading zeros were stored, then crashed the workbook export
        ("0" * 100_000 + "1", "has more than 40 characters"),
        ("1_000", "must be written with digits 0-9 and a point, no spaces or separators"),
        (" 5 ", "must be written with digits 0-9 and a point, no spaces or separators"),
        ("\u0665", "must be written with digits 0-9 and a point, no spaces or separators"),
        ("\uff15", "must be written with digits 0-9 and a point, no spaces or separators"),
        ("Infinity", "must be a finite number"),
        ("", "is not a number"),
    ],
)
def test_every_decimal_is_bounded_and_written_one_way(text: str, reason: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_decimal("quantity", text)
    assert refused.value.reason == reason
    assert len(str(refused.value)) < 200


@pytest.mark.parametrize("text", ["0", "-0", "0.000", "0e-18", ".5", "5.", "1E+3", "-12.50"])
def test_plain_decimals_including_zero_are_taken(text: str) -> None:
    assert parse_decimal("quantity", text) == Decimal(text)


@given(st.from_regex(r"[+-]?[0-9]{1,6}(\.[0-9]{0,6})?([eE][+-]?[0-9]{1,12})?", fullmatch=True))
def test_any_decimal_taken_is_quick_to_compute_with(text: str) -> None:
    try:
        value = parse_decimal("quantity", text)
    except InvalidValue:
        return
    numerator, denominator = ratio(value)
    assert abs(numerator) < 10**40 and denominator <= 10**MAX_PLACES


@pytest.mark.parametrize("text", ["20270101", "2027-W01-1", "2027-1-1", "2027-060", " 2027-01-01"])
def test_file_dates_are_written_yyyy_mm_dd(text: str) -> None:
    with pytest.raises(InvalidValue, match="is not a date"):
        parse_iso_date("start", text)
    assert parse_iso_date("start", "2027-01-01") == date(2027, 1, 1)


def _phases(*links: tuple[str, tuple[str, ...]]) -> list[Phase]:
    day = date(2027, 1, 1)
    return [
        Phase(None, 0, key, key, day, day, i, False, deps) for i, (key, deps) in enumerate(links)
    ]


@pytest.mark.parametrize(
    ("links", "message"),
    [
        ((("a", ()), ("b", ("c",))), r"b: depends_on = 'c': no phase of this plan has that key"),
        ((("a", ("a",)),), r"a: depends_on = 'a': a phase cannot depend on itself"),
        ((("a", ()), ("b", ("a", "a"))), r"b: depends_on = 'a': is listed twice"),
        (
            (("a", ("c",)), ("b", ("a",)), ("c", ("b",))),
            r"a: depends_on = \['c'\]: makes a cycle \(a → c → b → a\)",
        ),
    ],
)
def test_phase_links_name_a_phase_and_no_cycle(
    links: tuple[tuple[str, tuple[str, ...]], ...], message: str
) -> None:
    with pytest.raises(InvalidValue, match=message):
        check_phase_links(_phases(*links), lambda p: p.key)


def test_a_long_chain_of_phases_is_checked_without_recursion() -> None:
    keys = [f"p{i}" for i in range(5000)]
    chain = [(k, (keys[i - 1],) if i else ()) for i, k in enumerate(keys)]
    check_phase_links(_phases(*chain), lambda p: p.key)
    with pytest.raises(InvalidValue, match="makes a cycle"):
        check_phase_links(_phases(*chain[1:], ("p0", ("p4999",))), lambda p: p.key)


def test_stored_values_may_keep_an_older_spelling_within_the_same_bounds() -> None:
    assert parse_decimal("quantity", " 5 ", any_spelling=True) == 5
    assert parse_decimal("quantity", "1_000", any_spelling=True) == 1000
    with pytest.raises(InvalidValue, match="digits before the point"):
        parse_decimal("quantity", "0e999999999", any_spelling=True)
