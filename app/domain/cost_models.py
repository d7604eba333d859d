"""The drivers each cost model takes: names, labels and the values they accept.

Shared by validation, the editors, the JSON schema and the workbook columns, so a
driver is described once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.domain.plan import CostModel

PERIODS = ("month", "year")


@dataclass(frozen=True)
class DriverSpec:
    """One driver: its key, the planner's label, and the range it accepts."""

    key: str
    label: str
    minimum: Decimal | None = Decimal(0)
    maximum: Decimal | None = None
    whole: bool = False
    choices: tuple[str, ...] = ()
    money: bool = False


QUANTITY = DriverSpec("quantity", "Quantity")
UNIT_COST = DriverSpec("unit_cost", "Unit cost", money=True)
PERIOD = DriverSpec("period", "Period", minimum=None, choices=PERIODS)
HOURS = DriverSpec("hours_per_month", "Hours per month", maximum=Decimal(744))
UTILIZATION = DriverSpec("utilization", "Utilization (0–1)", maximum=Decimal(1))
HOURLY = DriverSpec("unit_cost", "Cost per hour", money=True)
FTE = DriverSpec("fte", "FTE")
ANNUAL = DriverSpec("annual_cost", "Annual cost", money=True)
OVERHEAD = DriverSpec("overhead_pct", "Overhead %", maximum=Decimal(1000))
VOLUME = DriverSpec("volume", "Volume")
GROWTH = DriverSpec("growth_per_month", "Growth per month", minimum=None)
UNIT_MONTH = DriverSpec("unit_cost", "Cost per unit-month", money=True)
LIFE = DriverSpec("useful_life_months", "Useful life (months)", minimum=Decimal(1), whole=True)

DRIVERS: dict[CostModel, tuple[DriverSpec, ...]] = {
    CostModel.ONE_TIME: (QUANTITY, UNIT_COST),
    CostModel.RECURRING: (QUANTITY, UNIT_COST, PERIOD),
    CostModel.USAGE: (QUANTITY, HOURS, UTILIZATION, HOURLY),
    CostModel.STAFF: (FTE, ANNUAL, OVERHEAD),
    CostModel.VOLUME: (VOLUME, GROWTH, UNIT_MONTH),
    CostModel.SPREAD: (QUANTITY, UNIT_COST),
    CostModel.PURCHASE: (QUANTITY, UNIT_COST, LIFE),
}

LABELS: dict[CostModel, str] = {
    CostModel.ONE_TIME: "One-time",
    CostModel.RECURRING: "Recurring",
    CostModel.USAGE: "Usage (hours)",
    CostModel.STAFF: "Staff (FTE)",
    CostModel.VOLUME: "Volume",
    CostModel.SPREAD: "Spread over dates",
    CostModel.PURCHASE: "Purchase (capex)",
}


def all_driver_keys() -> tuple[str, ...]:
    """Every driver key of every model, in a stable order (workbook columns)."""
    seen: dict[str, None] = {}
    for specs in DRIVERS.values():
        for spec in specs:
            seen.setdefault(spec.key, None)
    return tuple(seen)
