"""New, open, rename, duplicate, delete, scenarios, baselines and plan settings.

Renaming and settings are ordinary undoable steps. Creating, duplicating and opening
a plan start its own history (undo never reaches past the opening of a plan);
deleting asks first, because it cannot be undone.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from app.domain.plan import blank_plan
from ui import prompts
from ui.context import AppContext


class PlanOperations:
    """The plan-level actions, asking the planner through :mod:`ui.prompts` and dialogs."""

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        self._ctx = ctx
        self._parent = parent

    def new_plan(self) -> int | None:
        from app.services.plan_commands import CreatePlan
        from ui.plan_dialogs import PlanSettingsDialog

        coming_year = date(date.today().year + 1, 1, 1)
        plan = blank_plan(coming_year)
        message = ""
        while True:  # a refused plan comes back with everything typed, and the reason
            taken = frozenset(p.name for p in self._ctx.plans)
            dialog = PlanSettingsDialog.ask(self._parent, plan, "New Plan", taken, message)
            if dialog is None:
                return None
            plan = dialog.plan()
            command = CreatePlan(plan)
            refused: list[str] = []

            def note(text: str, refused: list[str] = refused) -> None:
                refused.append(text)

            self._ctx.bus.edit_refused.connect(note)
            try:
                stored = self._ctx.apply_once(command)
            finally:
                self._ctx.bus.edit_refused.disconnect(note)
            if stored and command.plan_id is not None:
                break
            if not refused:
                return None  # not refused for a value (the window says why)
            message = refused[-1]
        self._ctx.open_plan(command.plan_id)
        return command.plan_id

    def open_plan(self) -> int | None:
        from ui.plan_dialogs import OpenPlanDialog

        plan_id = OpenPlanDialog.ask(self._parent, self._ctx.plans)
        if plan_id is not None:
            self._ctx.open_plan(plan_id)
        return plan_id

    def open_recent(self, plan_id: int) -> None:
        if any(p.id == plan_id for p in self._ctx.plans):
            self._ctx.open_plan(plan_id)

    def rename_plan(self) -> bool:
        from app.services.plan_commands import EditPlan

        plan = self._ctx.plan
        if plan is None or plan.id is None:
            return False
        name = prompts.ask_text(self._parent, "Rename Plan", "New name of the plan:", plan.name)
        if name is None or name == plan.name:
            return False
        return self._ctx.run(EditPlan(plan.id, name=name), f"Rename plan to {name}")

    def plan_settings(self) -> bool:
        from app.services.plan_commands import EditPlan
        from ui.plan_dialogs import PlanSettingsDialog

        plan = self._ctx.plan
        if plan is None or plan.id is None:
            return False
        dialog = PlanSettingsDialog.ask(self._parent, plan, "Plan Settings")
        if dialog is None:
            return False
        changes = dialog.changes()
        if not changes:
            return False
        return self._ctx.run(EditPlan(plan.id, **changes), "Edit plan settings")

    def duplicate_plan(self) -> int | None:
        from app.services.plan_commands import DuplicatePlan

        plan = self._ctx.plan
        if plan is None or plan.id is None or not self._ctx.finish_editing():
            return None
        name = prompts.ask_text(
            self._parent, "Duplicate Plan", "Name of the copy:", f"{plan.name} (copy)"
        )
        if name is None:
            return None
        command = DuplicatePlan(plan.id, name)
        if not self._ctx.apply_once(command) or command.plan_id is None:
            return None
        self._ctx.open_plan(command.plan_id)
        return command.plan_id

    def new_scenario(self) -> int | None:
        """Copy the open plan into a scenario (its lines remember where they came from)."""
        from app.services.versions import CreateScenario

        plan = self._ctx.plan
        if plan is None or plan.id is None or not self._ctx.finish_editing():
            return None
        name = prompts.ask_text(
            self._parent, "New Scenario", "Name of the scenario:", f"{plan.name} (scenario)"
        )
        if name is None:
            return None
        command = CreateScenario(plan.id, name)
        if not self._ctx.apply_once(command) or command.plan_id is None:
            return None
        self._ctx.open_plan(command.plan_id)
        return command.plan_id

    def save_baseline(self) -> bool:
        """Freeze the open plan under a name; a baseline is kept, never changed."""
        from app.domain.errors import BudgetwrightError
        from app.services.versions import save_baseline

        plan, workspace = self._ctx.plan, self._ctx.workspace
        if plan is None or plan.id is None or workspace is None:
            return False
        if not self._ctx.finish_editing():
            return False
        name = prompts.ask_text(self._parent, "Save Baseline", "Name of the baseline:", "")
        if name is None:
            return False
        try:
            saved = save_baseline(workspace, plan.id, name)
        except BudgetwrightError as exc:
            prompts.show_error(self._parent, "Save Baseline", str(exc))
            return False
        prompts.show_info(
            self._parent,
            "Save Baseline",
            f"Saved baseline “{saved.name}” of “{plan.name}”: "
            f"total {saved.currency} {saved.total}.",
        )
        return True

    def delete_plan(self) -> bool:
        from app.services.plan_commands import DeletePlan

        plan = self._ctx.plan
        if plan is None or plan.id is None:
            return False
        question = (
            f"Delete the plan “{plan.name}” with all its lines and phases?\n\n"
            "This cannot be undone. Export it first if you may need it again."
        )
        if not prompts.confirm(self._parent, "Delete Plan", question):
            return False
        plan_id = plan.id
        if not self._ctx.apply_once(DeletePlan(plan_id)):
            return False
        self._ctx.settings.forget_plan(plan_id)
        others = [p for p in self._ctx.plans if p.id != plan_id and p.id is not None]
        recent = [i for i in self._ctx.settings.recent_plans() if any(p.id == i for p in others)]
        if recent:
            self._ctx.open_plan(recent[0])
        elif others and others[0].id is not None:
            self._ctx.open_plan(others[0].id)
        else:
            self._start_over()
        return True

    def _start_over(self) -> None:
        from app.services.plan_commands import CreatePlan

        command = CreatePlan(blank_plan())
        if self._ctx.apply_once(command) and command.plan_id is not None:
            self._ctx.open_plan(command.plan_id)
