"""A training run's energy and CO₂ columns as live formulas of its drivers.

kWh = accelerator-hours × power_watts ÷ 1000 × PUE, CO₂ = kWh × grid (DESIGN.md
"Energy and CO₂"), each rounded half-up to 0.001. The export evaluates the formula in
doubles first and keeps it only where it lands on the engine's figure away from a
half unit; otherwise (and for usage and serving, whose unit-hours depend on each
month's share or fleet) the engine's figure is written as a number.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

from app.domain.plan import CostModel, Line
from app.engine.compute import energy, round_places
from app.io.xlsx.compute_formulas import hours_formula
from app.io.xlsx.exact import cell_number

Ref = Callable[[str], str]
SNAP = 1e-9


def energy_cells(line: Line, driver: Ref) -> list[tuple[str, str | None, float]]:
    """(column key, formula or None, value) for ``energy_kwh`` and ``co2_kg``."""
    kwh, co2 = energy(line)
    values = [float(round_places(kwh)), float(round_places(co2))]
    if line.cost_model != CostModel.TRAINING_RUN:
        return [("energy_kwh", None, values[0]), ("co2_kg", None, values[1])]
    pue = f'IF({driver("pue")}="",1,{driver("pue")})'
    grid = f'IF({driver("grid_kgco2_per_kwh")}="",0,{driver("grid_kgco2_per_kwh")})'
    kwh_text = f"{hours_formula(driver)}*{driver('power_watts')}/1000*{pue}"
    floats = _float_energy(line)
    out: list[tuple[str, str | None, float]] = []
    for (key, text), exact, value, approx in zip(
        (("energy_kwh", kwh_text), ("co2_kg", f"{kwh_text}*{grid}")),
        (kwh, co2),
        values,
        floats,
        strict=True,
    ):
        good = _lands(approx * 1000, exact * 1000)
        out.append((key, f"=ROUND({text},3)" if good else None, value))
    return out


def _float_energy(line: Line) -> tuple[float, float]:
    """The formula's kWh and CO₂ as a spreadsheet computes them, in doubles."""
    d = line.drivers

    def n(key: str, default: str) -> float:
        return float(cell_number(d.get(key, default)))

    goodput = n("goodput", "1")
    if "tokens_per_second" in d:
        hours = n("tokens", "0") / (n("tokens_per_second", "1") * goodput * 3600)
    else:
        hours = (
            n("flops_per_token", "6")
            * n("parameters", "0")
            * n("tokens", "0")
            / (n("peak_tflops", "1") * 10.0**12 * n("mfu", "1") * goodput * 3600)
        )
    kwh = hours * n("power_watts", "0") / 1000 * n("pue", "1")
    return kwh, kwh * n("grid_kgco2_per_kwh", "0")


def _lands(scaled: float, exact: Fraction) -> bool:
    """True if ROUND of the double gives the exact value's half-up rounding, safely."""
    whole = (exact.numerator * 2 + exact.denominator) // (2 * exact.denominator)
    off_half = abs(scaled - math.floor(scaled) - 0.5) > SNAP * max(1.0, abs(scaled))
    return off_half and math.floor(scaled + 0.5) == whole
