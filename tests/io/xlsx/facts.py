"""Comparing plans as a planner sees them: everything but database ids and stamps."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.domain.plan import PlanSnapshot
from app.services.summary import plan_summary


def facts(snapshot: PlanSnapshot) -> dict[str, Any]:
    """The plan, its phases and lines in order, phases named by key instead of id."""
    plan = snapshot.plan
    keys = {p.id: p.key for p in snapshot.phases}
    return {
        "plan": (
            plan.name,
            plan.currency,
            plan.start,
            plan.end,
            plan.description,
            plan.contingency_pct,
            plan.capex_view,
            plan.notes,
        ),
        "phases": [
            (p.key, p.name, p.start, p.end, p.milestone, p.depends_on) for p in snapshot.phases
        ],
        "lines": [
            (
                line.category,
                line.section,
                line.item,
                line.name,
                line.cost_model,
                dict(line.drivers),
                line.start,
                line.end,
                keys.get(line.phase_id),
                line.dates_from_phase,
                line.vendor,
                line.notes,
                line.catalogue_ref,
                line.catalogue_price,
                line.catalogue_as_of,
                line.low_estimate,
                line.high_estimate,
            )
            for line in snapshot.lines
        ],
        "summary": plan_summary(
            replace(
                snapshot, lines=tuple(replace(x, id=i + 1) for i, x in enumerate(snapshot.lines))
            )
        ),
    }
