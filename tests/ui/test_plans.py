"""The plan switcher: new, open, rename, duplicate, delete (with confirmation), settings."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.plan import blank_plan
from app.services.workspace import Workspace
from tests.ui.conftest import open_window
from ui import prompts
from ui.main_window import MainWindow
from ui.plan_dialogs import OpenPlanDialog, PlanSettingsDialog

SAMPLE = "Support assistant: fine-tune and serve"


def _plan_names(db_path: Path) -> list[str]:
    workspace = Workspace.open(db_path)
    try:
        return [p.name for p in workspace.plans()]
    finally:
        workspace.close()


def test_a_new_plan_is_created_from_the_dialog_and_opened(
    qtbot: QtBot, window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(parent: object, plan: object, title: str, *_rest: object) -> PlanSettingsDialog:
        dialog = PlanSettingsDialog(blank_plan(date(2028, 5, 1)), title)
        qtbot.addWidget(dialog)
        dialog.name.setText("Retrieval pilot")
        dialog.currency.setCurrentText("EUR")
        dialog.contingency.setText("15")
        return dialog

    monkeypatch.setattr(PlanSettingsDialog, "ask", staticmethod(fill))
    with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=10_000):
        window.actions["file.new_plan"].trigger()
    plan = window.ctx.plan
    assert plan is not None
    assert (plan.name, plan.currency, plan.contingency_pct) == (
        "Retrieval pilot",
        "EUR",
        Decimal("15"),
    )
    assert (plan.start, plan.end) == (date(2028, 1, 1), date(2028, 12, 31))
    assert window.summary.total.text() == "EUR 0.00"
    assert next(iter(window.ctx.phases.values())).name == "Research Phase"
    assert window.switcher.combo.currentText() == "Retrieval pilot"
    assert "Retrieval pilot" in _plan_names(db_path)


def test_the_settings_dialog_refuses_an_end_before_the_start(qtbot: QtBot) -> None:
    dialog = PlanSettingsDialog(blank_plan(date(2028, 5, 1)), "New Plan")
    qtbot.addWidget(dialog)
    start = date.fromisoformat(dialog.start.text())
    dialog.end.setText((start - timedelta(days=1)).isoformat())
    dialog.accept()
    assert dialog.message.text().startswith("End: “")
    assert "is before the start" in dialog.message.text()
    assert dialog.result() != PlanSettingsDialog.DialogCode.Accepted
    dialog.end.setText((start + timedelta(days=30)).isoformat())
    dialog.name.setText("  ")
    dialog.accept()
    assert dialog.message.text() == "Name: a plan needs a name"


def test_plan_settings_change_the_contingency_and_can_be_undone(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(parent: object, plan: object, title: str, *_rest: object) -> PlanSettingsDialog:
        dialog = PlanSettingsDialog(window.ctx.plan, title)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        dialog.contingency.setText("20")
        return dialog

    monkeypatch.setattr(PlanSettingsDialog, "ask", staticmethod(fill))
    window.actions["plan.settings"].trigger()
    assert window.summary.contingency_title.text() == "Contingency (20 %)"
    assert window.summary.contingency.text() == "USD 246,871.87"
    window.actions["edit.undo"].trigger()
    assert window.summary.contingency.text() == "USD 123,435.93"


def test_rename_duplicate_and_open_through_the_switcher(
    qtbot: QtBot, window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Support bot v2")
    window.actions["plan.rename"].trigger()
    assert window.windowTitle().startswith("Support bot v2")
    assert window.switcher.combo.currentText() == "Support bot v2"
    assert window.ctx.undo_stack.text(0) == "Rename plan to Support bot v2"

    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Support bot v3")
    with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=10_000):
        window.actions["plan.duplicate"].trigger()
    assert window.ctx.plan is not None and window.ctx.plan.name == "Support bot v3"
    assert len(window.ctx.lines) == 33
    assert window.switcher.combo.count() == 2

    # back to the first plan by picking it in the switcher
    row = window.switcher.model.row_of(
        next(p.id for p in window.ctx.plans if p.name == "Support bot v2")
    )
    with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=10_000):
        window.switcher.combo.setCurrentIndex(row)
        window.switcher.combo.activated.emit(row)
    assert window.ctx.plan is not None and window.ctx.plan.name == "Support bot v2"

    def choose(parent: object, plans: tuple) -> int | None:  # type: ignore[type-arg]
        dialog = OpenPlanDialog(plans)
        qtbot.addWidget(dialog)
        dialog.search.setText("v3")
        return dialog.chosen()

    monkeypatch.setattr(OpenPlanDialog, "ask", staticmethod(choose))
    with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=10_000):
        window.actions["file.open_plan"].trigger()
    assert window.ctx.plan is not None and window.ctx.plan.name == "Support bot v3"
    assert sorted(_plan_names(db_path)) == ["Support bot v2", "Support bot v3"]


def test_delete_asks_first_and_no_keeps_the_plan(
    window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def answer(_parent: object, title: str, text: str, *_a: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    window.actions["plan.delete"].trigger()
    assert asked and "cannot be undone" in asked[0]
    assert _plan_names(db_path) == [SAMPLE]


def test_deleting_the_plan_opens_another_and_the_last_one_leaves_a_blank_plan(
    qtbot: QtBot,
    window: MainWindow,
    db_path: Path,
    settings_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    )
    with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=10_000):
        window.actions["plan.delete"].trigger()
    assert window.ctx.plan is not None and window.ctx.plan.name == "New plan"
    assert _plan_names(db_path) == ["New plan"]
    assert window.ctx.lines == {}
    window.close()
    again = open_window(qtbot, db_path, settings_path)
    assert again.ctx.plan is not None and again.ctx.plan.name == "New plan"


def test_changing_an_existing_plans_currency_says_amounts_are_not_converted(
    qtbot: QtBot, window: MainWindow
) -> None:
    plan = window.ctx.plan
    assert plan is not None and plan.id is not None
    dialog = PlanSettingsDialog(plan, "Plan Settings")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.currency_note.isVisible()
    dialog.currency.setCurrentText("EUR")
    assert dialog.currency_note.isVisible()
    assert "not converted" in dialog.currency_note.text()
    dialog.currency.setCurrentText(plan.currency)
    assert not dialog.currency_note.isVisible()
    new = PlanSettingsDialog(blank_plan(date(2028, 5, 1)), "New Plan")
    qtbot.addWidget(new)
    new.show()
    new.currency.setCurrentText("EUR")
    assert not new.currency_note.isVisible(), "a new plan has no amounts yet"
