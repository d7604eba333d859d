"""What editing a compute-sized line does beyond its one field.

Picking an accelerator for a training run or serving line fills its peak TFLOPS and
power as well as the hourly rate (and keeps the line's cost model); a run's end
follows its compute unless the planner fixes the dates, which typing an end does.
"""

from __future__ import annotations

from dataclasses import replace

from app.domain.plan import CatalogueEntry, CostModel, Line
from app.engine.compute import follow_compute
from app.io.compute_catalogue import AcceleratorSpec, accelerator_spec

COMPUTE_MODELS = (CostModel.TRAINING_RUN, CostModel.SERVING)

COMPUTE_DEFAULTS: dict[str, str] = {
    "parameters": "7000000000",
    "tokens": "140000000000",
    "accelerators": "8",
    "tokens_per_month": "1000000000",
    "tokens_per_second": "1000",
}
"""Neutral starting values of the drivers a compute line must have."""


def keeps_model(line: Line, entry: CatalogueEntry) -> bool:
    """An hourly accelerator price priced into a compute line keeps it a compute line."""
    return line.cost_model in COMPUTE_MODELS and accelerator_of(entry) is not None


def accelerator_drivers(
    line: Line, entry: CatalogueEntry, precision: str | None = None
) -> dict[str, str]:
    """The drivers an accelerator pick fills besides the rate: peak TFLOPS and power.

    Only what the catalogue gives: a part without the precision's peak (a T4 has FP16
    only) or without published power (Trainium) leaves those drivers as they were.
    """
    spec = accelerator_of(entry, precision)
    if spec is None or line.cost_model not in COMPUTE_MODELS:
        return {}
    found: dict[str, str] = {}
    if (
        line.cost_model == CostModel.TRAINING_RUN
        and "tokens_per_second" not in line.drivers
        and spec.peak_tflops is not None
    ):
        found["peak_tflops"] = spec.peak_tflops
    if spec.power_watts is not None:
        found["power_watts"] = spec.power_watts
    return found


def accelerator_of(entry: CatalogueEntry, precision: str | None = None) -> AcceleratorSpec | None:
    """An hourly-priced catalogue accelerator's spec at ``precision`` (its first if None)."""
    fields = {
        "key": entry.key,
        "kind": entry.kind,
        "name": entry.name,
        "unit": entry.unit,
        "price": entry.price,
        "currency": entry.currency,
        "source": entry.source,
        "specs": dict(entry.specs),
    }
    spec = accelerator_spec(fields, precision)
    return spec if spec is not None and spec.hourly_rate is not None else None


def after_edit(old: Line, new: Line, dates_typed: bool) -> Line:
    """The edited line with a run's end following its compute, or fixed once typed."""
    if new.cost_model != CostModel.TRAINING_RUN:
        return replace(new, dates_fixed=False) if new.dates_fixed else new
    if dates_typed and not new.dates_from_phase:
        return replace(new, dates_fixed=True)
    if old.cost_model != CostModel.TRAINING_RUN:
        new = replace(new, dates_fixed=False)
    return follow_compute(new)
