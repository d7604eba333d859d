"""Import, Excel export, PDF export and printing, run as background work.

The writers and readers live in the core (:mod:`app.io`); the window asks where, runs
them off the GUI thread with progress, and reports the outcome. An import becomes a
new plan (its own history); a failure is shown in a message box, naming the file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow, QWidget

from app.domain.errors import BudgetwrightError
from app.domain.plan import PlanSnapshot
from app.domain.taxonomy import Taxonomy
from ui import prompts
from ui.background import Cancelled, Progress
from ui.context import AppContext

if TYPE_CHECKING:
    from ui.excel_import import Incoming
    from ui.pack_dialog import PackOptions
    from ui.print_preview import PackPreview

T = TypeVar("T")
STATUS_MESSAGE_MS = 15_000
IMPORT_FILTERS = "Plans (*.xlsx *.budget.json *.json);;Excel workbooks (*.xlsx);;Plan files (*.budget.json *.json)"


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in " -_." else "_" for c in name).strip() or "plan"


class FileOperations:
    """The File menu's import, export and print actions."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        self._ctx = ctx
        self._parent = parent
        self.last_written: Path | None = None
        self.last_imported: int | None = None
        """The plan the last import stored or updated (None if nothing was stored)."""
        self.preview: PackPreview | None = None
        """The last print preview opened (it deletes itself when closed)."""

    # ---- Export

    def export_excel(self) -> bool:
        path = self._ask_target("Export to Excel", ".xlsx", "Excel workbooks (*.xlsx)")
        if path is None:
            return False

        workspace = self._ctx.workspace

        def write(snapshot: PlanSnapshot, catalogue: list[Any], taxonomy: Taxonomy) -> Path:
            from app.io.xlsx import write_workbook
            from app.services.actuals import plan_actuals

            plan_id = snapshot.plan.id
            actuals = plan_actuals(workspace, plan_id) if workspace and plan_id else []
            write_workbook(snapshot, catalogue, path, taxonomy=taxonomy, actuals=actuals)
            return path

        work = self._plan_job(write)
        if work is None:
            return False
        self._run("Exporting to Excel", work, "Export to Excel")
        return True

    def export_pdf(self) -> bool:
        """Ask what goes into the pack and where, then write it in the background."""
        options = self._ask_pack("Export PDF Budget Pack", "Export…")
        if options is None:
            return False
        path = self._ask_target("Export PDF Budget Pack", ".pdf", "PDF files (*.pdf)")
        if path is None:
            return False

        stale_months = self._ctx.settings.stale_months()

        def write(snapshot: PlanSnapshot, catalogue: list[Any], taxonomy: Taxonomy) -> Path:
            from app.io.pdf import write_pack

            write_pack(
                snapshot,
                catalogue,
                path,
                paper=options.paper,
                sections=options.sections,
                redact_salaries=options.redact_salaries,
                taxonomy=taxonomy,
                stale_months=stale_months,
            )
            return path

        work = self._plan_job(write)
        if work is None:
            return False
        self._run(
            "Writing the PDF budget pack",
            work,
            "Export PDF",
            lambda written: self._say(f"Budget pack written to {written}"),
        )
        return True

    def print_pack(self) -> bool:
        """Ask what goes into the pack, build it in the background, then show Qt's print
        preview of its pages (printing goes through Qt's print dialog from there)."""
        plan = self._ctx.plan
        options = self._ask_pack("Print Budget Pack", "Preview…")
        if plan is None or options is None:
            return False
        name = plan.name

        def render(snapshot: PlanSnapshot, catalogue: list[Any], taxonomy: Taxonomy) -> bytes:
            from app.io.pdf import render_pack

            return render_pack(
                snapshot,
                catalogue,
                paper=options.paper,
                sections=options.sections,
                redact_salaries=options.redact_salaries,
                taxonomy=taxonomy,
            )

        def done(data: bytes) -> None:
            from ui.print_preview import show_preview

            self.preview = show_preview(self._parent, data, options.paper, name)

        work = self._plan_job(render)
        if work is None:
            return False
        self._ctx.background.run(
            "Preparing the budget pack to print", work, done, lambda exc: self._failed("Print", exc)
        )
        return True

    def _ask_pack(self, title: str, accept_text: str) -> PackOptions | None:
        if self._ctx.plan is None:
            return None
        from ui.pack_dialog import PackDialog

        return PackDialog.ask(self._parent, self._ctx.settings.store, title, accept_text)

    def _say(self, text: str) -> None:
        """A line in the window's status bar, after the bar has cleared the finished job."""
        parent = self._parent
        if isinstance(parent, QMainWindow):
            bar = parent.statusBar()
            # The job's end clears the bar's message right after this runs: show it next turn.
            QTimer.singleShot(0, bar, lambda: bar.showMessage(text, STATUS_MESSAGE_MS))

    def _plan_job(
        self, make: Callable[[PlanSnapshot, list[Any], Taxonomy], T]
    ) -> Callable[[Progress], T] | None:
        """Background work that reads the plan open now and hands it to ``make``.

        The plan is chosen here, on the GUI thread, so that the job reads the plan it
        was started for even if the planner opens another meanwhile; a value typed but
        not stored yet is stored first (None if it was refused, or no plan is open).
        """
        workspace, plan, taxonomy = self._ctx.workspace, self._ctx.plan, self._ctx.taxonomy
        if workspace is None or plan is None or plan.id is None:
            return None
        if not self._ctx.finish_editing():
            return None
        plan_id = plan.id

        def work(progress: Progress) -> T:
            snapshot, catalogue = workspace.snapshot(plan_id), workspace.catalogue()
            progress.check()
            return make(snapshot, catalogue, taxonomy)

        return work

    def _ask_target(self, title: str, suffix: str, filters: str) -> Path | None:
        plan = self._ctx.plan
        if plan is None:
            return None
        path = prompts.ask_save_path(
            self._parent, title, f"{_safe_name(plan.name)}{suffix}", filters
        )
        if path is not None and path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        return path

    def _run(
        self, title: str, work: Any, what: str, then: Callable[[Path], None] | None = None
    ) -> None:
        def done(path: Path) -> None:
            self.last_written = path
            if then is not None:
                then(path)

        self._ctx.background.run(title, work, done, lambda exc: self._failed(what, exc))

    def _failed(self, what: str, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return
        if not isinstance(exc, (BudgetwrightError, OSError)):
            raise exc
        prompts.show_error(self._parent, what, f"{what} did not finish:\n{exc}")

    # ---- Import

    def import_file(self) -> bool:
        path = prompts.ask_open_path(self._parent, "Import Plan", IMPORT_FILTERS)
        if path is None:
            return False
        self.import_path(path)
        return True

    def import_path(self, path: Path) -> None:
        """Read a plan file or workbook in the background, then take it where it goes
        (a new plan, an update of the plan it was exported from, or the mapping dialog)."""
        from ui.excel_import import ImportRouter, read_import

        workspace, taxonomy = self._ctx.workspace, self._ctx.taxonomy
        router = ImportRouter(self._ctx, self._parent, self._import_snapshot)

        def work(progress: Progress) -> Incoming:
            return read_import(path, workspace, taxonomy)

        def done(incoming: Incoming) -> None:
            self.last_imported = router.route(incoming)

        self._ctx.background.run(
            f"Reading {path.name}", work, done, lambda exc: self._import_failed(path, exc)
        )

    def _import_failed(self, path: Path, exc: BaseException) -> None:
        from ui.excel_import import failure_text

        if isinstance(exc, Cancelled):
            return
        if not isinstance(exc, (BudgetwrightError, OSError)):
            raise exc
        prompts.show_error(self._parent, "Import", failure_text(path, exc))

    def _import_snapshot(
        self, snapshot: PlanSnapshot, source: str = "", note: str = ""
    ) -> int | None:
        """Store an imported plan as a new plan (renamed if the name is taken) and open it."""
        from app.services.plan_commands import ImportPlan

        names = {p.name for p in self._ctx.plans}
        if snapshot.plan.name in names:
            question = f"A plan named “{snapshot.plan.name}” exists. Name of the imported plan:"
            name = prompts.ask_text(
                self._parent,
                "Import Plan",
                f"{note}\n{question}" if note else question,
                f"{snapshot.plan.name} (imported)",
            )
            if name is None:
                return None
            snapshot = replace(snapshot, plan=replace(snapshot.plan, name=name))
        command = ImportPlan(snapshot, self._ctx.taxonomy, source=source)
        if not self._ctx.apply_once(command) or command.plan_id is None:
            return None
        self._ctx.open_plan(command.plan_id)
        return command.plan_id
