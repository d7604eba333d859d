"""What every section of a pack reads: the plan, the engine's figures and the rules of
the pack (paper, redaction, date generated).

The figures come from one :class:`~app.engine.budget.Budget`, so every amount a
section prints is the engine's, to the cent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Any

from app.domain.money import format_display, share
from app.domain.plan import CapexView, CatalogueEntry, CostModel, Line, PlanSnapshot
from app.domain.price_book import STALE_MONTHS
from app.domain.taxonomy import CATEGORY_KEYS, Taxonomy
from app.engine.budget import Budget, Totals
from app.engine.calendar import days_in_month, month_index
from app.engine.line_costs import line_cost
from app.io.pdf.fonts import SANS_BOLD, width
from app.io.pdf.numbers import money
from app.io.pdf.redaction import REDACTED, Redaction, redaction
from app.io.pdf.styles import CELL_SIZE, UNCERTAIN

PEOPLE_CATEGORY = "human"
_RATED = (CostModel.RECURRING, CostModel.USAGE, CostModel.STAFF, CostModel.VOLUME)


def is_people_cost(line: Line) -> bool:
    """Pay: the ``human`` category, and a staff-model line in any category."""
    return line.category == PEOPLE_CATEGORY or line.cost_model == CostModel.STAFF


@dataclass(frozen=True)
class Page:
    """The printable area of the paper chosen."""

    size: tuple[float, float]
    margin_x: float = 36.0
    margin_top: float = 58.0
    margin_bottom: float = 52.0

    @property
    def frame_width(self) -> float:
        return self.size[0] - 2 * self.margin_x

    @property
    def frame_height(self) -> float:
        return self.size[1] - self.margin_top - self.margin_bottom


@dataclass
class Pack:
    """One pack being written."""

    snapshot: PlanSnapshot
    catalogue: Mapping[str, CatalogueEntry]
    taxonomy: Taxonomy
    page: Page
    generated: date
    redact: bool = False
    comparison: Mapping[str, Any] | None = None
    """The ``compare`` object against a baseline, for the comparison page (or None)."""
    stale_months: int = STALE_MONTHS
    """A copied price this many months old at ``generated`` is marked stale."""
    budget: Budget = field(init=False)
    totals: Totals = field(init=False)

    def __post_init__(self) -> None:
        self.budget = Budget(self.snapshot.plan, self.snapshot.lines)
        self.totals = self.budget.totals()

    @property
    def plan_name(self) -> str:
        return self.snapshot.plan.name

    @property
    def currency(self) -> str:
        return self.snapshot.plan.currency

    def money(self, amount: int) -> str:
        return money(amount, self.budget.digits)

    def with_code(self, amount: int) -> str:
        return format_display(amount, self.budget.digits, self.currency)

    def amount_room(self, minimum: float, *extra: int) -> float:
        """A width for an amount column (padding included) that holds the plan's largest
        figure and its most negative one, in bold: an amount is never broken or cut."""
        totals = self.totals
        figures = [
            totals.total,
            totals.subtotal,
            *totals.by_category.values(),
            *totals.by_section.values(),
            *totals.by_phase.values(),
            *(cost.total for cost in self.budget.cells.values()),
            *extra,
        ]
        widest = max(
            width(self.money(f), CELL_SIZE, SANS_BOLD) for f in (max(figures), min(figures))
        )
        return max(minimum, widest + 8)

    @cached_property
    def redaction(self) -> Redaction:
        """What may be printed of pay; everything when the pack is not redacted."""
        if not self.redact:
            return Redaction(self.totals, 0, True, True, True)
        people = {ln.id for ln in self.snapshot.lines if is_people_cost(ln) and ln.id is not None}
        return redaction(self.budget, self.snapshot.lines, people)

    @property
    def shown(self) -> Totals:
        """The totals of the lines shown whole: all of them unless pay is withheld."""
        return self.redaction.open

    def headline(self, amount: int, code: bool = False) -> str:
        """A figure holding every people cost (the subtotal, the total, the pool):
        "redacted" when it would be one person's pay."""
        if not self.redaction.pool_safe:
            return REDACTED
        return self.with_code(amount) if code else self.money(amount)

    def share(self, amount: int) -> str:
        """``amount`` as a share of the subtotal; blank when the subtotal is redacted
        (a share would let a reader work it out)."""
        return share(amount, self.totals.subtotal) if self.redaction.pool_safe else ""

    def label(self, category: str, section: str | None = None, item: str | None = None) -> str:
        return self.taxonomy.label(category, section, item)

    def withheld(self, line: Line) -> bool:
        """True when this pack must not show the line's own figures."""
        return self.redact and is_people_cost(line)

    def uncertain(self, line: Line) -> bool:
        entry = self.catalogue.get(line.catalogue_ref or "")
        return entry is not None and entry.uncertain

    def flag(self, line: Line) -> str:
        """The uncertain-price mark to set after a line's figures, if it needs one."""
        return f" {UNCERTAIN}" if self.uncertain(line) else ""

    def total_of(self, line: Line) -> int:
        assert line.id is not None
        return self.budget.line_total(line.id)

    @cached_property
    def lines_by_category(self) -> Mapping[str, Sequence[Line]]:
        """Each category's lines in the taxonomy's section order, then the planner's order."""
        out: dict[str, list[Line]] = {c: [] for c in CATEGORY_KEYS}
        for line in self.snapshot.lines:
            out[line.category].append(line)
        for key, lines in out.items():
            order = {s.key: i for i, s in enumerate(self.taxonomy.category(key).sections)}
            lines.sort(key=lambda ln: (order.get(ln.section, len(order)), ln.position))
        return out

    def monthly_rate(self, line: Line) -> int | None:
        """The cost of one full month while the line runs (volume: its first month);
        ``None`` for one-off and spread costs, which have no monthly rate."""
        model = CostModel(line.cost_model)
        plan = self.snapshot.plan
        if model in _RATED:
            first = line.start.replace(day=1)
            last = first.replace(day=days_in_month(month_index(first)))
            full = replace(line, start=first, end=last)
            return line_cost(
                full, self.budget.digits, plan.capex_view, self.budget.fx(line)
            ).amounts[0]
        if model is CostModel.PURCHASE and plan.capex_view is CapexView.AMORTIZED:
            assert line.id is not None
            return self.budget.cells[line.id].amounts[0]
        return None
