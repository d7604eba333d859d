"""Noticing another writer: a window or the command line changing the open database.

A cheap timer asks SQLite whether any other connection has committed since the last
look (``PRAGMA data_version``); on a PostgreSQL server, whether another client's
commit was announced (``LISTEN/NOTIFY``), four times a second. When one has, the open plan is shown as stored: the
lines, phases, settings and prices that differ are taken in place (the undo history
stays: every undo and redo is checked against what is stored), and a plan replaced
whole (``import --replace``) or deleted is reopened by name. An edit refused because
another writer got there first says so, and the window then shows what is stored;
"saved" is never shown over it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.errors import BudgetwrightError

if TYPE_CHECKING:
    from app.domain.plan import Plan
    from app.services.workspace import Workspace
    from ui.context import AppContext

POLL_MS = 1000
SERVER_POLL_MS = 250  # a server announces commits: hearing them is one cheap round trip
CHANGED = "The plan was changed by another window or program; this window now shows it as stored."


class StoreWatch(QObject):
    """Polls the open database for other writers' commits and reloads what they changed."""

    changed_elsewhere = Signal(str, bool)
    """Another writer changed the database: ``(sentence, an edit of ours was refused)``."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self._ctx = ctx
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._reloading = False

    def start(self) -> None:
        workspace = self._ctx.workspace
        if workspace is not None:
            workspace.changed_elsewhere()  # starts watching from here
            self._timer.setInterval(SERVER_POLL_MS if workspace.on_server else POLL_MS)
            self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def poll(self) -> bool:
        """Reload if another writer committed since the last look; True if it did."""
        ctx, workspace = self._ctx, self._ctx.workspace
        if workspace is None or ctx.loading or ctx.background.busy:
            return False  # looked at again on the next tick
        try:
            if not workspace.changed_elsewhere():
                return False
        except BudgetwrightError:
            return False  # busy or gone for a moment: the next tick looks again
        self.reload(CHANGED, refused=False)
        return True

    def refused(self, reason: str, *, clear_history: bool = False) -> None:
        """An edit (or undo, redo) was refused because another writer changed its rows."""
        ctx = self._ctx
        ctx.bus.edit_refused.emit(f"{reason}. The window now shows the plan as stored.")
        if clear_history:
            self.forget_history()
        self.reload("", refused=True)

    def forget_history(self) -> None:
        """Clear the undo history once the step being undone or redone has returned."""
        QTimer.singleShot(0, self._ctx.undo_stack.clear)

    def reload(self, sentence: str, *, refused: bool) -> None:
        """Show the open plan as stored; reopen it by name if it was replaced or deleted."""
        workspace, plan = self._ctx.workspace, self._ctx.plan
        if workspace is None or plan is None or plan.id is None or self._reloading:
            return
        self._reloading = True
        try:
            self._reload(workspace, plan, sentence, refused)
        finally:
            self._reloading = False

    def _reload(self, workspace: Workspace, plan: Plan, sentence: str, refused: bool) -> None:
        ctx = self._ctx
        assert plan.id is not None
        try:
            plans = tuple(workspace.plans())
            if plans != ctx.plans:
                ctx.plans = plans
                ctx.bus.plans_listed.emit(plans)
            if not any(p.id == plan.id for p in plans):
                self._reopen(plan.name, plans, refused)
                return
            snapshot = workspace.snapshot(plan.id)
            catalogue = tuple(workspace.catalogue())
        except BudgetwrightError as exc:
            ctx.bus.save_failed.emit(str(exc))
            return
        ctx.take_stored(snapshot, catalogue)
        self.changed_elsewhere.emit(sentence or CHANGED, refused)

    def _reopen(self, name: str, plans: tuple[Plan, ...], refused: bool) -> None:
        """The open plan is gone: open the plan now of its name (replaced), or the first."""
        same = next((p for p in plans if p.name == name), None)
        if same is not None:
            sentence = f"The plan {name!r} was replaced by another window or program; reopened."
        else:
            sentence = f"The plan {name!r} was deleted by another window or program."
            same = plans[0] if plans else None
        self.changed_elsewhere.emit(sentence, refused)
        if same is not None and same.id is not None:
            self._ctx.open_plan(same.id)
