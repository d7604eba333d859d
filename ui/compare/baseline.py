"""The baseline the timeline (ghost bars) and the cumulative chart draw against.

One choice for the window: picked in the timeline's toolbar, cleared when another plan
is opened. The baseline is read once when chosen (a frozen plan never changes), laid
out as the timeline lays out the plan, and its months summed by the engine.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.domain.errors import BudgetwrightError

if TYPE_CHECKING:
    from ui.context import AppContext


class BaselineChoice(QObject):
    """Which baseline of the open plan is drawn, and what it holds."""

    changed = Signal()
    """Another baseline (or none) was chosen."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self._ctx = ctx
        self.name: str | None = None
        self.spans: dict[str, tuple[date, date]] = {}
        """Each baseline line's dates by its timeline row key (``line:ID``)."""
        self.by_month: dict[int, int] = {}
        """The baseline's cost per month (minor units), before contingency."""
        ctx.bus.plan_opened.connect(lambda _opened: self.choose(None))

    def names(self) -> list[str]:
        """The open plan's baselines, oldest first (none before the database is open)."""
        ctx = self._ctx
        if ctx.workspace is None or ctx.plan is None or ctx.plan.id is None:
            return []
        from app.services.versions import list_baselines

        try:
            return [b.name for b in list_baselines(ctx.workspace, ctx.plan.id)]
        except BudgetwrightError:
            return []

    def choose(self, name: str | None) -> None:
        """Draw baseline ``name`` (``None``: no baseline, the views as they were)."""
        ctx = self._ctx
        spans: dict[str, tuple[date, date]] = {}
        by_month: dict[int, int] = {}
        if name is not None:
            if ctx.workspace is None or ctx.plan is None or ctx.plan.id is None:
                name = None
            else:
                from app.engine.budget import Budget
                from app.services.timeline_layout import RowKind, layout
                from app.services.versions import baseline_snapshot

                snap = baseline_snapshot(ctx.workspace, ctx.plan.id, name)
                for row in layout(snap.plan, snap.phases, snap.lines).rows:
                    if row.kind is RowKind.LINE and row.start is not None and row.end is not None:
                        spans[row.key] = (row.start, row.end)
                by_month = dict(Budget(snap.plan, snap.lines).totals().by_month)
        if name == self.name and spans == self.spans:
            return
        self.name, self.spans, self.by_month = name, spans, by_month
        self.changed.emit()
