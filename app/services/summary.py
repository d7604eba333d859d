"""A plan's totals as DESIGN.md's ``summary --json`` object, and as text for people."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.domain.money import format_amount, share, to_minor
from app.domain.plan import PlanSnapshot
from app.domain.taxonomy import CATEGORY_KEYS, Taxonomy
from app.engine.budget import Budget
from app.engine.calendar import month_label
from app.engine.compute import round_places
from app.services.line_fields import counted


def plan_summary(snapshot: PlanSnapshot, budget: Budget | None = None) -> dict[str, Any]:
    """``plan, currency, lines, subtotal, contingency, total, by_category, by_month``,
    ``energy_kwh`` and ``co2_kg`` (exact sums, reported half-up to 0.001)."""
    budget = budget or Budget(snapshot.plan, snapshot.lines)
    totals = budget.totals()
    digits = budget.digits
    first, last = budget.month_range()
    return {
        "plan": snapshot.plan.name,
        "currency": snapshot.plan.currency,
        "lines": len(snapshot.lines),
        "subtotal": format_amount(totals.subtotal, digits),
        "contingency": format_amount(totals.contingency, digits),
        "total": format_amount(totals.total, digits),
        "by_category": {c: format_amount(totals.by_category[c], digits) for c in CATEGORY_KEYS},
        "by_month": {
            month_label(m): format_amount(totals.by_month.get(m, 0), digits)
            for m in range(first, last + 1)
        },
        "energy_kwh": str(round_places(budget.energy_kwh())),
        "co2_kg": str(round_places(budget.co2_kg())),
    }


def summary_text(summary: dict[str, Any], taxonomy: Taxonomy) -> str:
    """The summary as a short report for a terminal: categories with their shares, totals."""
    subtotal = Decimal(summary["subtotal"])

    def share_of(text: str) -> str:
        # exact: no currency has more than four minor digits ("–" for a zero subtotal)
        return share(to_minor(Decimal(text), 4), to_minor(subtotal, 4)).rjust(7)

    rows = [
        (taxonomy.label(c), f"{Decimal(v):,}", share_of(v))
        for c, v in summary["by_category"].items()
    ]
    rows += [
        ("Subtotal", f"{subtotal:,}", ""),
        ("Contingency", f"{Decimal(summary['contingency']):,}", ""),
        ("Total", f"{Decimal(summary['total']):,}", ""),
    ]
    width = max(len(r[0]) for r in rows)
    amount_width = max(len(r[1]) for r in rows)
    rule = "-" * (width + amount_width + 10)
    out = [
        f"{summary['plan']}: {counted(int(summary['lines']), 'line')}, amounts in {summary['currency']}",
        "",
    ]
    for index, (label, amount, part) in enumerate(rows):
        if index in (len(CATEGORY_KEYS), len(rows) - 1):
            out.append(rule)
        out.append(f"{label:<{width}}  {amount:>{amount_width}}  {part}".rstrip())
    return "\n".join(out)
