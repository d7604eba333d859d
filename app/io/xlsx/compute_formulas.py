"""The Monthly sheet's derived cells of compute-sized lines (DESIGN.md "Compute-sized lines").

A training run's "Rate or amount" is its whole cost and "Growth or life" its
accelerator-hours, both live formulas of the drivers on the category sheet. Serving's
rate is the cost of one accelerator for a day. The months themselves are the engine's
numbers: a run's total is shared by largest remainder and serving's accelerators are
rounded up month by month, which a plain formula would not reproduce to the cent.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from app.domain.plan import CostModel, Line
from app.engine.compute import accelerator_hours

Ref = Callable[[str], str]


def _or(driver: Ref, key: str, default: str) -> str:
    ref = driver(key)
    return f'IF({ref}="",{default},{ref})'


def hours_formula(driver: Ref) -> str:
    """Accelerator-hours: by peak and MFU, or by measured tokens per second."""
    goodput = _or(driver, "goodput", "1")
    tokens, tps = driver("tokens"), driver("tokens_per_second")
    by_flops = (
        f"{_or(driver, 'flops_per_token', '6')}*{driver('parameters')}*{tokens}"
        f"/({driver('peak_tflops')}*10^12*{driver('mfu')}*{goodput}*3600)"
    )
    by_throughput = f"{tokens}/({tps}*{goodput}*3600)"
    return f'IF({tps}="",{by_flops},{by_throughput})'


def compute_formulas(model: CostModel, driver: Ref) -> tuple[str, str | None]:
    """The rate and growth-or-life formulas of a training run or serving line."""
    if model is CostModel.TRAINING_RUN:
        hours = hours_formula(driver)
        return f"={hours}*{driver('unit_cost')}", f"={hours}"
    return f"={driver('unit_cost')}*24", None


def compute_values(line: Line) -> tuple[Fraction, Fraction]:
    """The stored values of those cells, exactly as the engine has them."""
    unit = Fraction(line.drivers["unit_cost"])
    if line.cost_model == CostModel.TRAINING_RUN:
        hours = Fraction(*accelerator_hours(line.drivers))
        return hours * unit, hours
    return unit * 24, Fraction(0)
