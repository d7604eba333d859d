"""The columns each category's editor shows, as data.

One description per column (what it edits, its title, which cost models it applies
to) serves the editor's table, its detail form and any other tabular view, so a
column is described once. Only what truly differs between categories lives here:
the titles planners use ("GPUs", "Seats", "Effort (hours)") and the order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from app.domain.cost_models import DRIVERS, ENERGY, DriverSpec, all_specs, optional_specs
from app.domain.plan import CostModel, Line

M = CostModel


class FieldKind(StrEnum):
    """How a field is shown and edited."""

    TEXT = "text"
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    PERIOD = "period"
    ITEM = "item"
    MODEL = "model"
    CATALOGUE = "catalogue"
    PHASE = "phase"
    FLAG = "flag"
    UNIT = "unit"
    TOTAL = "total"
    CURRENCY = "currency"


@dataclass(frozen=True)
class ColumnSpec:
    """One editable (or computed) field of a line.

    ``field`` names what the column edits: a line attribute (``name``, ``start``,
    ``vendor``...), ``driver`` (then ``driver`` names the driver key), or a computed
    value (``total``, ``unit``). ``models`` limits a driver column to the cost models
    it means something for (a "Rate" and a "Purchase price" both edit ``unit_cost``).
    """

    key: str
    title: str
    kind: FieldKind
    field: str
    driver: str = ""
    models: frozenset[CostModel] | None = None
    tip: str = ""
    fillable: bool = False
    """An optional driver offered even where the line leaves it out (the detail form's
    energy drivers): typing a value adds it, clearing it leaves it out again."""

    def applies_to(self, line: Line) -> bool:
        """False for a driver column whose driver this line's cost model does not have."""
        if self.field != "driver":
            return True
        if self.models is not None and line.cost_model not in self.models:
            return False
        if self.driver in line.drivers:
            return True
        return self.fillable and is_optional(CostModel(line.cost_model), self.driver)

    @property
    def editable(self) -> bool:
        return self.kind not in (FieldKind.TOTAL, FieldKind.UNIT)

    @property
    def numeric(self) -> bool:
        """Numbers and amounts sit right-aligned."""
        return self.kind in (FieldKind.NUMBER, FieldKind.MONEY, FieldKind.TOTAL)


def _spec_of(driver: str, models: Iterable[CostModel] | None) -> DriverSpec:
    for model in models or DRIVERS:
        for spec in all_specs(model):
            if spec.key == driver:
                return spec
    raise KeyError(driver)


def driver_column(
    driver: str, title: str, models: Iterable[CostModel] | None = None, tip: str = ""
) -> ColumnSpec:
    """A column editing one driver, for the given cost models (None: any that has it)."""
    spec = _spec_of(driver, models)
    if spec.choices:
        kind = FieldKind.PERIOD
    elif spec.money:
        kind = FieldKind.MONEY
    else:
        kind = FieldKind.NUMBER
    key = driver if models is None else f"{driver}@{'+'.join(sorted(m.value for m in models))}"
    return ColumnSpec(
        key, title, kind, "driver", driver, frozenset(models) if models else None, tip or spec.label
    )


UTILIZATION_TIP = (
    "Share of the booked hours in use: 85 and 85 % mean 85 %; a number of 1 or less is"
    " read as a fraction (0.85, and 1 for 100 %)"
)


def is_optional(model: CostModel, driver: str) -> bool:
    """True if a line of ``model`` may leave ``driver`` out."""
    return any(spec.key == driver for spec in optional_specs(model))


def fillable_column(driver: str, title: str) -> ColumnSpec:
    """A driver column that can add an optional driver the line leaves out."""
    return replace(driver_column(driver, title), fillable=True)


NAME = ColumnSpec("name", "Name", FieldKind.TEXT, "name")
ITEM = ColumnSpec("item", "Item", FieldKind.ITEM, "item", tip="Section and item of the taxonomy")
MODEL = ColumnSpec("cost_model", "Cost model", FieldKind.MODEL, "cost_model")
START = ColumnSpec("start", "Start", FieldKind.DATE, "start")
END = ColumnSpec("end", "End", FieldKind.DATE, "end")
VENDOR = ColumnSpec("vendor", "Vendor", FieldKind.TEXT, "vendor")
PHASE = ColumnSpec("phase", "Phase", FieldKind.PHASE, "phase_id")
FOLLOWS = ColumnSpec(
    "dates_from_phase",
    "Phase dates",
    FieldKind.FLAG,
    "dates_from_phase",
    tip="Take the start and end from the phase; moving the phase moves the line",
)
UNIT = ColumnSpec("unit", "Unit", FieldKind.UNIT, "unit", tip="What one unit of the price buys")
TOTAL = ColumnSpec("total", "Total", FieldKind.TOTAL, "total", tip="Cost over the whole line")
NOTES = ColumnSpec("notes", "Notes", FieldKind.TEXT, "notes")
CURRENCY = ColumnSpec(
    "currency",
    "Currency",
    FieldKind.CURRENCY,
    "currency",
    tip="The currency the line's prices are in: the plan's, or one with a rate in Plan Settings",
)
LOW = ColumnSpec(
    "low_estimate",
    "Low estimate",
    FieldKind.MONEY,
    "low_estimate",
    tip="Optimistic total cost of the line, for the risk simulation: an amount, or a"
    " percentage below the total (−10 % is 90 % of it)",
)
HIGH = ColumnSpec(
    "high_estimate",
    "High estimate",
    FieldKind.MONEY,
    "high_estimate",
    tip="Pessimistic total cost of the line, for the risk simulation: an amount, or a"
    " percentage above the total (+25 % is 125 % of it)",
)


def catalogue_column(title: str) -> ColumnSpec:
    return ColumnSpec(
        "catalogue",
        title,
        FieldKind.CATALOGUE,
        "catalogue_ref",
        tip="Pick a reference price: it fills the rate and keeps its source and date",
    )


NOT_PURCHASE = frozenset({M.USAGE, M.RECURRING, M.ONE_TIME, M.SPREAD})
PER_ITEM = (M.ONE_TIME, M.SPREAD, M.RECURRING, M.PURCHASE)
COMPUTE = (M.TRAINING_RUN, M.SERVING)

_ORDER = {
    FieldKind.TEXT: 0,
    FieldKind.CATALOGUE: 1,
    FieldKind.TOTAL: 3,
    FieldKind.CURRENCY: 2,
    FieldKind.PHASE: 1,
    FieldKind.FLAG: 1,
    FieldKind.DATE: 6,
    FieldKind.ITEM: 8,
    FieldKind.MODEL: 9,
}
_KEY_ORDER = {"low_estimate": 4, "high_estimate": 4}
"""The three-point estimate reads total, low, high: the range right after the total."""


def _table_order(columns: tuple[ColumnSpec, ...]) -> tuple[ColumnSpec, ...]:
    """Money first: name, price pick, drivers, total and its range; then timing; taxonomy
    and model last.

    The amounts are what a planner scans, so they come before the columns a line
    rarely changes (item and cost model, also in the detail form).
    """
    return tuple(sorted(columns, key=lambda c: _KEY_ORDER.get(c.key, _ORDER.get(c.kind, 2))))


_CATEGORY_COLUMNS: dict[str, tuple[ColumnSpec, ...]] = {
    "computing": (
        NAME,
        ITEM,
        MODEL,
        catalogue_column("Accelerator or instance"),
        driver_column("quantity", "Count"),
        driver_column("hours_per_month", "Hours per month"),
        driver_column("utilization", "Utilization", tip=UTILIZATION_TIP),
        driver_column("unit_cost", "Rate", NOT_PURCHASE),
        driver_column("unit_cost", "Purchase price", (M.PURCHASE,)),
        driver_column("useful_life_months", "Useful life (months)"),
        driver_column("accelerators", "Accelerators"),
        driver_column("unit_cost", "Rate per accelerator-hour", COMPUTE),
        CURRENCY,
        START,
        END,
        TOTAL,
    ),
    "human": (
        NAME,
        ITEM,
        MODEL,
        catalogue_column("Reference salary"),
        driver_column("fte", "FTE"),
        driver_column("annual_cost", "Annual cost"),
        driver_column("overhead_pct", "Overhead %"),
        CURRENCY,
        START,
        END,
        TOTAL,
    ),
    "data": (
        NAME,
        ITEM,
        MODEL,
        catalogue_column("Reference price"),
        driver_column("volume", "Volume"),
        driver_column("growth_per_month", "Growth per month"),
        driver_column("unit_cost", "Unit price", (M.VOLUME,), "Price per unit-month"),
        driver_column("quantity", "Items"),
        driver_column("unit_cost", "Price per item", PER_ITEM),
        CURRENCY,
        START,
        END,
        TOTAL,
    ),
    "software": (
        NAME,
        ITEM,
        MODEL,
        catalogue_column("Product"),
        driver_column("quantity", "Seats"),
        driver_column("unit_cost", "Price per seat"),
        driver_column("period", "Period"),
        CURRENCY,
        START,
        END,
        TOTAL,
    ),
    "infrastructure": (
        NAME,
        ITEM,
        MODEL,
        catalogue_column("Tier or service"),
        driver_column("volume", "Volume"),
        driver_column("growth_per_month", "Growth per month"),
        driver_column("quantity", "Quantity"),
        UNIT,
        driver_column("unit_cost", "Unit cost"),
        driver_column("period", "Period"),
        CURRENCY,
        START,
        END,
        TOTAL,
    ),
    "time": (
        NAME,
        ITEM,
        MODEL,
        PHASE,
        FOLLOWS,
        driver_column("quantity", "GPUs"),
        driver_column("hours_per_month", "Hours per month"),
        driver_column("utilization", "Utilization", tip=UTILIZATION_TIP),
        driver_column("unit_cost", "Rate", NOT_PURCHASE),
        driver_column("accelerators", "Accelerators"),
        driver_column("unit_cost", "Rate per accelerator-hour", COMPUTE),
        driver_column("fte", "FTE"),
        driver_column("annual_cost", "Annual cost"),
        CURRENCY,
        START,
        END,
        TOTAL,
    ),
    "documentation": (
        NAME,
        ITEM,
        MODEL,
        driver_column("quantity", "Effort (hours)"),
        driver_column("unit_cost", "Rate per hour"),
        CURRENCY,
        START,
        END,
        TOTAL,
    ),
    "support": (
        NAME,
        ITEM,
        MODEL,
        driver_column("quantity", "Quantity"),
        driver_column("unit_cost", "Unit cost"),
        driver_column("period", "Period"),
        driver_column("fte", "FTE"),
        driver_column("annual_cost", "Annual cost"),
        CURRENCY,
        START,
        END,
        TOTAL,
    ),
}

CATEGORY_COLUMNS: dict[str, tuple[ColumnSpec, ...]] = {
    category: _table_order((*columns, LOW, HIGH)) for category, columns in _CATEGORY_COLUMNS.items()
}
"""Each category's table columns, in the order shown."""

DEFAULT_MODEL: dict[str, CostModel] = {
    "computing": M.USAGE,
    "human": M.STAFF,
    "data": M.ONE_TIME,
    "software": M.RECURRING,
    "infrastructure": M.RECURRING,
    "time": M.USAGE,
    "documentation": M.SPREAD,
    "support": M.RECURRING,
}


def detail_fields(category: str, line: Line) -> tuple[ColumnSpec, ...]:
    """Every field of the line for its detail form: the table's titles where it has one.

    All of the line's drivers appear, even those the category's table leaves out (a
    staff line under Computing still shows its FTE).
    """
    columns = CATEGORY_COLUMNS[category]
    drivers: list[ColumnSpec] = []
    model = CostModel(line.cost_model)
    offered = {s.key for s in ENERGY}  # energy drivers can be added from the form
    present = tuple(s for s in optional_specs(model) if s.key in line.drivers or s.key in offered)
    for spec in DRIVERS[model] + present:
        titled = next(
            (
                c
                for c in columns
                if c.field == "driver" and c.driver == spec.key and c.applies_to(line)
            ),
            None,
        )
        if spec.key in line.drivers:
            drivers.append(titled or driver_column(spec.key, spec.label))
        else:
            drivers.append(fillable_column(spec.key, titled.title if titled else spec.label))
    catalogue = next(
        (c for c in columns if c.kind is FieldKind.CATALOGUE), catalogue_column("Catalogue price")
    )
    return (
        NAME,
        ITEM,
        MODEL,
        catalogue,
        CURRENCY,
        *drivers,
        START,
        END,
        PHASE,
        FOLLOWS,
        VENDOR,
        LOW,
        HIGH,
        NOTES,
    )
