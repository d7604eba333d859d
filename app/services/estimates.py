"""Low and high estimates typed as amounts or as a percentage of the most likely.

DESIGN.md "Risk": a line's low and high estimates are its total cost, optimistic and
pessimistic; its engine total is the most likely. A planner may type them relative
to that total: ``-10 %`` in the low, ``+25 %`` in the high (a bare ``10 %`` means
below in the low and above in the high; ``−`` and ``–`` count as minus). The amount
is worked out from the line's current total, rounded half-up to the minor unit, and
stored as an amount, so a later change to the line's drivers does not move it.

Either way the value must sit on its side of the total: low ≤ most likely ≤ high.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.domain.errors import InvalidValue
from app.domain.money import from_minor, grouped
from app.services.line_columns import ColumnSpec
from app.services.line_fields import normalize_number

LOW, HIGH = "low_estimate", "high_estimate"
ESTIMATE_FIELDS = frozenset({LOW, HIGH})

HINTS = {
    LOW: "Amount, or −10 %",
    HIGH: "Amount, or +25 %",
}
"""Placeholders: what can be typed in each."""

_RELATIVE = re.compile(r"([+-])?(\d+(?:[.,]\d*)?|[.,]\d+)%")


def is_estimate(column: ColumnSpec) -> bool:
    return column.field in ESTIMATE_FIELDS


def relative_amount(column: ColumnSpec, text: str, total: int, digits: int) -> str | None:
    """``text`` read as a percentage off ``total`` (minor units), as an amount string
    with ``digits`` places; None if ``text`` is not a percentage."""
    t = "".join(text.split()).replace("\u2212", "-").replace("\u2013", "-")
    match = _RELATIVE.fullmatch(t)
    if match is None:
        return None
    sign, number = match.groups()
    pct = Decimal(number.replace(",", "."))
    if sign is None:
        sign = "-" if column.field == LOW else "+"
    factor = 1 + (pct if sign == "+" else -pct) / 100
    minor = int((Decimal(total) * factor).to_integral_value(ROUND_HALF_UP))
    if minor < 0:
        raise InvalidValue(column.title, text, "would make the estimate negative")
    return f"{from_minor(minor, digits):f}"


def entered_estimate(
    column: ColumnSpec, value: object, total: int | None, digits: int, currency: str = ""
) -> object:
    """What to store for ``value`` typed in a low or high estimate of a line whose
    engine total is ``total``: a percentage becomes its amount; anything else is
    returned as typed (for the line's own checks to read).

    Raises :class:`InvalidValue` (the column's title, what was typed, why) when the
    amount is on the wrong side of the total, or a percentage has no total to work from.
    """
    text = "" if value is None else str(value)
    if not is_estimate(column) or not text.strip():
        return value
    amount = None if total is None else relative_amount(column, text, total, digits)
    if amount is None and "%" in text:
        why = "needs the line's total, which is not worked out yet" if total is None else ""
        raise InvalidValue(
            column.title, text, why or "is not a percentage like −10 % or +25 % (or an amount)"
        )
    if total is None:
        return value
    try:
        minor = Decimal(amount or normalize_number(text, "", currency)).scaleb(digits)
    except InvalidOperation:
        return value  # not a number: the line's checks say so
    if not minor.is_finite():
        return value
    shown = grouped(total, digits)
    made = f"makes {grouped(int(minor), digits)}, " if amount is not None else "is "
    if column.field == LOW and minor > total:
        raise InvalidValue(
            column.title, text, f"{made}above the line's total {shown} (its most likely cost)"
        )
    if column.field == HIGH and minor < total:
        raise InvalidValue(
            column.title, text, f"{made}below the line's total {shown} (its most likely cost)"
        )
    return value if amount is None else amount
