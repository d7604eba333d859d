"""A line priced by the year: its contracted yearly figure next to what its twelve
rounded months add up to.

DESIGN.md rounds each line-month once and makes every total a sum of cells, so the
window, the workbook and the pack agree to the cent. A yearly price seldom divides
into twelve whole cents: 2 FTE × 246,250 × 1.3 is 640,250.00 a year, a month is
53,354.1666…, rounded to 53,354.17, and a year of such months adds to 640,250.04.
The rule stays; this says where the cents come from, for the detail form and the
pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.domain.money import grouped, ratio, round_half_up
from app.domain.plan import CostModel, Line


@dataclass(frozen=True)
class YearlyRounding:
    """A yearly price in minor units: as contracted, and as twelve rounded months."""

    contracted: int
    month: int
    digits: int

    @property
    def months(self) -> int:
        return 12 * self.month

    @property
    def difference(self) -> int:
        return self.months - self.contracted

    def note(self) -> str:
        """Where the difference comes from, in a finance partner's words."""
        unit = {0: "the whole unit", 2: "the cent"}.get(self.digits, f"{self.digits} decimals")
        return (
            f"Contracted {grouped(self.contracted, self.digits)} a year. Each month is "
            f"rounded to {unit} once ({grouped(self.month, self.digits)}), so 12 months "
            f"add to {grouped(self.months, self.digits)}."
        )


def yearly_price(line: Line) -> tuple[int, int] | None:
    """The exact yearly price of a staff line or a recurring line billed by the year,
    as a ratio; ``None`` for other lines."""
    model = CostModel(line.cost_model)
    if model is CostModel.STAFF:
        (fn, fd), (an, ad), (on, od) = _ratios(line, "fte", "annual_cost", "overhead_pct")
        return fn * an * (100 * od + on), fd * ad * 100 * od
    if model is CostModel.RECURRING and line.drivers.get("period") == "year":
        (qn, qd), (un, ud) = _ratios(line, "quantity", "unit_cost")
        return qn * un, qd * ud
    return None


def _ratios(line: Line, *drivers: str) -> list[tuple[int, int]]:
    return [ratio(Decimal(line.drivers[d])) for d in drivers]


def yearly_rounding(line: Line, digits: int) -> YearlyRounding | None:
    """The line's contracted year and its rounded months, when the two differ."""
    price = yearly_price(line)
    if price is None:
        return None
    num, den = price[0] * 10**digits, price[1]
    rounding = YearlyRounding(round_half_up(num, den), round_half_up(num, 12 * den), digits)
    return rounding if rounding.difference else None
