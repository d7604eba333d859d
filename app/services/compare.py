"""Two plans (or a plan and one of its baselines) side by side: DESIGN.md's compare.

``delta`` is always b − a. Lines match by origin first (a scenario's line and the line
it was copied from; a plan's line and the same line in its baseline), then by
category, section, item and name, in plan order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain.errors import BadInput
from app.domain.money import format_amount
from app.domain.plan import Line, PlanSnapshot
from app.domain.taxonomy import CATEGORY_KEYS
from app.engine.budget import Budget
from app.engine.calendar import month_label
from app.engine.line_costs import LineCost


@dataclass(frozen=True)
class Side:
    """One side of a compare: a name, the plan's lines and where its lines came from."""

    name: str
    snapshot: PlanSnapshot
    origins: Mapping[int, int] = field(default_factory=dict)


def _months(cost: LineCost) -> dict[int, int]:
    return {cost.first + i: a for i, a in enumerate(cost.amounts) if a}


def match_lines(a: Side, b: Side) -> list[tuple[Line | None, Line | None]]:
    """Pairs (a line, b line); ``None`` on one side for a line added or removed."""
    a_lines = {line.id: line for line in a.snapshot.lines if line.id is not None}
    free = dict(a_lines)
    a_copied_from: dict[int, list[int]] = defaultdict(list)  # origin → a lines copied from it
    for line_id, source in a.origins.items():
        if line_id in a_lines:
            a_copied_from[source].append(line_id)
    pairs: list[tuple[Line | None, Line | None]] = []
    unmatched: list[Line] = []
    for line in b.snapshot.lines:
        origin = b.origins.get(line.id) if line.id is not None else None
        candidates = [line.id, origin, *a_copied_from.get(line.id or 0, ())]
        if origin is not None:
            candidates += a_copied_from.get(origin, ())
        found = next((c for c in candidates if c is not None and c in free), None)
        if found is None:
            unmatched.append(line)
        else:
            pairs.append((free.pop(found), line))
    by_place: dict[tuple[str, str, str, str], list[Line]] = defaultdict(list)
    for line in free.values():
        by_place[(line.category, line.section, line.item, line.name)].append(line)
    for line in unmatched:
        same = by_place.get((line.category, line.section, line.item, line.name))
        if same:
            match = same.pop(0)
            free.pop(match.id or 0, None)
            pairs.append((match, line))
        else:
            pairs.append((None, line))
    pairs += [(line, None) for line in free.values()]
    return pairs


def compare(a: Side, b: Side) -> dict[str, Any]:
    """DESIGN.md's compare object (issue 11): totals, categories, months and lines."""
    currency = a.snapshot.plan.currency
    if b.snapshot.plan.currency != currency:
        raise BadInput(
            f"{b.name!r} is in {b.snapshot.plan.currency} and {a.name!r} in {currency}; "
            "plans in different currencies cannot be compared"
        )
    budget_a = Budget(a.snapshot.plan, a.snapshot.lines)
    budget_b = Budget(b.snapshot.plan, b.snapshot.lines)
    digits = budget_a.digits
    ta, tb = budget_a.totals(), budget_b.totals()

    def trio(x: int, y: int) -> dict[str, str]:
        return {
            "a": format_amount(x, digits),
            "b": format_amount(y, digits),
            "delta": format_amount(y - x, digits),
        }

    (a_first, a_last), (b_first, b_last) = budget_a.month_range(), budget_b.month_range()
    months = sorted(set(range(a_first, a_last + 1)) | set(range(b_first, b_last + 1)))
    added: list[dict[str, str]] = []
    removed: list[dict[str, str]] = []
    changed: list[dict[str, str]] = []
    for line_a, line_b in match_lines(a, b):
        if line_a is None:
            assert line_b is not None and line_b.id is not None
            total = budget_b.line_total(line_b.id)
            added.append(
                {
                    "name": line_b.name,
                    "category": line_b.category,
                    "b": format_amount(total, digits),
                }
            )
        elif line_b is None:
            assert line_a.id is not None
            total = budget_a.line_total(line_a.id)
            removed.append(
                {
                    "name": line_a.name,
                    "category": line_a.category,
                    "a": format_amount(total, digits),
                }
            )
        else:
            assert line_a.id is not None and line_b.id is not None
            cost_a, cost_b = budget_a.cells[line_a.id], budget_b.cells[line_b.id]
            if _months(cost_a) == _months(cost_b):
                continue
            changed.append(
                {"name": line_b.name, "category": line_b.category}
                | trio(cost_a.total, cost_b.total)
            )
    return {
        "a": a.name,
        "b": b.name,
        "currency": currency,
        "subtotal": trio(ta.subtotal, tb.subtotal),
        "total": trio(ta.total, tb.total),
        "by_category": {
            c: trio(ta.by_category.get(c, 0), tb.by_category.get(c, 0)) for c in CATEGORY_KEYS
        },
        "by_month": {
            month_label(m): trio(ta.by_month.get(m, 0), tb.by_month.get(m, 0)) for m in months
        },
        "lines": {"added": added, "removed": removed, "changed": changed},
    }
