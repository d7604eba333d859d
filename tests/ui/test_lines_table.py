"""Adding, duplicating, deleting several, reordering, sorting and filtering lines."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import column_of, show, stored_lines
from ui.editors.category_editor import CategoryEditor
from ui.main_window import MainWindow

SAMPLE = "Support assistant: fine-tune and serve"


def _names(editor: CategoryEditor) -> list[str]:
    proxy = editor.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def _select_rows(editor: CategoryEditor, rows: list[int]) -> None:
    selection = editor.table.selectionModel()
    selection.clearSelection()
    for row in rows:
        selection.select(
            editor.proxy.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    selection.setCurrentIndex(
        editor.proxy.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
    )


def test_several_lines_are_deleted_at_once_with_the_delete_key(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor = show(window, "human")
    names = _names(editor)
    _select_rows(editor, [0, 2, 3])
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert _names(editor) == [names[1], *names[4:]]
    assert window.ctx.undo_stack.text(0) == "Delete 3 lines"
    stored = stored_lines(db_path, SAMPLE)
    assert not {names[0], names[2], names[3]} & set(stored)
    window.actions["edit.undo"].trigger()
    assert _names(editor) == names


def test_duplicated_lines_appear_after_the_originals(qtbot: QtBot, window: MainWindow) -> None:
    editor = show(window, "documentation")
    names = _names(editor)
    _select_rows(editor, [0, 1])
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert _names(editor) == [*names, f"{names[0]} (copy)", f"{names[1]} (copy)"]
    assert [line.name for line in editor.selected_lines()] == [
        f"{names[0]} (copy)",
        f"{names[1]} (copy)",
    ]


def test_lines_move_up_and_down_in_plan_order(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor = show(window, "support")
    names = _names(editor)
    _select_rows(editor, [2])
    window.actions["lines.up"].trigger()
    assert _names(editor) == [names[0], names[2], names[1], names[3]]
    assert [line.name for line in editor.selected_lines()] == [names[2]]
    window.actions["lines.down"].trigger()
    window.actions["lines.down"].trigger()
    assert _names(editor) == [names[0], names[1], names[3], names[2]]
    stored = stored_lines(db_path, SAMPLE)
    support = sorted(
        (line for line in stored.values() if line.category == "support"),
        key=lambda line: line.position,
    )
    assert [line.name for line in support] == _names(editor)


def test_with_a_section_shown_a_line_moves_past_the_next_line_shown(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor = show(window, "software")
    everything = _names(editor)
    window.navigator.select("software", "development_tools")
    shown = _names(editor)
    assert len(shown) < len(everything)
    _select_rows(editor, [len(shown) - 1])
    window.actions["lines.up"].trigger()
    assert _names(editor) == [*shown[:-2], shown[-1], shown[-2]], "a visible move"
    window.navigator.select("software")
    hidden = [n for n in everything if n not in shown]
    assert [n for n in _names(editor) if n not in shown] == hidden, "hidden lines stay put"
    stored = stored_lines(db_path, SAMPLE)
    software = sorted(
        (line for line in stored.values() if line.category == "software"),
        key=lambda line: line.position,
    )
    assert [line.name for line in software] == _names(editor)


def test_sorting_by_a_column_compares_numbers_and_clearing_it_restores_plan_order(
    window: MainWindow,
) -> None:
    editor = show(window, "human")
    plan_order = _names(editor)
    total = column_of(editor, "total")
    editor.table.sortByColumn(total, Qt.SortOrder.DescendingOrder)
    totals = [editor.proxy.index(r, total).data() for r in range(editor.proxy.rowCount())]
    amounts = [float(t.replace(",", "")) for t in totals]
    assert amounts == sorted(amounts, reverse=True)
    assert _names(editor)[0] == "ML engineers"
    editor.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    assert _names(editor) == plan_order


def test_the_filter_box_and_the_navigator_narrow_the_table(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = show(window, "computing")
    window.editors.focus_filter()
    assert editor.filter_box.hasFocus()
    qtbot.keyClicks(editor.filter_box, "h100")
    assert _names(editor) == ["Fine-tuning cluster: 8x H100 SXM"]
    editor.filter_box.clear()
    qtbot.keyClicks(editor.filter_box, "lambda")  # the vendor matches too
    assert _names(editor) == ["Fine-tuning cluster: 8x H100 SXM"]
    editor.filter_box.clear()

    window.navigator.select("computing", "development_environment")
    assert _names(editor) == ["Developer workstations"]
    assert editor.section_box.currentText() == "Development Environment"
    window.navigator.select("human", None)
    assert window.editors.current() is not None and window.editors.current().category == "human"


def test_category_shortcuts_switch_editors(qtbot: QtBot, window: MainWindow) -> None:
    for number, category in ((3, "data"), (6, "time"), (1, "computing")):
        qtbot.keyClick(
            window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier
        )
        assert window.editors.category == category
        current = window.navigator.currentIndex()
        assert window.navigator.navigator_model.keys(current) == (category, None)


def test_the_delete_key_in_the_detail_form_deletes_no_line(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = show(window, "software")
    count = editor.model.rowCount()
    editor.select_lines([editor.model.line(0).id])  # type: ignore[list-item]
    combo = editor.detail.fields["period"].widget
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Delete)
    assert editor.model.rowCount() == count
    window.actions["lines.delete"].trigger()  # the menu still deletes the selected line
    assert editor.model.rowCount() == count - 1
