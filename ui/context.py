"""The one object every widget receives: the workspace, the open plan, undo and the change bus.

A widget never reaches for the main window. It asks the context to run a core
command; the context stores it, pushes it on the undo stack, brings the open plan's
budget up to date from the change set (only the lines it names are recomputed) and
announces what changed on the bus, each view refreshing only what it shows.

The store and the command modules are imported only when the first plan is opened
(in a worker thread), so the window paints before SQLAlchemy has even loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack

from app.domain.errors import BudgetwrightError, DatabaseUnavailable, EditConflict, InvalidValue
from app.domain.plan import (
    PLAN_SETTINGS,
    CatalogueEntry,
    FxRate,
    Line,
    Phase,
    Plan,
    PlanSnapshot,
    blank_plan,
)
from app.domain.taxonomy import Taxonomy, standard_taxonomy
from app.paths import DbTarget
from app.services.line_columns import ColumnSpec
from app.services.line_fields import EditContext, NeedsRate, refusal, with_value
from ui.background import BackgroundWork, Cancelled, Progress
from ui.change_bus import ChangeBus
from ui.settings import WindowSettings
from ui.undo import StoredStep

if TYPE_CHECKING:
    from app.engine.budget import Budget, Totals
    from app.services.changes import ChangeSet
    from app.services.command import Command
    from app.services.plan_loading import FirstLook, OpenedPlan, OpenedWorkspace
    from app.services.workspace import Workspace

SMALL_PLAN_LINES = 2_000  # read on the GUI thread (a few ms); larger plans in the background


class AppContext(QObject):
    """The open workspace and plan, the undo stack, background work and the change bus."""

    def __init__(self, settings: WindowSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.bus = ChangeBus(self)
        self.undo_stack = QUndoStack(self)
        self.background = BackgroundWork(self)
        self.workspace: Workspace | None = None
        self.db_path: DbTarget | None = None
        self.plans: tuple[Plan, ...] = ()
        self.plan: Plan | None = None
        self.budget: Budget | None = None
        self.totals: Totals | None = None
        self.lines: dict[int, Line] = {}
        self.phases: dict[int, Phase] = {}
        self.catalogue: tuple[CatalogueEntry, ...] = ()
        self.taxonomy: Taxonomy = standard_taxonomy()
        self.loading = False
        self.opened: OpenedPlan | None = None
        self._edit_context: EditContext | None = None
        self._held_edits: list[Callable[[], bool]] = []
        self.ask_rate: Callable[[Plan, str], FxRate | None] | None = None
        """Asks the planner for a rate the plan lacks (set by the window; None: refuse)."""
        from ui.store_watch import StoreWatch

        self.watch = StoreWatch(self)
        from ui.compare.baseline import BaselineChoice

        self.baseline = BaselineChoice(self)
        """The baseline the timeline and the cumulative chart draw against (or none)."""

    # ---- Opening

    def preview(self, db_path: DbTarget) -> bool:
        """Show a small plan at once, before the window is first drawn; True if shown.

        Reading a plan of a few hundred lines with the standard library takes a few
        milliseconds, so its figures are in the window's first paint. Editing waits
        for :meth:`start` to open the database.
        """
        from app.services.plan_loading import first_look

        self.db_path = db_path
        try:
            first = first_look(db_path, self.settings.last_plan(), max_lines=SMALL_PLAN_LINES)
        except (BudgetwrightError, OSError):
            return False  # start() reports it
        if first is not None:
            self._show_first(first)
        return first is not None

    def start(self, db_path: DbTarget, on_opened: Callable[[], None] | None = None) -> None:
        """Show the last plan used (or the first) as soon as it is read, then open for edits.

        A database already at the current schema is read first with the standard library,
        so the figures appear before the store has loaded; editing is enabled when the
        database is open. Anything else (a new file, a migration) opens fully first.
        """
        self.db_path = db_path
        preferred = self.settings.last_plan()
        if self.opened is not None and self.workspace is None:  # shown by preview()
            self._open_workspace(db_path, preferred, on_opened, keep=self.opened)
            return
        self._set_loading(self.settings.last_plan_name() or db_path.name)

        def look(progress: Progress) -> FirstLook | None:
            from app.services.plan_loading import first_look

            return first_look(db_path, preferred, progress.report, lambda: progress.cancelled)

        def shown(first: FirstLook | None) -> None:
            if first is None:
                self._open_workspace(db_path, preferred, on_opened)
                return
            self._show_first(first)
            self._open_workspace(db_path, preferred, on_opened, keep=first.opened)

        self.background.run("Reading the plan", look, shown, self._on_open_failed)

    def _show_first(self, first: FirstLook) -> None:
        """The plan's figures on screen; edits wait until the database is open."""
        self.plans = first.plans
        self.bus.plans_listed.emit(self.plans)
        self._install(first.opened)
        self._set_loading(first.opened.plan.name)

    def _open_workspace(
        self,
        db_path: DbTarget,
        preferred: int | None,
        on_opened: Callable[[], None] | None,
        keep: OpenedPlan | None = None,
    ) -> None:
        """Open the database for edits; ``keep`` is the plan already on screen."""

        def work(progress: Progress) -> OpenedWorkspace | Workspace:
            if keep is not None:
                from app.services.workspace import Workspace

                return Workspace.open(db_path)
            from app.services.plan_loading import open_workspace

            return open_workspace(
                db_path,
                preferred,
                progress.report,
                lambda: progress.cancelled,
                starter=_blank_plan,
            )

        def done(result: OpenedWorkspace | Workspace) -> None:
            from app.services.plan_loading import OpenedWorkspace

            if isinstance(result, OpenedWorkspace):
                self.workspace = result.workspace
                self.plans = result.plans
                self.bus.plans_listed.emit(self.plans)
                self._install(result.opened)
            else:
                self.workspace = result
                self.loading = False
                self.bus.ready.emit()
            self.watch.start()
            if on_opened is not None:
                on_opened()

        self.background.run("Opening the database", work, done, self._on_open_failed)

    def open_plan(self, plan_id: int) -> None:
        """Open another plan in the background; its undo history starts empty."""
        workspace = self.workspace
        if workspace is None or not self.finish_editing():
            return
        for job in self.background.jobs:
            if job.title.startswith("Opening"):
                job.cancel()
        name = next((p.name for p in self.plans if p.id == plan_id), f"plan {plan_id}")
        self._set_loading(name)

        def work(progress: Progress) -> OpenedPlan:
            from app.services.plan_loading import load_plan

            return load_plan(workspace, plan_id, progress.report, lambda: progress.cancelled)

        self.background.run(f"Opening {name}", work, self._install, self._on_open_failed)

    def _set_loading(self, name: str) -> None:
        self.loading = True
        self.bus.loading.emit(name)

    def _on_open_failed(self, exc: BaseException) -> None:
        from app.services.plan_loading import LoadCancelled

        self.loading = self.plan is None
        if not self.loading:
            self.bus.ready.emit()
        if isinstance(exc, (Cancelled, LoadCancelled)):
            return
        if not isinstance(exc, (BudgetwrightError, OSError)):
            raise exc
        self.bus.open_failed.emit(str(exc))

    def _install(self, opened: OpenedPlan) -> None:
        self.opened = opened
        self.plan = opened.plan
        self.budget = opened.budget
        self.lines = {line.id: line for line in opened.snapshot.lines if line.id is not None}
        self.phases = {p.id: p for p in opened.snapshot.phases if p.id is not None}
        self.catalogue = opened.catalogue
        self.taxonomy = opened.taxonomy
        self._edit_context = None
        self.undo_stack.clear()  # undo never reaches past the opening of a plan
        self.loading = False
        assert self.plan.id is not None
        self.settings.remember_plan(self.plan.id, self.plan.name)
        self.totals = self.budget.totals()
        self.bus.plan_opened.emit(opened)
        self.bus.totals_changed.emit(self.totals)

    # ---- Values typed but not stored yet

    def hold_edits(self, finish: Callable[[], bool]) -> None:
        """A form that may hold a typed value not stored yet (its field keeps the focus
        while a tool button or shortcut acts); ``finish`` stores or refuses it."""
        self._held_edits.append(finish)

    def finish_editing(self) -> bool:
        """Store what forms hold before an action that reads or leaves the plan; False
        if a value was refused (it stays where it was typed, with the reason shown)."""
        return all(finish() for finish in self._held_edits)

    # ---- What the views read

    def edit_context(self) -> EditContext:
        """Plan, taxonomy, catalogue and phases for reading typed values (cached per change)."""
        if self._edit_context is None:
            assert self.plan is not None
            self._edit_context = EditContext(
                self.plan,
                self.taxonomy,
                {e.key: e for e in self.catalogue},
                dict(self.phases),
            )
        return self._edit_context

    def plan_lines(self) -> list[Line]:
        """Every line of the open plan in plan order."""
        return sorted(self.lines.values(), key=lambda line: (line.position, line.id or 0))

    def category_lines(self, category: str) -> list[Line]:
        return [line for line in self.plan_lines() if line.category == category]

    # ---- Changing the plan

    def run(self, command: Command, text: str = "", merge_key: str = "") -> bool:
        """Store a command now and make it one undoable step; False if it was refused."""
        if not self._apply(command):
            return False
        self.undo_stack.push(StoredStep(self, command, text or command.label, merge_key))
        return True

    def apply_once(self, command: Command) -> bool:
        """Store a command that opens a new history (new, duplicate, delete, import plan)."""
        return self._apply(command)

    def edit_line(self, line: Line, column: ColumnSpec, value: object) -> bool:
        """Enter ``value`` in one field of a line; refused values are reported, not stored."""
        try:
            new = with_value(line, column, value, self.edit_context())
        except NeedsRate as exc:
            if not self._add_rate(exc.currency):
                self.refuse(exc)
                return False
            return self.edit_line(self.lines.get(line.id, line) if line.id else line, column, value)
        except InvalidValue as exc:
            self.refuse(exc)
            return False
        if new == line:
            return True
        return self.change_lines(
            [new], f"Edit {line.name}: {column.title}", f"{line.id}:{column.key}"
        )

    def _add_rate(self, currency: str) -> bool:
        """Ask for the plan's rate for ``currency`` and store it (its own undo step)."""
        from app.services.fx_commands import set_rate

        plan = self.plan
        if self.ask_rate is None or plan is None or plan.id is None:
            return False
        rate = self.ask_rate(plan, currency)
        if rate is None:
            return False
        command = set_rate(plan, rate)
        return self.run(command, command.label)

    def change_lines(self, lines: list[Line], text: str, merge_key: str = "") -> bool:
        from app.services.line_commands import EditLines

        return self.run(EditLines(lines, text), text, merge_key)

    def refuse(self, exc: InvalidValue) -> None:
        self.bus.edit_refused.emit(refusal(exc))

    def replay(self, command: Command) -> None:
        self._store(lambda ws: ws.apply(command))

    def rewind(self, command: Command) -> None:
        self._store(lambda ws: ws.revert(command))

    def _apply(self, command: Command) -> bool:
        if self.workspace is None or self.loading:
            return False
        command.start_from(self.shown)  # the edit is checked against what the window shows
        try:
            changes = self.workspace.apply(command)
        except InvalidValue as exc:
            self.refuse(exc)
            return False
        except EditConflict as exc:
            self.watch.refused(str(exc))
            return False
        except DatabaseUnavailable as exc:
            self.bus.save_failed.emit(str(exc))
            return False
        except BudgetwrightError as exc:
            self.bus.edit_refused.emit(str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - the database refused: say so, keep running
            self.bus.save_failed.emit(f"{type(exc).__name__}: {exc}")
            return False
        self.publish(changes)
        return True

    def _store(self, action: Callable[[Workspace], ChangeSet]) -> None:
        """Undo or redo a stored step; if the database refuses it, the undo history
        (which has already moved) no longer matches what is stored and is cleared."""
        assert self.workspace is not None
        try:
            changes = action(self.workspace)
        except EditConflict as exc:
            self.watch.refused(f"{exc}; the undo history was cleared", clear_history=True)
            return
        except Exception as exc:  # noqa: BLE001 - the database refused: say so, keep running
            known = isinstance(exc, BudgetwrightError)
            self.bus.save_failed.emit(str(exc) if known else f"{type(exc).__name__}: {exc}")
            self.watch.forget_history()
            return
        self.publish(changes)

    def shown(self, kind: type, row_id: int) -> object:
        """The row of a kind and id as the window shows it (an edit starts from it)."""
        if kind is Line:
            return self.lines.get(row_id)
        if kind is Phase:
            return self.phases.get(row_id)
        if kind is Plan and self.plan is not None and self.plan.id == row_id:
            return self.plan
        return None

    def publish(self, changes: ChangeSet) -> None:
        """Bring the open plan up to date from a change set and announce what changed."""
        workspace = self.workspace
        if workspace is None:
            return
        if changes.plans_listed:
            self.plans = tuple(workspace.plans())
            self.bus.plans_listed.emit(self.plans)
        plan, budget = self.plan, self.budget
        if plan is None or plan.id is None or budget is None:
            self.bus.saved.emit()
            return
        if plan.id in changes.plan_ids and any(p.id == plan.id for p in self.plans):
            self._take_plan(workspace.plan(plan.id))
        if changes.phases_changed and plan.id in changes.plan_ids:
            from app.services.plan_loading import phases_of

            self.phases = {p.id: p for p in phases_of(workspace, plan.id) if p.id is not None}
            self._edit_context = None
            self.bus.phases_changed.emit(tuple(self.phases.values()))
        if changes.catalogue_changed:
            self.catalogue = tuple(workspace.catalogue())
            self._edit_context = None
            self.bus.catalogue_changed.emit(self.catalogue)
        changed = tuple(line for line in changes.lines_changed if line.plan_id == plan.id)
        removed = frozenset(i for i in changes.lines_removed if i in self.lines)
        if changed or removed:
            budget.update(changed=changed, removed=removed)
            for line_id in removed:
                del self.lines[line_id]
            self.lines.update({line.id: line for line in changed if line.id is not None})
            self.bus.lines_changed.emit(changed, removed)
        self.totals = budget.totals()
        if plan.id in changes.actuals_changed:
            self.bus.actuals_changed.emit(plan.id)
        self.bus.totals_changed.emit(self.totals)
        self.bus.saved.emit()

    def _take_plan(self, plan: Plan) -> None:
        old = self.plan
        self.plan = plan
        assert self.budget is not None
        self.budget.set_plan(plan)
        if old is None or any(getattr(old, f) != getattr(plan, f) for f in PLAN_SETTINGS):
            self._edit_context = None
            if old is not None and old.name != plan.name:
                assert plan.id is not None
                self.settings.remember_plan(plan.id, plan.name)
            self.bus.plan_changed.emit(plan)

    def take_stored(self, snapshot: PlanSnapshot, catalogue: tuple[CatalogueEntry, ...]) -> None:
        """Show the open plan as stored now (another writer changed it): only what differs
        is recomputed and announced; nothing is said to be saved."""
        budget = self.budget
        assert budget is not None
        self._take_plan(snapshot.plan)
        phases = {p.id: p for p in snapshot.phases if p.id is not None}
        if phases != self.phases:
            self.phases = phases
            self._edit_context = None
            self.bus.phases_changed.emit(tuple(phases.values()))
        if catalogue != self.catalogue:
            self.catalogue = catalogue
            self._edit_context = None
            self.bus.catalogue_changed.emit(catalogue)
        stored = {line.id: line for line in snapshot.lines if line.id is not None}
        changed = tuple(line for i, line in stored.items() if self.lines.get(i) != line)
        removed = frozenset(i for i in self.lines if i not in stored)
        if changed or removed:
            budget.update(changed=changed, removed=removed)
            self.lines = stored
            self.bus.lines_changed.emit(changed, removed)
        self.totals = budget.totals()
        self.bus.totals_changed.emit(self.totals)

    def close(self) -> None:
        """Stop background work and close the database (at quit)."""
        self.watch.stop()
        self.background.wait()
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None


def _blank_plan(workspace: Workspace) -> int:
    """A plan for a database with none left (the same as File > New Plan starts from)."""
    from app.services.plan_commands import CreatePlan

    command = CreatePlan(blank_plan())
    workspace.apply(command)
    assert command.plan_id is not None
    return command.plan_id
