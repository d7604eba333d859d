"""Money spent: one actual booked by date to a line, or to a category and section."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from app.domain.plan import Plan


@dataclass(frozen=True)
class Actual:
    """One amount spent, exactly as entered (``amount`` a decimal string).

    ``line_id`` is the line it books to (``None``: booked to ``category`` and
    ``section`` only). ``category`` and ``section`` are the line's when it was booked,
    so an actual still counts in its category after its line is deleted.
    ``reference`` (an invoice number) makes a re-import skip the row; ``batch`` says
    which import (or typing) brought it in.
    """

    id: int | None
    plan_id: int
    booked_on: date
    amount: str
    currency: str
    category: str
    section: str = ""
    line_id: int | None = None
    reference: str = ""
    description: str = ""
    batch: str = ""

    @property
    def name(self) -> str:
        """How messages name it: its reference, else its description, else its date."""
        return self.reference or self.description or self.booked_on.isoformat()


def rate_to_plan(plan: Plan, currency: str) -> Fraction | None:
    """How many units of the plan's currency one unit of ``currency`` buys, exactly
    (the plan's own: 1; another: its rate in the plan's ``fx_rates``); ``None`` when the
    plan has no rate for it (an actual in it is refused)."""
    if currency == plan.currency:
        return Fraction(1)
    found = plan.fx_rate(currency)
    return None if found is None else Fraction(Decimal(found.rate))
