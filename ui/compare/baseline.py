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
    from app.services.workspace import Workspace
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
        """Draw baseline ``name`` (``None``: no baseline, the views as they were).

        A large plan's baseline is read in the background; the views change when it is in.
        """
        ctx = self._ctx
        workspace, plan = ctx.workspace, ctx.plan
        if name is None or workspace is None or plan is None or plan.id is None:
            self._set(None, {}, {})
            return
        from ui.context import SMALL_PLAN_LINES

        plan_id = plan.id
        if len(ctx.lines) <= SMALL_PLAN_LINES:
            self._set(name, *_read(workspace, plan_id, name))
            return

        def done(read: tuple[dict[str, tuple[date, date]], dict[int, int]]) -> None:
            if ctx.plan is not None and ctx.plan.id == plan_id:
                self._set(name, *read)

        ctx.background.run(
            f"Reading baseline {name}",
            lambda _progress: _read(workspace, plan_id, name),
            done,
            lambda _exc: self._set(None, {}, {}),
        )

    def _set(
        self, name: str | None, spans: dict[str, tuple[date, date]], by_month: dict[int, int]
    ) -> None:
        if name == self.name and spans == self.spans:
            return
        self.name, self.spans, self.by_month = name, spans, by_month
        self.changed.emit()


def _read(
    workspace: Workspace, plan_id: int, name: str
) -> tuple[dict[str, tuple[date, date]], dict[int, int]]:
    """The baseline's line dates by timeline row key, and its cost per month."""
    from app.engine.budget import Budget
    from app.services.timeline_layout import RowKind, layout
    from app.services.versions import baseline_snapshot

    snap = baseline_snapshot(workspace, plan_id, name)
    spans = {
        row.key: (row.start, row.end)
        for row in layout(snap.plan, snap.phases, snap.lines).rows
        if row.kind is RowKind.LINE and row.start is not None and row.end is not None
    }
    return spans, dict(Budget(snap.plan, snap.lines).totals().by_month)
