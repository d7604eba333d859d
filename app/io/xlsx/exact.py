"""Decimal text in spreadsheet cells, exactly.

A cell holds a binary float, while the plan keeps each driver as the text the planner
typed ("1.50", "0.0000025"). The workbook shows the number and, only when reading the
number back would not give the same text, keeps the text in a hidden twin column. On
reading, the twin wins while the visible number still matches it; once a planner has
typed a new number, the new number wins.
"""

from __future__ import annotations

from decimal import Decimal

# Spreadsheets keep 15 significant digits; a difference beyond them is no edit.
_SIGNIFICANT = ".15g"
_SAFE_INT = 2**53


def cell_number(text: str) -> int | float:
    """The number a cell stores for a decimal text (an int when it is whole and small)."""
    value = Decimal(text)
    if value == value.to_integral_value() and abs(value) < _SAFE_INT:
        return int(value)
    return float(value)


def natural_text(value: int | float) -> str:
    """The decimal text a stored number reads back as: shortest, plain notation."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < _SAFE_INT:
        return str(int(value))
    text = format(Decimal(repr(value)), "f")
    return text


def needs_twin(text: str) -> bool:
    """True when the visible number alone would not give ``text`` back."""
    return natural_text(cell_number(text)) != text


def same_number(stored: int | float, text: str) -> bool:
    """True when a stored number is the one written for ``text`` (the planner left it)."""
    return format(float(stored), _SIGNIFICANT) == format(float(Decimal(text)), _SIGNIFICANT)


def amount_value(minor: int, digits: int) -> float:
    """Minor units as the float a cell shows (correctly rounded division)."""
    scale: int = 10**digits
    return minor / scale
