"""Driving the window the way a planner does: through its real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.domain.plan import Line
from app.services.workspace import Workspace
from ui.editors.category_editor import CategoryEditor
from ui.main_window import MainWindow


def show(window: MainWindow, category: str) -> CategoryEditor:
    """Choose the category in the navigator, as a click would."""
    window.navigator.select(category)
    editor = window.editors.current()
    assert editor is not None and editor.category == category
    return editor


def line_named(editor: CategoryEditor, name: str) -> Line:
    """The stored line of the editor's category with this name."""
    line = next(line for line in editor.model.lines() if line.name == name)
    assert line.id is not None
    return line


def column_of(editor: CategoryEditor, key: str) -> int:
    return next(i for i, c in enumerate(editor.columns) if c.key == key)


def cell(editor: CategoryEditor, line_id: int, key: str) -> QModelIndex:
    row = editor.model.row_of(line_id)
    assert row is not None, f"line {line_id} not in the {editor.category} table"
    return editor.proxy.mapFromSource(editor.model.index(row, column_of(editor, key)))


def open_editor(qtbot: QtBot, editor: CategoryEditor, index: QModelIndex) -> QWidget:
    """Start editing a cell (as F2 would) and return the delegate's editor widget."""
    editor.table.setFocus()
    editor.table.setCurrentIndex(index)
    editor.table.edit(index)
    widgets = [
        w
        for w in editor.table.viewport().findChildren(QWidget)
        if isinstance(w, (QLineEdit, QComboBox)) and w.isVisible()
    ]
    assert widgets, "no cell editor opened"
    widget = widgets[-1]
    if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
        widget = widget.parent()  # type: ignore[assignment]
    return widget


def type_into_cell(
    qtbot: QtBot, editor: CategoryEditor, line_id: int, key: str, text: str
) -> QWidget:
    """Type ``text`` into a cell and press Enter; returns the editor widget (open if refused)."""
    widget = open_editor(qtbot, editor, cell(editor, line_id, key))
    line_edit = widget.lineEdit() if isinstance(widget, (QComboBox,)) else widget
    assert isinstance(line_edit, QLineEdit)
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    settle()
    return widget


def add_line_with_button(
    qtbot: QtBot, window: MainWindow, category: str
) -> tuple[CategoryEditor, int]:
    """Click the category editor's Add button; the editor and the new line's id."""
    editor = show(window, category)
    qtbot.mouseClick(editor.tool_buttons["lines.add"], Qt.MouseButton.LeftButton)
    settle()
    line = editor.current_line()
    assert line is not None and line.id is not None
    return editor, line.id


def type_into_field(
    qtbot: QtBot, window: MainWindow, category: str, line_name: str, key: str, text: str
) -> tuple[CategoryEditor, QLineEdit]:
    """Select a line and type ``text`` over a detail-form field, without leaving it."""
    editor = show(window, category)
    line = line_named(editor, line_name)
    editor.select_lines([line.id])
    field = editor.detail.fields[key].widget
    assert isinstance(field, QLineEdit)
    window.activateWindow()
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
    return editor, field


def settle() -> None:
    """Let queued events run (a delegate commits its editor's value on the next turn)."""
    for _ in range(3):
        QApplication.processEvents()


def pick_in_cell(qtbot: QtBot, editor: CategoryEditor, line_id: int, key: str, label: str) -> None:
    """Open a choice cell and pick the entry shown as ``label`` (as with the arrow keys)."""
    widget = open_editor(qtbot, editor, cell(editor, line_id, key))
    assert isinstance(widget, QComboBox)
    row = widget.findText(label)
    assert row >= 0, f"{label!r} is not offered in {key}"
    widget.setCurrentIndex(row)
    widget.activated.emit(row)
    settle()


def stored_lines(db_path: Path, plan_name: str) -> dict[str, Line]:
    """What the database holds, read by a fresh workspace (as after a restart)."""
    workspace = Workspace.open(db_path)
    try:
        plan = workspace.find_plan(plan_name)
        assert plan.id is not None
        return {line.name: line for line in workspace.snapshot(plan.id).lines}
    finally:
        workspace.close()
