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
    positive: bool = False  # above ``minimum``, never equal to it
    default: str | None = None  # what an optional driver stands for when left out


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

# Compute-sized lines (DESIGN.md "Compute-sized lines").
PARAMETERS = DriverSpec("parameters", "Parameters", positive=True)
TOKENS = DriverSpec("tokens", "Training tokens", positive=True)
ACCELERATORS = DriverSpec("accelerators", "Accelerators", minimum=Decimal(1), whole=True)
ACCEL_HOURLY = DriverSpec("unit_cost", "Cost per accelerator-hour", money=True)
FLOPS_PER_TOKEN = DriverSpec(
    "flops_per_token", "FLOPs per parameter-token", positive=True, default="6"
)
PEAK_TFLOPS = DriverSpec("peak_tflops", "Peak dense TFLOPS", positive=True)
MFU = DriverSpec("mfu", "MFU (0–1]", maximum=Decimal(1), positive=True)
GOODPUT = DriverSpec("goodput", "Goodput (0–1]", maximum=Decimal(1), positive=True, default="1")
TOKENS_PER_SECOND = DriverSpec(
    "tokens_per_second", "Tokens per second per accelerator", positive=True
)
DEMAND = DriverSpec("tokens_per_month", "Tokens per month (start month)")
TOKEN_GROWTH = DriverSpec("growth_per_month", "Tokens added each month", minimum=None)
PEAK_TO_AVERAGE = DriverSpec("peak_to_average", "Peak to average", minimum=Decimal(1), default="1")
MIN_ACCELERATORS = DriverSpec("min_accelerators", "Minimum accelerators", whole=True, default="0")

# Energy and CO2 (DESIGN.md "Energy and CO₂"), optional on usage, training_run and serving.
POWER = DriverSpec("power_watts", "Power per unit (W)")
PUE = DriverSpec("pue", "PUE", minimum=Decimal(1), maximum=Decimal(10), default="1")
GRID = DriverSpec("grid_kgco2_per_kwh", "Grid kg CO₂ per kWh", maximum=Decimal(10), default="0")
ENERGY = (POWER, PUE, GRID)

DRIVERS: dict[CostModel, tuple[DriverSpec, ...]] = {
    CostModel.ONE_TIME: (QUANTITY, UNIT_COST),
    CostModel.RECURRING: (QUANTITY, UNIT_COST, PERIOD),
    CostModel.USAGE: (QUANTITY, HOURS, UTILIZATION, HOURLY),
    CostModel.STAFF: (FTE, ANNUAL, OVERHEAD),
    CostModel.VOLUME: (VOLUME, GROWTH, UNIT_MONTH),
    CostModel.SPREAD: (QUANTITY, UNIT_COST),
    CostModel.PURCHASE: (QUANTITY, UNIT_COST, LIFE),
    CostModel.TRAINING_RUN: (PARAMETERS, TOKENS, ACCELERATORS, ACCEL_HOURLY),
    CostModel.SERVING: (DEMAND, TOKEN_GROWTH, TOKENS_PER_SECOND, ACCEL_HOURLY),
}
"""The drivers every line of a model has."""

OPTIONAL: dict[CostModel, tuple[DriverSpec, ...]] = {
    CostModel.USAGE: ENERGY,
    CostModel.TRAINING_RUN: (
        FLOPS_PER_TOKEN,
        PEAK_TFLOPS,
        MFU,
        GOODPUT,
        TOKENS_PER_SECOND,
        *ENERGY,
    ),
    CostModel.SERVING: (PEAK_TO_AVERAGE, MIN_ACCELERATORS, *ENERGY),
}
"""Drivers a line of a model may leave out (their ``default`` stands in, if any).

A training run gives either ``peak_tflops`` and ``mfu`` or a measured
``tokens_per_second``; validation holds it to one of the two.
"""

STARTERS: dict[CostModel, dict[str, str]] = {
    CostModel.TRAINING_RUN: {
        "peak_tflops": "989",
        "mfu": "0.4",
        "power_watts": "0",
        "pue": "1",
        "grid_kgco2_per_kwh": "0",
    },
    CostModel.SERVING: {"power_watts": "0", "pue": "1", "grid_kgco2_per_kwh": "0"},
}
"""Optional drivers a line newly switched to a model starts with: complete, and with its
energy drivers in the form to fill (no power, so no energy, until the planner gives it)."""


def optional_specs(model: CostModel) -> tuple[DriverSpec, ...]:
    return OPTIONAL.get(model, ())


def all_specs(model: CostModel) -> tuple[DriverSpec, ...]:
    """A model's drivers, required first, then optional."""
    return DRIVERS[model] + optional_specs(model)


LABELS: dict[CostModel, str] = {
    CostModel.ONE_TIME: "One-time",
    CostModel.RECURRING: "Recurring",
    CostModel.USAGE: "Usage (hours)",
    CostModel.STAFF: "Staff (FTE)",
    CostModel.VOLUME: "Volume",
    CostModel.SPREAD: "Spread over dates",
    CostModel.PURCHASE: "Purchase (capex)",
    CostModel.TRAINING_RUN: "Training run (compute)",
    CostModel.SERVING: "Serving (demand)",
}


def all_driver_keys() -> tuple[str, ...]:
    """Every driver key of every model, optional ones too, in a stable order (workbook columns)."""
    seen: dict[str, None] = {}
    for model in DRIVERS:
        for spec in all_specs(model):
            seen.setdefault(spec.key, None)
    return tuple(seen)
