"""Two plans (or a plan and one of its baselines) side by side: DESIGN.md's compare.

``delta`` is always b − a. Lines match by origin first (a scenario's line and the line
it was copied from; a plan's line and the same line in its baseline), then by
category, section, item and name, in plan order.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field, fields
from operator import add
from typing import Any

from app.domain.errors import BadInput
from app.domain.fx import line_rate
from app.domain.money import format_amount, minor_digits, ratio, round_half_up
from app.domain.plan import CapexView, Line, PlanSnapshot
from app.domain.taxonomy import CATEGORY_KEYS
from app.engine.calendar import month_index, month_label
from app.engine.line_costs import LineCost, line_cost

# What a line's cells cannot depend on: who it is, where it sits, what it is called.
_IDENTITY = {
    "id", "plan_id", "category", "section", "item", "name", "phase_id", "vendor", "notes",
    "catalogue_ref", "catalogue_price", "catalogue_as_of", "catalogue_currency", "low_estimate",
    "high_estimate",
    "position",
}  # fmt: skip
_COST_FIELDS = [f.name for f in fields(Line) if f.name not in _IDENTITY]


@dataclass(frozen=True)
class Side:
    """One side of a compare: a name, the plan's lines and where its lines came from."""

    name: str
    snapshot: PlanSnapshot
    origins: Mapping[int, int] = field(default_factory=dict)


def _months(cost: LineCost) -> dict[int, int]:
    return {cost.first + i: a for i, a in enumerate(cost.amounts) if a}


def _cost_key(line: Line) -> tuple[Hashable, ...]:
    # drivers in stored order: the same drivers in another order only miss the cache
    return tuple(
        tuple(line.drivers.items()) if name == "drivers" else getattr(line, name)
        for name in _COST_FIELDS
    )


class _Costs:
    """One side's cells and the totals compare shows: the engine's cells summed as
    :class:`~app.engine.budget.Budget` sums them, without the totals compare never shows.

    Lines that cost the same (a scenario's unchanged copies) are worked out once.
    """

    def __init__(self, snapshot: PlanSnapshot, known: dict[tuple[Hashable, ...], LineCost]) -> None:
        plan = snapshot.plan
        digits, view = minor_digits(plan.currency), CapexView(plan.capex_view)
        self.digits = digits
        self.cells: dict[int, LineCost] = {}
        self.by_category: Counter[str] = Counter()
        self.first, self.last = month_index(plan.start), month_index(plan.end)
        for line in snapshot.lines:
            assert line.id is not None
            fx = line_rate(line, plan)
            key = (*_cost_key(line), fx)
            cost = known.get(key)
            if cost is None:
                cost = known[key] = line_cost(line, digits, view, fx)
            self.cells[line.id] = cost
            self.by_category[line.category] += cost.total
            self.first, self.last = min(self.first, cost.first), max(self.last, cost.last)
        # month sums added a line at a time in C (map over slices), not a cell at a time
        self._months = [0] * (self.last - self.first + 1)
        for cost in self.cells.values():
            start, stop = cost.first - self.first, cost.last - self.first + 1
            self._months[start:stop] = map(add, self._months[start:stop], cost.amounts)
        self.subtotal = sum(self.by_category.values())
        num, den = ratio(plan.contingency_pct)
        self.total = self.subtotal + round_half_up(self.subtotal * num, den * 100)

    def month(self, index: int) -> int:
        """The sum of the side's cells in month ``index`` (0 outside its months)."""
        return self._months[index - self.first] if self.first <= index <= self.last else 0


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
    known: dict[tuple[Hashable, ...], LineCost] = {}
    if a.snapshot.plan.capex_view == b.snapshot.plan.capex_view:
        budget_a, budget_b = _Costs(a.snapshot, known), _Costs(b.snapshot, known)
    else:
        budget_a, budget_b = _Costs(a.snapshot, known), _Costs(b.snapshot, {})
    digits = budget_a.digits

    def trio(x: int, y: int) -> dict[str, str]:
        return {
            "a": format_amount(x, digits),
            "b": format_amount(y, digits),
            "delta": format_amount(y - x, digits),
        }

    months = sorted(
        set(range(budget_a.first, budget_a.last + 1))
        | set(range(budget_b.first, budget_b.last + 1))
    )
    added: list[dict[str, str]] = []
    removed: list[dict[str, str]] = []
    changed: list[dict[str, str]] = []
    for line_a, line_b in match_lines(a, b):
        if line_a is None:
            assert line_b is not None and line_b.id is not None
            total = budget_b.cells[line_b.id].total
            added.append(
                {
                    "name": line_b.name,
                    "category": line_b.category,
                    "b": format_amount(total, digits),
                }
            )
        elif line_b is None:
            assert line_a.id is not None
            total = budget_a.cells[line_a.id].total
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
            if cost_a == cost_b or _months(cost_a) == _months(cost_b):
                continue
            changed.append(
                {"name": line_b.name, "category": line_b.category}
                | trio(cost_a.total, cost_b.total)
            )
    return {
        "a": a.name,
        "b": b.name,
        "currency": currency,
        "subtotal": trio(budget_a.subtotal, budget_b.subtotal),
        "total": trio(budget_a.total, budget_b.total),
        "by_category": {
            c: trio(budget_a.by_category[c], budget_b.by_category[c]) for c in CATEGORY_KEYS
        },
        "by_month": {month_label(m): trio(budget_a.month(m), budget_b.month(m)) for m in months},
        "lines": {"added": added, "removed": removed, "changed": changed},
    }
