"""Import, Excel export, PDF export and printing, run as background work.

The writers and readers live in the core (:mod:`app.io`); the window asks where, runs
them off the GUI thread with progress, and reports the outcome. An import becomes a
new plan (its own history); a failure is shown in a message box, naming the file.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from app.domain.errors import BudgetwrightError
from app.domain.plan import PlanSnapshot
from ui import prompts
from ui.background import Cancelled, Progress
from ui.context import AppContext

IMPORT_FILTERS = "Plans (*.xlsx *.budget.json *.json);;Excel workbooks (*.xlsx);;Plan files (*.budget.json *.json)"


def _safe_name(name: str) -> str:
    return "".join(c if c.isalnum() or c in " -_." else "_" for c in name).strip() or "plan"


def read_plan_file(path: Path) -> PlanSnapshot:
    """A plan from a .budget.json file or a workbook (runs in a worker thread)."""
    if path.suffix.lower() == ".xlsx":
        from app.io.xlsx import read_workbook

        return read_workbook(path)
    from app.io import plan_json

    return plan_json.read_file(path)


class FileOperations:
    """The File menu's import, export and print actions."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        self._ctx = ctx
        self._parent = parent
        self.last_written: Path | None = None

    # ---- Export

    def export_excel(self) -> bool:
        path = self._ask_target("Export to Excel", ".xlsx", "Excel workbooks (*.xlsx)")
        if path is None:
            return False

        def work(progress: Progress) -> Path:
            from app.io.xlsx import write_workbook

            snapshot, catalogue = self._read_plan()
            progress.check()
            write_workbook(snapshot, catalogue, path)
            return path

        self._run("Exporting to Excel", work, "Export to Excel")
        return True

    def export_pdf(self) -> bool:
        path = self._ask_target("Export PDF Budget Pack", ".pdf", "PDF files (*.pdf)")
        if path is None:
            return False
        self._run("Writing the PDF budget pack", self._pack_work(path), "Export PDF")
        return True

    def print_pack(self) -> bool:
        """Write the budget pack to a temporary PDF and hand it to the system to print."""
        plan = self._ctx.plan
        if plan is None:
            return False
        folder = Path(tempfile.mkdtemp(prefix="budgetwright-print-"))
        path = folder / f"{_safe_name(plan.name)}.pdf"
        self._run(
            "Preparing the budget pack to print", self._pack_work(path), "Print", open_after=True
        )
        return True

    def _pack_work(self, path: Path) -> Any:
        def work(progress: Progress) -> Path:
            from app.io.pdf import write_pack

            snapshot, catalogue = self._read_plan()
            progress.check()
            write_pack(snapshot, catalogue, path)
            return path

        return work

    def _read_plan(self) -> tuple[PlanSnapshot, list[Any]]:
        workspace, plan = self._ctx.workspace, self._ctx.plan
        if workspace is None or plan is None or plan.id is None:
            raise BudgetwrightError("no plan is open")
        return workspace.snapshot(plan.id), workspace.catalogue()

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

    def _run(self, title: str, work: Any, what: str, open_after: bool = False) -> None:
        def done(path: Path) -> None:
            self.last_written = path
            if open_after:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

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

        def work(progress: Progress) -> PlanSnapshot:
            return read_plan_file(path)

        self._ctx.background.run(
            f"Reading {path.name}",
            work,
            self._import_snapshot,
            lambda exc: self._failed("Import", exc),
        )
        return True

    def _import_snapshot(self, snapshot: PlanSnapshot) -> int | None:
        """Store an imported plan as a new plan (renamed if the name is taken) and open it."""
        from app.services.plan_commands import ImportPlan

        names = {p.name for p in self._ctx.plans}
        if snapshot.plan.name in names:
            name = prompts.ask_text(
                self._parent,
                "Import Plan",
                f"A plan named “{snapshot.plan.name}” exists. Name of the imported plan:",
                f"{snapshot.plan.name} (imported)",
            )
            if name is None:
                return None
            snapshot = replace(snapshot, plan=replace(snapshot.plan, name=name))
        command = ImportPlan(snapshot, self._ctx.taxonomy)
        if not self._ctx.apply_once(command) or command.plan_id is None:
            return None
        self._ctx.open_plan(command.plan_id)
        return command.plan_id
