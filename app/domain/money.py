"""Exact money: currencies, minor units and half-up rounding of exact ratios.

Amounts are computed as exact rationals (integer numerator and denominator) and
rounded once, half-up, to the currency's minor unit. No float ever takes part.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache

from app.paths import resource


@cache
def _currencies() -> dict[str, int]:
    """ISO 4217 codes and their minor digits (``resources/currencies.json``, from CLDR)."""
    table: dict[str, int] = json.loads(resource("currencies.json").read_text(encoding="utf-8"))
    return table


def is_known_currency(code: str) -> bool:
    """True for an ISO 4217 code such as ``EUR``."""
    return code in _currencies()


def minor_digits(code: str) -> int:
    """Digits after the point in the currency's minor unit (USD 2, JPY 0, BHD 3).

    A code the table lacks counts 2, as CLDR does by default.
    """
    return _currencies().get(code, 2)


def ratio(value: Decimal) -> tuple[int, int]:
    """A finite Decimal as an exact ``(numerator, denominator)`` with a power-of-ten denominator."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite number: {value}")
    mantissa = int("".join(map(str, digits)) or "0")
    if sign:
        mantissa = -mantissa
    if exponent >= 0:
        return mantissa * 10**exponent, 1
    return mantissa, 10**-exponent


def round_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded to the nearest integer, halves away from zero."""
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((-2 * numerator + denominator) // (2 * denominator))


def to_minor(value: Decimal, digits: int) -> int:
    """A Decimal amount in minor units, rounded half-up."""
    num, den = ratio(value)
    return round_half_up(num * 10**digits, den)


def from_minor(amount: int, digits: int) -> Decimal:
    """Minor units back to a Decimal with exactly ``digits`` places (``12345`` → ``123.45``)."""
    return Decimal(amount).scaleb(-digits)


def format_amount(amount: int, digits: int) -> str:
    """A plain decimal string of minor units, as used in JSON and the CLI (``"123.45"``)."""
    return f"{from_minor(amount, digits):f}"


def grouped(amount: int, digits: int) -> str:
    """Minor units grouped for people: ``123456789`` → ``1,234,567.89``."""
    return f"{from_minor(amount, digits):,.{digits}f}"


def format_display(amount: int, digits: int, code: str) -> str:
    """Grouped for people, with the currency: ``USD 1,234,567.89``."""
    return f"{code} {grouped(amount, digits)}"


def share(part: int, whole: int) -> str:
    """``part`` as a percentage of ``whole`` to one decimal, rounded half-up exactly.

    The window, the CLI and the pack all print shares with this (``"12.5 %"``).
    """
    if whole == 0:
        return "–"
    tenths = round_half_up(part * 1000, whole)
    sign = "-" if tenths < 0 else ""
    tenths = abs(tenths)
    return f"{sign}{tenths // 10}.{tenths % 10} %"
