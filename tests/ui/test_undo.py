"""Undo and redo: from the Edit menu and the standard keys, named, never past the plan's opening."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from tests.ui.helpers import add_line_with_button, line_named, show, stored_lines, type_into_cell
from ui.main_window import MainWindow

SAMPLE = "Support assistant: fine-tune and serve"


def _ml(window: MainWindow) -> int:
    line = next(line for line in window.ctx.lines.values() if line.name == "ML engineers")
    assert line.id is not None
    return line.id


def test_undo_and_redo_from_the_keyboard_restore_the_database_and_the_totals(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor = show(window, "human")
    ml = _ml(window)
    total_before = window.summary.total.text()
    type_into_cell(qtbot, editor, ml, "fte", "4")
    total_after = window.summary.total.text()
    assert total_after != total_before

    undo = window.actions["edit.undo"]
    assert undo.text() == "&Undo Edit ML engineers: FTE"
    assert QKeySequence(QKeySequence.StandardKey.Undo) in undo.shortcuts()
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.ctx.lines[ml].drivers["fte"] == "2"
    assert window.summary.total.text() == total_before
    assert stored_lines(db_path, SAMPLE)["ML engineers"].drivers["fte"] == "2"

    redo = window.actions["edit.redo"]
    assert redo.text() == "&Redo Edit ML engineers: FTE"
    qtbot.keyClick(editor.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert window.ctx.lines[ml].drivers["fte"] == "4"
    assert window.summary.total.text() == total_after
    assert stored_lines(db_path, SAMPLE)["ML engineers"].drivers["fte"] == "4"


def test_the_history_names_each_step_and_undo_all_goes_back_to_the_opened_plan(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    original = stored_lines(db_path, SAMPLE)
    editor, new_id = add_line_with_button(qtbot, window, "software")
    type_into_cell(qtbot, editor, new_id, "name", "Figma seats")
    seats = line_named(editor, "GitHub Team seats")
    editor.select_lines([seats.id])
    window.actions["lines.delete"].trigger()
    editor.select_lines([new_id])
    window.actions["lines.up"].trigger()

    stack = window.ctx.undo_stack
    steps = [stack.text(i) for i in range(stack.count())]
    assert steps == [
        "Add line to Software Resources",
        "Edit New software line: Name",
        "Delete GitHub Team seats",
        "Move Figma seats up",
    ]
    window.actions["view.history"].trigger()
    assert window.history.isVisible()

    while stack.canUndo():
        window.actions["edit.undo"].trigger()
    assert not window.actions["edit.undo"].isEnabled()
    assert stored_lines(db_path, SAMPLE) == original
    assert {line.name for line in editor.model.lines()} == {
        line.name for line in original.values() if line.category == "software"
    }


def test_opening_another_plan_starts_a_new_history(
    qtbot: QtBot, window: MainWindow, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from ui import prompts

    editor = show(window, "human")
    type_into_cell(qtbot, editor, _ml(window), "fte", "3")
    assert window.ctx.undo_stack.canUndo()
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Copy")
    with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=10_000):
        window.plans.duplicate_plan()
    assert window.ctx.plan is not None and window.ctx.plan.name == "Copy"
    assert not window.ctx.undo_stack.canUndo()


def test_quick_edits_of_one_field_merge_into_one_step(qtbot: QtBot, window: MainWindow) -> None:
    editor = show(window, "human")
    ml = _ml(window)
    for fte in ("2.5", "3", "3.5"):
        type_into_cell(qtbot, editor, ml, "fte", fte)
    stack = window.ctx.undo_stack
    assert stack.count() == 1
    stack.undo()
    assert window.ctx.lines[ml].drivers["fte"] == "2"
    stack.redo()
    assert window.ctx.lines[ml].drivers["fte"] == "3.5"


def test_moving_a_phase_moves_its_lines_and_undo_moves_them_back(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    from datetime import date

    editor = show(window, "time")
    phases = editor.phases  # type: ignore[attr-defined]
    development = next(r for r in range(phases.rowCount()) if phases.phase(r).key == "development")
    index = phases.index(development, 2)
    assert phases.setData(index, date(2027, 7, 31))
    cluster = next(
        line for line in window.ctx.lines.values() if line.name.startswith("Fine-tuning cluster")
    )
    assert cluster.end == date(2027, 7, 31)
    assert window.ctx.undo_stack.text(0) == "Move phase Development Phase"
    window.actions["edit.undo"].trigger()
    cluster = window.ctx.lines[cluster.id]  # type: ignore[index]
    assert cluster.end == date(2027, 6, 30)
    assert stored_lines(db_path, SAMPLE)[cluster.name].end == date(2027, 6, 30)
