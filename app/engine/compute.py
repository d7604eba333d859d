"""The arithmetic of compute-sized lines and of energy, as DESIGN.md fixes it.

Exact throughout: driver texts become integer ratios (numerator, denominator);
nothing is rounded here. ``line_costs`` rounds money; reports round energy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from app.domain.cost_models import all_specs
from app.domain.money import ratio
from app.domain.plan import CostModel, Line
from app.engine.calendar import active_days, days_in_month, month_index, month_lengths

Ratio = tuple[int, int]
SECONDS_PER_DAY = 86_400
ENERGY_MODELS = (CostModel.USAGE, CostModel.TRAINING_RUN, CostModel.SERVING)


@lru_cache(maxsize=8192)
def _ratio(text: str) -> Ratio:
    return ratio(Decimal(text))


@lru_cache(maxsize=64)
def _defaults(model: CostModel) -> dict[str, str]:
    return {s.key: s.default for s in all_specs(model) if s.default is not None}


def driver(model: CostModel, drivers: Mapping[str, str], key: str) -> Ratio:
    """A driver as an exact ratio, its default standing in when it is left out."""
    text = drivers.get(key)
    if text is None:
        text = _defaults(model)[key]
    return _ratio(text)


def accelerator_hours(drivers: Mapping[str, str]) -> Ratio:
    """A training run's accelerator-hours, exact.

    flops_per_token × parameters × tokens ÷ (peak_tflops × 10¹² × mfu × goodput × 3600),
    or, measured by throughput, tokens ÷ (tokens_per_second × goodput × 3600).
    """
    get = drivers.get
    return _hours(
        drivers["tokens"],
        get("goodput", "1"),
        get("tokens_per_second"),
        get("flops_per_token", "6"),
        drivers["parameters"],
        get("peak_tflops"),
        get("mfu"),
    )


@lru_cache(maxsize=8192)
def _hours(
    tokens: str,
    goodput: str,
    tps: str | None,
    fpt: str,
    parameters: str,
    peak: str | None,
    mfu: str | None,
) -> Ratio:
    dn, dd = _ratio(tokens)
    gn, gd = _ratio(goodput)
    if tps is not None:
        sn, sd = _ratio(tps)
        return dn * sd * gd, dd * sn * gn * 3600
    assert peak is not None and mfu is not None  # validation holds a run to one way
    fn, fd = _ratio(fpt)
    pn, pd = _ratio(parameters)
    tn, td = _ratio(peak)
    mn, md = _ratio(mfu)
    return fn * pn * dn * td * md * gd, fd * pd * dd * tn * 10**12 * mn * gn * 3600


def compute_days(drivers: Mapping[str, str]) -> int:
    """Whole days of wall clock the run needs on its accelerators (at least one)."""
    hn, hd = accelerator_hours(drivers)
    an, ad = _ratio(drivers["accelerators"])
    days = -(-(hn * ad) // (hd * an * 24))
    return max(1, days)


def compute_end(start: date, drivers: Mapping[str, str]) -> date:
    """end = start + ⌈accelerator_hours ÷ accelerators ÷ 24⌉ − 1 days."""
    return start + timedelta(days=compute_days(drivers) - 1)


def window_too_short(line: Line) -> bool:
    """A training run whose dates give it fewer accelerator-hours than its compute needs."""
    if line.cost_model != CostModel.TRAINING_RUN:
        return False
    hn, hd = accelerator_hours(line.drivers)
    an, ad = _ratio(line.drivers["accelerators"])
    days = (line.end - line.start).days + 1
    return days * 24 * an * hd < hn * ad


def follow_compute(line: Line) -> Line:
    """The line with its end moved to where its compute puts it, unless its dates are fixed."""
    if line.cost_model != CostModel.TRAINING_RUN or line.dates_fixed or line.dates_from_phase:
        return line
    end = compute_end(line.start, line.drivers)
    return line if end == line.end else replace(line, end=end)


def demand(drivers: Mapping[str, str], k: int) -> Ratio:
    """Serving demand (tokens) in the month ``k`` months after the start month."""
    vn, vd = _ratio(drivers["tokens_per_month"])
    gn, gd = _ratio(drivers["growth_per_month"])
    return vn * gd + gn * vd * k, vd * gd


def serving_accelerators(drivers: Mapping[str, str], first: int, months: int) -> list[int]:
    """Accelerators in each of ``months`` calendar months from month index ``first``.

    max(min_accelerators, ⌈demand × peak_to_average ÷ (tokens_per_second × 86,400 × days)⌉)
    """
    key = (
        drivers["tokens_per_month"],
        drivers["growth_per_month"],
        drivers.get("peak_to_average", "1"),
        drivers["tokens_per_second"],
        drivers.get("min_accelerators", "0"),
    )
    return list(_accelerators(key, first, months))


@lru_cache(maxsize=4096)
def _accelerators(key: tuple[str, str, str, str, str], first: int, months: int) -> tuple[int, ...]:
    (vn, vd), (gn, gd), (pn, pd), (sn, sd), (mn, md) = (_ratio(text) for text in key)
    floor = mn // md
    # demand_k × peak ÷ (tps × 86,400 × days) = (base + step × k) ÷ (unit × days)
    base, step = vn * gd * pn * sd, gn * vd * pn * sd
    unit = vd * gd * pd * sn * SECONDS_PER_DAY
    out = []
    for k, dim in enumerate(month_lengths(first, first + months)):
        need = -(-(base + step * k) // (unit * dim))
        out.append(need if need > floor else floor)
    return tuple(out)


def unit_hours(line: Line) -> Fraction:
    """The line's unit-hours over its dates (accelerator-hours for compute lines), exact."""
    model = CostModel(line.cost_model)
    days = active_days(line.start, line.end)
    if model is CostModel.TRAINING_RUN:
        return Fraction(*accelerator_hours(line.drivers))
    if model is CostModel.SERVING:
        first = month_index(line.start)
        counts = serving_accelerators(line.drivers, first, len(days))
        return Fraction(sum(24 * a * d for a, d in zip(counts, days, strict=True)))
    if model is CostModel.USAGE:
        first = month_index(line.start)
        share = sum(Fraction(d, days_in_month(first + k)) for k, d in enumerate(days))
        q = Fraction(line.drivers["quantity"])
        h = Fraction(line.drivers["hours_per_month"])
        u = Fraction(line.drivers["utilization"])
        return q * h * u * share
    return Fraction(0)


@lru_cache(maxsize=4096)
def _energy_factors(power: str, pue: str, grid: str) -> tuple[Fraction, Fraction]:
    kw = Fraction(power) / 1000 * Fraction(pue)
    return kw, Fraction(grid)


def energy(line: Line) -> tuple[Fraction, Fraction]:
    """The line's energy in kWh and CO₂ in kg, exact; zero without ``power_watts``."""
    if line.cost_model not in ENERGY_MODELS or "power_watts" not in line.drivers:
        return Fraction(0), Fraction(0)
    d = line.drivers
    kw, grid = _energy_factors(
        d["power_watts"], d.get("pue", "1"), d.get("grid_kgco2_per_kwh", "0")
    )
    kwh = unit_hours(line) * kw
    return kwh, kwh * grid


def round_places(value: Fraction, places: int = 3) -> Decimal:
    """A reported figure, half-up to ``places`` decimals (energy and CO₂: 0.001)."""
    scaled = value * 10**places
    whole = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    return Decimal(whole).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def compute_text(model: CostModel, d: Mapping[str, str]) -> str:
    """A compute line's drivers in a planner's shorthand, each value exactly as entered."""
    if model is CostModel.TRAINING_RUN:
        if "tokens_per_second" in d:
            sized = f"{d['tokens_per_second']} tokens/s per accelerator"
        else:
            sized = f"{d['peak_tflops']} TFLOPS × {d['mfu']} MFU"
        goodput = f" × {d['goodput']} goodput" if "goodput" in d else ""
        return (
            f"{d['parameters']} parameters × {d['tokens']} tokens"
            f" × {d.get('flops_per_token', '6')} FLOPs at {sized}{goodput}"
            f" on {d['accelerators']} accelerators × {d['unit_cost']}/accelerator-hour"
        )
    peak = d.get("peak_to_average", "1")
    return (
        f"{d['tokens_per_month']} tokens/month + {d['growth_per_month']}/month, peak × {peak}"
        f" at {d['tokens_per_second']} tokens/s per accelerator"
        f" (at least {d.get('min_accelerators', '0')}) × {d['unit_cost']}/accelerator-hour"
    )
