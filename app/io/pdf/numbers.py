"""Figures as the pack prints them: grouped amounts, exact shares, dates and drivers.

Amounts are the engine's integers in minor units, printed with the currency's
minor digits and thousands separators; nothing here rounds a total again.
"""

from __future__ import annotations

from datetime import date

from app.domain.money import grouped
from app.domain.plan import CostModel, Line
from app.engine.compute import compute_text

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


money = grouped  # ``134720227`` (USD) → ``"1,347,202.27"``; JPY ``1347202`` → ``"1,347,202"``


def day(value: date) -> str:
    return value.isoformat()


def month_short(index: int) -> str:
    """A month index as ``"Jan 27"``, short enough for a chart axis."""
    return f"{MONTHS[index % 12]} {index // 12 % 100:02d}"


def span(start: date, end: date) -> str:
    return f"{day(start)} – {day(end)}"


def driver_text(line: Line) -> str:
    """A line's drivers in a planner's shorthand, each value exactly as entered; a line
    priced in another currency than the plan's says which (its prices are in it)."""
    text = _drivers(line)
    return f"{text} ({line.currency})" if line.currency else text


def _drivers(line: Line) -> str:
    d = line.drivers
    model = CostModel(line.cost_model)
    if model is CostModel.USAGE:
        return (
            f"{d['quantity']} × {d['hours_per_month']} h/month × {d['utilization']} used"
            f" × {d['unit_cost']}/h"
        )
    if model is CostModel.STAFF:
        return f"{d['fte']} FTE × {d['annual_cost']}/year + {d['overhead_pct']} % overhead"
    if model is CostModel.RECURRING:
        return f"{d['quantity']} × {d['unit_cost']}/{d['period']}"
    if model is CostModel.VOLUME:
        return f"{d['volume']} units + {d['growth_per_month']}/month × {d['unit_cost']}/unit-month"
    if model is CostModel.PURCHASE:
        return f"{d['quantity']} × {d['unit_cost']}, {d['useful_life_months']}-month life"
    if model in (CostModel.TRAINING_RUN, CostModel.SERVING):
        return compute_text(model, d)
    return f"{d['quantity']} × {d['unit_cost']}"
