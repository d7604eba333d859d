"""Bad values are refused where they are typed, with the reason; nothing invalid is stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.helpers import (
    cell,
    line_named,
    show,
    stored_lines,
    type_into_cell,
    type_into_field,
)
from ui.main_window import MainWindow

SAMPLE = "Support assistant: fine-tune and serve"
CLUSTER = "Fine-tuning cluster: 8x H100 SXM"


@pytest.mark.parametrize(
    ("key", "typed", "reason"),
    [
        ("quantity", "eight", "Count: “eight” is not a number"),
        ("quantity", "-2", "Count: “-2” must not be negative"),
        ("quantity", "1e400", "Count: “1e400” has more than 15 digits before the point"),
        ("utilization", "140 %", "Utilization: “140 %” must be at most 100 %"),
        ("hours_per_month", "800", "Hours per month: “800” must be at most 744"),
        ("end", "2026-12-31", "End: “2026-12-31” is before the start 2027-03-01"),
    ],
)
def test_a_refused_cell_keeps_its_editor_open_and_says_why(
    qtbot: QtBot, window: MainWindow, db_path: Path, key: str, typed: str, reason: str
) -> None:
    editor = show(window, "computing")
    line = line_named(editor, CLUSTER)
    before = stored_lines(db_path, SAMPLE)[CLUSTER]
    shown = cell(editor, line.id, key).data()
    widget = type_into_cell(qtbot, editor, line.id, key, typed)
    message = window.editors.messages.text
    assert reason in message and message.startswith("Not stored")
    assert widget.isVisible(), "the editor stays open so the value can be fixed"
    assert widget.property("invalid") is True
    assert window.ctx.lines[line.id] == line
    assert stored_lines(db_path, SAMPLE)[CLUSTER] == before
    assert window.ctx.undo_stack.count() == 0

    qtbot.keyClick(widget, Qt.Key.Key_Escape)  # give up: the old value stays
    assert cell(editor, line.id, key).data() == shown


def test_a_corrected_value_is_taken_and_clears_the_message(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = show(window, "computing")
    line = line_named(editor, CLUSTER)
    widget = type_into_cell(qtbot, editor, line.id, "utilization", "140 %")
    assert isinstance(widget, QLineEdit)
    widget.selectAll()
    qtbot.keyClicks(widget, "90 %")
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.lines[line.id].drivers["utilization"] == "0.9")
    assert window.editors.messages.text == ""


def test_the_detail_form_refuses_in_place_and_stores_nothing(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    _editor, field = type_into_field(qtbot, window, "human", "ML engineers", "fte", "-1")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.property("invalid") is True
    assert field.text() == "-1", "the refused text stays for the planner to fix"
    assert "FTE: “-1” must not be negative" in window.editors.messages.text
    assert stored_lines(db_path, SAMPLE)["ML engineers"].drivers["fte"] == "2"


def test_a_date_before_the_start_is_refused_in_the_date_editor(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor = show(window, "software")
    seats = line_named(editor, "GitHub Team seats")
    type_into_cell(qtbot, editor, seats.id, "start", "2027-02-01")
    type_into_cell(qtbot, editor, seats.id, "end", "2027-01-15")
    assert "End: “2027-01-15” is before the start 2027-02-01" in window.editors.messages.text
    assert stored_lines(db_path, SAMPLE)["GitHub Team seats"].end.isoformat() == "2027-12-31"


def test_an_empty_name_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    editor = show(window, "support")
    line = editor.model.lines()[0]
    assert line.id is not None
    widget = type_into_cell(qtbot, editor, line.id, "name", "   ")
    assert "a line needs a name" in window.editors.messages.text
    assert widget.isVisible()
    assert window.ctx.lines[line.id].name == line.name


def test_the_same_value_in_other_words_is_shown_as_the_form_writes_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    _editor, field = type_into_field(
        qtbot, window, "computing", "Fine-tuning cluster: 8x H100 SXM", "utilization", "0.85"
    )
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "85 %"
    assert window.ctx.undo_stack.count() == 0, "nothing changed, nothing to undo"
