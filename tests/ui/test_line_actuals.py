"""Actuals typed in the detail form: booked as one step, shown, deleted, undone."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import line_named, settle, show
from ui.main_window import MainWindow


def stored(db_path: Path) -> list[tuple[str, str, str, int]]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "SELECT booked_on, amount, reference, line_id FROM actual ORDER BY id"
        ).fetchall()


def test_an_actual_typed_in_the_detail_form_is_stored_and_undone(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor = show(window, "human")
    engineers = line_named(editor, "ML engineers")
    assert engineers.id is not None
    editor.select_lines([engineers.id])
    box = editor.detail.actuals
    assert box.isVisible() and box.table.rowCount() == 0
    box.day.setText("2027-02-28")
    qtbot.keyClicks(box.amount, "12,500.50")  # grouped as people type it: refused
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    assert stored(db_path) == []
    box.amount.clear()
    qtbot.keyClicks(box.amount, "12500.50")
    qtbot.keyClicks(box.reference, "INV-77")
    qtbot.keyClick(box.reference, Qt.Key.Key_Return)
    settle()
    assert stored(db_path) == [("2027-02-28", "12500.50", "INV-77", engineers.id)]
    assert box.table.rowCount() == 1
    assert box.table.item(0, 1).text() == "12,500.50"
    assert box.spent.text().startswith("Spent USD 12,500.50 of USD 640,250.04")
    assert box.amount.text() == ""

    window.ctx.undo_stack.undo()
    settle()
    assert stored(db_path) == [] and box.table.rowCount() == 0
    window.ctx.undo_stack.redo()
    settle()
    assert box.table.rowCount() == 1

    box.table.selectRow(0)
    qtbot.mouseClick(box.delete_button, Qt.MouseButton.LeftButton)
    settle()
    assert stored(db_path) == [] and box.table.rowCount() == 0
    assert window.ctx.undo_stack.undoText() == "Delete actual of ML engineers"
    window.ctx.undo_stack.undo()
    settle()
    assert stored(db_path) == [("2027-02-28", "12500.50", "INV-77", engineers.id)]
