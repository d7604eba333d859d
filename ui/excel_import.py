"""Where an imported file goes: a new plan, an update of its source plan, or the mapping dialog.

A file is read in the background (:func:`read_import`) into one of three things: a plan
from a .budget.json file or a workbook from elsewhere (a new plan), a workbook exported
from a plan of this database (a re-import preview, then update or new plan), or a sheet
Budgetwright did not write (the column mapping dialog). Nothing is stored until the
planner has seen what will change; any error leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.domain.errors import BudgetwrightError
from app.domain.plan import PlanSnapshot
from app.domain.taxonomy import Taxonomy
from ui.context import AppContext

if TYPE_CHECKING:
    # Imported when a file is read, not with the window: the store must not load at start-up.
    from app.io.xlsx import SheetTable
    from app.services.reimport import ReimportPreview
    from app.services.workspace import Workspace

EXCEL_SUFFIXES = (".xlsx", ".xlsm")
PLAN_SUFFIXES = (".json",)


def importable(path: Path) -> bool:
    """Whether the window imports this kind of file (by its name; the content is checked later)."""
    return path.suffix.lower() in EXCEL_SUFFIXES + PLAN_SUFFIXES


@dataclass(frozen=True)
class Reimport:
    """A workbook exported from a plan of this database, and what updating that plan changes."""

    path: Path
    incoming: PlanSnapshot
    current: PlanSnapshot
    preview: ReimportPreview


@dataclass(frozen=True)
class ForeignSheet:
    """A workbook Budgetwright did not write: its first sheet, for the mapping dialog."""

    path: Path
    table: SheetTable


@dataclass(frozen=True)
class NewPlan:
    """A plan file, or one of our workbooks from another database: it becomes a new plan."""

    path: Path
    snapshot: PlanSnapshot


Incoming = Reimport | ForeignSheet | NewPlan


def read_import(path: Path, workspace: Workspace | None, taxonomy: Taxonomy) -> Incoming:
    """Read and classify a file (in a worker thread; touches no widget, writes nothing)."""
    if path.suffix.lower() not in EXCEL_SUFFIXES:
        from app.io import plan_json

        return NewPlan(path, plan_json.read_file(path))
    from app.io.xlsx import SheetTable
    from app.io.xlsx.incoming import read_incoming
    from app.services.reimport import describe_reimport, source_plan

    found = read_incoming(path, taxonomy)
    if isinstance(found, SheetTable):
        return ForeignSheet(path, found)
    plan_id = workspace.read(lambda c: source_plan(c, found)) if workspace is not None else None
    if plan_id is None or workspace is None:
        return NewPlan(path, found)
    current = workspace.snapshot(plan_id)
    return Reimport(path, found, current, describe_reimport(current, found))


def failure_text(path: Path, exc: BaseException) -> str:
    """The message for a file that cannot be imported: the file, then each problem on a line."""
    from app.io.xlsx import UnreadableRows

    if isinstance(exc, UnreadableRows):
        listed = "\n".join(f"• {p}" for p in exc.problems[:20])
        more = len(exc.problems) - 20
        tail = f"\n… and {more} more" if more > 0 else ""
        return f"{path.name} was not imported; nothing was stored.\n{listed}{tail}"
    text = str(exc)
    named = text if path.name in text else f"{path}: {text}"
    return f"{path.name} was not imported; nothing was stored.\n{named}"


class ImportRouter:
    """Takes a read file to the step it needs; ``import_new`` stores a snapshot as a new plan."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget,
        import_new: Callable[[PlanSnapshot, str, str], int | None],
    ) -> None:
        self._ctx = ctx
        self._parent = parent
        self._import_new = import_new

    def route(self, incoming: Incoming) -> int | None:
        """The plan id stored or updated, or None if nothing was stored."""
        if isinstance(incoming, NewPlan):
            return self._import_new(incoming.snapshot, incoming.path.name, "")
        if isinstance(incoming, ForeignSheet):
            return self._map(incoming)
        return self._reimport(incoming)

    def _map(self, incoming: ForeignSheet) -> int | None:
        from ui.mapping_dialog import MappingDialog

        snapshot = MappingDialog.ask(
            self._parent, incoming.table, self._ctx.taxonomy, self._ctx.settings.store
        )
        if snapshot is None:
            return None
        return self._import_new(snapshot, incoming.path.name, "")

    def _reimport(self, incoming: Reimport) -> int | None:
        from ui.reimport_dialog import Choice, ReimportDialog

        current = incoming.current.plan
        if incoming.preview.unchanged:
            # Nothing to update: the only thing left to do is a copy, and naming it asks.
            note = f"The workbook matches “{current.name}” exactly: nothing to update."
            return self._import_new(incoming.incoming, incoming.path.name, note)
        choice = ReimportDialog.ask(self._parent, current, incoming.incoming.plan, incoming.preview)
        if choice is Choice.IMPORT_NEW:
            return self._import_new(incoming.incoming, incoming.path.name, "")
        if choice is Choice.UPDATE:
            return self._update(incoming)
        return None

    def _update(self, incoming: Reimport) -> int | None:
        """Update the source plan in place: one undoable step when it is the open plan."""
        from app.services.reimport import import_command

        workspace, ctx = self._ctx.workspace, self._ctx
        plan_id = incoming.current.plan.id
        if workspace is None or plan_id is None:
            return None
        taxonomy = ctx.taxonomy
        try:
            command = workspace.build(
                lambda c: import_command(c, incoming.incoming, taxonomy, replace=True)
            )
        except BudgetwrightError as exc:
            ctx.bus.edit_refused.emit(str(exc))
            return None
        label = f"Update {incoming.current.plan.name} from {incoming.path.name}"
        if ctx.plan is not None and ctx.plan.id == plan_id:
            return plan_id if ctx.run(command, label) else None
        if not ctx.apply_once(command):
            return None
        ctx.open_plan(plan_id)
        return plan_id
