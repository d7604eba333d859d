"""Changes to a plan's table of fixed exchange rates, each one undoable step.

A rate is set (added or changed) or removed through :class:`EditPlan` on the plan's
``fx_rates``, so undo and redo restore the table exactly; removing a rate a line still
uses is refused, naming the line.
"""

from __future__ import annotations

from app.domain.plan import FxRate, Plan
from app.services.plan_commands import EditPlan


def rates_with(rates: tuple[FxRate, ...], rate: FxRate) -> tuple[FxRate, ...]:
    """The table with ``rate`` added or replacing the one for its currency, in code order."""
    kept = [r for r in rates if r.currency != rate.currency]
    return tuple(sorted([*kept, rate], key=lambda r: r.currency))


def rates_without(rates: tuple[FxRate, ...], currency: str) -> tuple[FxRate, ...]:
    return tuple(r for r in rates if r.currency != currency)


def set_rate(plan: Plan, rate: FxRate) -> EditPlan:
    """Add or change the plan's rate for one currency."""
    assert plan.id is not None
    verb = "Change" if plan.fx_rate(rate.currency) else "Add"
    command = EditPlan(plan.id, fx_rates=rates_with(plan.fx_rates, rate))
    command.label = f"{verb} {rate.currency} rate"
    return command


def remove_rate(plan: Plan, currency: str) -> EditPlan:
    """Drop the plan's rate for one currency (refused while a line is priced in it)."""
    assert plan.id is not None
    command = EditPlan(plan.id, fx_rates=rates_without(plan.fx_rates, currency))
    command.label = f"Remove {currency} rate"
    return command
