"""The values a planner works with: plans, phases, resource lines, catalogue prices.

These are plain frozen values. The store turns them into rows and back; services
hand them out; nothing outside the store ever sees an ORM object.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class CostModel(StrEnum):
    ONE_TIME = "one_time"
    RECURRING = "recurring"
    USAGE = "usage"
    STAFF = "staff"
    VOLUME = "volume"
    SPREAD = "spread"
    PURCHASE = "purchase"
    TRAINING_RUN = "training_run"
    SERVING = "serving"


class CapexView(StrEnum):
    CASH = "cash"
    AMORTIZED = "amortized"


@dataclass(frozen=True)
class FxRate:
    """A fixed rate of a plan: ``rate`` plan-currency units buy one unit of ``currency``.

    ``rate`` is a decimal string kept exactly as entered; ``source`` and ``as_of`` say
    where the planner took it from, so the pack can defend it.
    """

    currency: str
    rate: str
    source: str = ""
    as_of: date | None = None


@dataclass(frozen=True)
class Plan:
    """A budget: one currency, a horizon, a contingency and a way to show capital spend."""

    id: int | None
    name: str
    currency: str
    start: date
    end: date
    description: str = ""
    contingency_pct: Decimal = Decimal("0")
    capex_view: CapexView = CapexView.CASH
    notes: str = ""
    created_at: str = ""
    updated_at: str = ""
    fx_rates: tuple[FxRate, ...] = ()
    """Other currencies' fixed rates, by currency code order."""

    def fx_rate(self, currency: str) -> FxRate | None:
        """The plan's rate for ``currency`` (None for the plan's own or an unknown one)."""
        return next((r for r in self.fx_rates if r.currency == currency), None)


def blank_plan(today: date | None = None) -> Plan:
    """What a new plan starts from: this calendar year, US dollars, 10 % contingency."""
    today = today or date.today()
    return Plan(
        None,
        "New plan",
        "USD",
        date(today.year, 1, 1),
        date(today.year, 12, 31),
        contingency_pct=Decimal("10"),
    )


PLAN_SETTINGS = (
    "name",
    "description",
    "currency",
    "start",
    "end",
    "contingency_pct",
    "capex_view",
    "notes",
    "fx_rates",
)
"""The fields of a plan a planner edits (everything but its id and timestamps)."""


@dataclass(frozen=True)
class Phase:
    """A stretch of the project timeline (research, development, ...)."""

    id: int | None
    plan_id: int
    key: str
    name: str
    start: date
    end: date
    position: int = 0
    milestone: bool = False
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Line:
    """One resource the plan pays for, with its cost model and drivers.

    ``drivers`` holds each driver's text exactly as entered ("0.0000025" stays that);
    numeric drivers are decimal strings, ``period`` is ``month`` or ``year``.
    """

    id: int | None
    plan_id: int
    category: str
    section: str
    item: str
    name: str
    cost_model: CostModel
    drivers: Mapping[str, str]
    start: date
    end: date
    phase_id: int | None = None
    dates_from_phase: bool = False
    dates_fixed: bool = False  # a training run's end no longer follows its compute
    vendor: str = ""
    notes: str = ""
    catalogue_ref: str | None = None
    catalogue_price: str | None = None
    catalogue_as_of: date | None = None
    catalogue_currency: str | None = None  # the copied price's own currency (None: older lines)
    low_estimate: str | None = None
    high_estimate: str | None = None
    position: int = 0
    currency: str | None = None
    """The currency the drivers are priced in; None for the plan's own."""

    def number(self, driver: str) -> Decimal:
        """A numeric driver as an exact Decimal."""
        return Decimal(self.drivers[driver])


@dataclass(frozen=True)
class CatalogueEntry:
    """A reference price with its unit, source and date; lines copy it, never link to it."""

    id: int | None
    key: str
    kind: str
    name: str
    unit: str
    price: str
    currency: str
    source: str
    as_of: date
    uncertain: bool = False
    category: str = ""
    section: str = ""
    item: str = ""
    cost_model: str = ""
    driver: str = "unit_cost"
    specs: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CustomItem:
    """An item a planner added under a section of the taxonomy (shared by all plans)."""

    id: int | None
    category: str
    section: str
    key: str
    label: str


@dataclass(frozen=True)
class PlanSnapshot:
    """A whole plan: what JSON files, exports and delete-then-undo carry."""

    plan: Plan
    phases: tuple[Phase, ...]
    lines: tuple[Line, ...]

    def phase_by_id(self) -> dict[int, Phase]:
        return {p.id: p for p in self.phases if p.id is not None}
