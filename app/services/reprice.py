"""Lines whose copied catalogue price differs from the current price book, and the
reprice that brings them up to date as one undoable step.

A line keeps its own copy of a catalogue price (key, price, currency, date), so a new
price book never changes a budget silently. Prices are compared in the entry's own
currency; a line whose entry now has another currency is listed but not repriced (pick
the price again, with a rate). The totals come from the engine, in the plan's currency.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection

from app.domain.errors import InvalidValue
from app.domain.money import ratio, round_half_up
from app.domain.plan import CatalogueEntry, Line, Plan, PlanSnapshot
from app.domain.taxonomy import standard_taxonomy
from app.domain.validation import check_line
from app.engine.budget import Budget
from app.services.changes import RowChange
from app.services.command import Command, touch
from app.store import repository


@dataclass(frozen=True)
class PriceChange:
    """One line whose copied price is not the price book's price any more.

    Amounts are minor units of the plan's currency; ``new_line_total`` is None when
    the line cannot be repriced (``note`` says why).
    """

    line_id: int
    line: str
    key: str
    old_price: str
    old_as_of: date | None
    old_currency: str
    new_price: str
    new_as_of: date
    new_currency: str
    old_line_total: int
    new_line_total: int | None
    plan_change: int
    """How much this line's reprice alone moves the plan's total (contingency included)."""
    note: str = ""

    @property
    def repriceable(self) -> bool:
        return self.new_line_total is not None

    @property
    def line_change(self) -> int:
        return 0 if self.new_line_total is None else self.new_line_total - self.old_line_total


@dataclass(frozen=True)
class RepricePreview:
    """What a reprice would do to a plan: each line, and the plan's totals before and after."""

    plan: Plan
    changes: tuple[PriceChange, ...]
    old_total: int
    new_total: int

    @property
    def total_change(self) -> int:
        return self.new_total - self.old_total

    @property
    def repriceable(self) -> tuple[PriceChange, ...]:
        return tuple(c for c in self.changes if c.repriceable)


def _differs(line: Line, entry: CatalogueEntry, plan: Plan) -> bool:
    """The price, its currency or its date is not the price book's.

    The same price at a newer date counts: repricing it confirms the figure (the line's
    copy is no longer stale), and its totals do not move.
    """
    old_currency = line.catalogue_currency or plan.currency
    if old_currency != entry.currency or line.catalogue_price is None:
        return True
    if Decimal(line.catalogue_price) != Decimal(entry.price):
        return True
    return line.catalogue_as_of != entry.as_of


def _why_not(line: Line, entry: CatalogueEntry, plan: Plan) -> str:
    """Why the line cannot take the entry's price ("" when it can)."""
    old_currency = line.catalogue_currency or plan.currency
    if entry.currency != old_currency:
        return f"now priced in {entry.currency} (copied in {old_currency}): pick it again"
    if entry.driver not in line.drivers:
        return f"the entry prices {entry.driver}, which this {line.cost_model} line lacks"
    return ""


def repriced(line: Line, entry: CatalogueEntry) -> Line:
    """The line at the entry's price and date (checked first with :func:`_why_not`)."""
    return replace(
        line,
        drivers={**line.drivers, entry.driver: entry.price},
        catalogue_price=entry.price,
        catalogue_as_of=entry.as_of,
        catalogue_currency=entry.currency,
    )


def stale_lines(
    snapshot: PlanSnapshot,
    catalogue: Sequence[CatalogueEntry],
    keys: Collection[str] | None = None,
) -> list[tuple[Line, CatalogueEntry, str]]:
    """Each line whose copied price differs: the line, its entry, and why it cannot be
    repriced ("" when it can). ``keys`` keeps only lines priced from those entries."""
    entries = {e.key: e for e in catalogue}
    plan = snapshot.plan
    out: list[tuple[Line, CatalogueEntry, str]] = []
    for line in snapshot.lines:
        entry = entries.get(line.catalogue_ref or "")
        if entry is None or (keys is not None and entry.key not in keys):
            continue
        if _differs(line, entry, plan):
            out.append((line, entry, _why_not(line, entry, plan)))
    return out


def _moves(line: Line, entry: CatalogueEntry) -> bool:
    """The reprice changes the line's driver (not only the copied date)."""
    return line.drivers.get(entry.driver) != entry.price


def preview(
    snapshot: PlanSnapshot,
    catalogue: Sequence[CatalogueEntry],
    keys: Collection[str] | None = None,
    budget: Budget | None = None,
) -> RepricePreview:
    """The reprice worked out with the engine, nothing stored.

    ``budget``: the plan's, if the caller already has it current (the window); it is
    left as it was. Only lines whose drivers move are recomputed: a price confirmed at
    a newer date keeps its line's total.
    """
    found = stale_lines(snapshot, catalogue, keys)
    own = budget is None
    budget = Budget(snapshot.plan, snapshot.lines) if budget is None else budget
    plan = snapshot.plan
    old_total, subtotal = budget.total, budget.subtotal
    old_totals = {line.id: budget.line_total(line.id) for line, _, _ in found if line.id}
    moved = [(line, repriced(line, e)) for line, e, why in found if not why and _moves(line, e)]
    budget.update(changed=[new for _, new in moved])
    try:
        new_total = budget.total
        new_totals = {new.id: budget.line_total(new.id) for _, new in moved if new.id}
    finally:
        if not own:
            budget.update(changed=[old for old, _ in moved])
    changes = []
    for line, entry, why in found:
        assert line.id is not None
        before = old_totals[line.id]
        after = None if why else new_totals.get(line.id, before)
        delta = 0 if after is None else after - before
        changes.append(
            PriceChange(
                line_id=line.id,
                line=line.name,
                key=entry.key,
                old_price=line.catalogue_price or "",
                old_as_of=line.catalogue_as_of,
                old_currency=line.catalogue_currency or plan.currency,
                new_price=entry.price,
                new_as_of=entry.as_of,
                new_currency=entry.currency,
                old_line_total=before,
                new_line_total=after,
                plan_change=_with_contingency(plan, subtotal + delta) - old_total,
                note=why,
            )
        )
    return RepricePreview(plan, tuple(changes), old_total, new_total)


def _with_contingency(plan: Plan, subtotal: int) -> int:
    num, den = ratio(plan.contingency_pct)
    return subtotal + round_half_up(subtotal * num, den * 100)


class RepriceLines(Command):
    """Every line whose copied price differs (or those of ``keys``) at the current
    price book's price, as one step; undo restores each line exactly."""

    label = "Reprice from the catalogue"

    def __init__(self, plan_id: int, keys: Collection[str] | None = None) -> None:
        super().__init__()
        self.plan_id = plan_id
        self.keys = None if keys is None else frozenset(keys)
        self.repriced: list[Line] = []

    def changes(self, conn: Connection) -> list[RowChange]:
        snapshot = repository.snapshot(conn, self.plan_id)
        found = stale_lines(snapshot, repository.catalogue(conn), self.keys)
        taxonomy = standard_taxonomy().with_items(repository.custom_items(conn))
        rows = []
        for old, entry, why in found:
            if not why:
                new = repriced(old, entry)
                try:
                    check_line(new, taxonomy)
                except InvalidValue as exc:
                    raise exc.at(f"line {new.name!r}") from None
                rows.append(RowChange(old, new))
        self.repriced = [c.after for c in rows if isinstance(c.after, Line)]
        return [*rows, touch(conn, self.plan_id)] if rows else []


def unknown_keys(keys: Collection[str], catalogue: Sequence[CatalogueEntry]) -> list[str]:
    """The keys the price book does not have (a typo in ``--keys``)."""
    known = {e.key for e in catalogue}
    return sorted(k for k in keys if k not in known)


def by_key(catalogue: Sequence[CatalogueEntry]) -> Mapping[str, CatalogueEntry]:
    return {e.key: e for e in catalogue}
