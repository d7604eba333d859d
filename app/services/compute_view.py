"""What the window shows beside a compute-sized line: the chain from model and data to
cost, energy and CO₂, and serving's fleet month by month against an API.

Qt-free and exact: figures come from the engine and are rounded only for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from app.domain.money import format_display, round_half_up
from app.domain.plan import CapexView, CatalogueEntry, CostModel, Line
from app.engine.budget import Budget
from app.engine.calendar import active_days, days_in_month, month_index, month_label
from app.engine.compute import (
    accelerator_hours,
    compute_days,
    energy,
    round_places,
    serving_accelerators,
    window_too_short,
)
from app.engine.line_costs import line_cost

COMPUTE_OPTIMAL = Fraction(20)  # tokens per parameter (Hoffmann et al. 2022, "Chinchilla")


@dataclass(frozen=True)
class Step:
    """One link of the chain: what it is, and its figure as the planner reads it."""

    label: str
    value: str
    note: str = ""


def _n(value: Fraction | Decimal | int, places: int = 2) -> str:
    if isinstance(value, Fraction):
        value = round_places(value, places)
    return f"{value:,}"


def _flops(value: Fraction) -> str:
    return f"{float(value):.3g} FLOPs"


def energy_steps(line: Line) -> list[Step]:
    """Energy and CO₂ of a line with power (none without)."""
    if "power_watts" not in line.drivers:
        return []
    kwh, co2 = energy(line)
    pue = line.drivers.get("pue", "1")
    grid = line.drivers.get("grid_kgco2_per_kwh", "0")
    return [
        Step("Energy", f"{_n(kwh, 3)} kWh", f"at {line.drivers['power_watts']} W, PUE {pue}"),
        Step("CO₂", f"{_n(co2, 3)} kg", f"at {grid} kg per kWh"),
    ]


def training_chain(line: Line, budget: Budget | None, currency: str) -> list[Step]:
    """parameters and tokens → FLOPs → accelerator-hours → wall-clock days → cost, energy, CO₂."""
    d = line.drivers
    params, tokens = Fraction(d["parameters"]), Fraction(d["tokens"])
    hours = Fraction(*accelerator_hours(d))
    accelerators = Fraction(d["accelerators"])
    steps = [Step("Model and data", f"{_n(params, 0)} parameters × {_n(tokens, 0)} tokens")]
    goodput = f" × {d['goodput']} goodput" if "goodput" in d else ""
    if "tokens_per_second" in d:
        how = f"{d['tokens_per_second']} tokens/s per accelerator{goodput}"
    else:
        flops = Fraction(d.get("flops_per_token", "6")) * params * tokens
        steps.append(
            Step("Compute", _flops(flops), f"{d.get('flops_per_token', '6')} per parameter-token")
        )
        how = f"{d['peak_tflops']} TFLOPS × {d['mfu']} MFU{goodput}"
    steps.append(Step("Accelerator-hours", _n(hours), how))
    days = hours / accelerators / 24
    window = (line.end - line.start).days + 1
    dates = "the dates are fixed" if line.dates_fixed else "the end follows the compute"
    note = f"on {d['accelerators']} accelerators; {window} days booked, {dates}"
    if window_too_short(line):
        note += f" — too short: the run needs {compute_days(d)} days"
    steps.append(Step("Wall-clock days", _n(days), note))
    if budget is not None and line.id in budget.cells:
        total = budget.cells[line.id].total
        steps.append(Step("Cost", format_display(total, budget.digits, currency)))
    steps += energy_steps(line)
    ratio = tokens / params
    ratio_note = ""
    if ratio < COMPUTE_OPTIMAL / 2 or ratio > COMPUTE_OPTIMAL * 2:
        side = "fewer" if ratio < COMPUTE_OPTIMAL else "more"
        ratio_note = (
            f"far from compute-optimal (about 20): {side} tokens than a compute-optimal run"
            " of this size would use"
        )
    steps.append(Step("Tokens per parameter", _n(ratio), ratio_note))
    return steps


@dataclass(frozen=True)
class ServingMonth:
    month: str
    demand: Fraction
    accelerators: int
    self_hosted: int  # minor units, the engine's cell
    api: int  # minor units, rounded half-up


@dataclass(frozen=True)
class ServingView:
    months: tuple[ServingMonth, ...]
    self_hosted_total: int
    api_total: int
    crossover: str | None  # first month from which self-hosting stays no dearer


def serving_view(
    line: Line, digits: int, api_price_per_million: Decimal, fx: tuple[int, int] = (1, 1)
) -> ServingView:
    """Serving's demand, accelerators and cost each month beside the same demand via an API.

    A month the line covers only in part counts that share of its demand, as the
    self-hosted cost counts only its active days.
    """
    d = line.drivers
    first = month_index(line.start)
    days = active_days(line.start, line.end)
    counts = serving_accelerators(d, first, len(days))
    cost = line_cost(line, digits, CapexView.CASH, fx)
    price = Fraction(api_price_per_million)
    tpm, growth = Fraction(d["tokens_per_month"]), Fraction(d["growth_per_month"])
    months = []
    for k, (count, active) in enumerate(zip(counts, days, strict=True)):
        demand = (tpm + growth * k) * Fraction(active, days_in_month(first + k))
        api = demand * price / 10**6 * 10**digits
        months.append(
            ServingMonth(
                month_label(first + k),
                demand,
                count,
                cost.amounts[k],
                round_half_up(api.numerator, api.denominator),
            )
        )
    crossover = None
    for month in reversed(months):
        if month.self_hosted > month.api:
            break
        crossover = month.month
    return ServingView(
        tuple(months),
        sum(m.self_hosted for m in months),
        sum(m.api for m in months),
        crossover,
    )


def token_prices(catalogue: dict[str, CatalogueEntry] | None) -> list[CatalogueEntry]:
    """The catalogue's API token prices (per million tokens) to compare serving against."""
    entries = list((catalogue or {}).values())
    return [e for e in entries if e.kind == "llm_tokens"]


def is_compute(line: Line) -> bool:
    return line.cost_model in (CostModel.TRAINING_RUN, CostModel.SERVING)


def energy_text(budget: Budget, category: str | None = None) -> str:
    """ "Energy 7,984.020 kWh · CO₂ 3,097.800 kg" of the plan or a category; "" with none."""
    kwh = budget.energy_kwh(category)
    if not kwh:
        return ""
    co2 = budget.co2_kg(category)
    return f"Energy {_n(kwh, 3)} kWh · CO₂ {_n(co2, 3)} kg"


def short_window_text(budget: Budget) -> str:
    """A note on training runs whose fixed dates are too short for their compute."""
    count = len(budget.short_windows)
    if not count:
        return ""
    runs = "training run's" if count == 1 else "training runs'"
    return f"{count} {runs} fixed dates are shorter than the compute needs."
