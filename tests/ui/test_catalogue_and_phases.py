"""Catalogue picks fill the rate and show their source; lines can follow a phase's dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from tests.ui.helpers import (
    add_line_with_button,
    cell,
    open_editor,
    pick_in_cell,
    settle,
    show,
    stored_lines,
    type_into_cell,
)
from ui.editors.date_entry import DateEntry
from ui.main_window import MainWindow
from ui.theme import error_colour

SAMPLE = "Support assistant: fine-tune and serve"
H100 = "NVIDIA H100 SXM5 80GB on Lambda, on-demand (per GPU-hour)"


def test_picking_h100_sxm_fills_the_rate_and_shows_specs_source_and_date(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor, line_id = add_line_with_button(qtbot, window, "computing")

    # search the catalogue by typing part of the name, then Enter
    combo = open_editor(qtbot, editor, cell(editor, line_id, "catalogue"))
    assert isinstance(combo, QComboBox) and combo.isEditable()
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo.lineEdit(), H100)
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    settle()

    line = window.ctx.lines[line_id]
    assert line.drivers["unit_cost"] == "2.99"
    assert (line.catalogue_ref, line.catalogue_price) == ("lambda_h100_sxm", "2.99")
    assert line.catalogue_as_of == date(2026, 3, 1)
    assert line.name == H100, "a new line takes the price's name"
    assert cell(editor, line_id, "unit_cost@one_time+recurring+spread+usage").data() == "2.99"
    tip = cell(editor, line_id, "catalogue").data(Qt.ItemDataRole.ToolTipRole)
    assert "Source: Lambda: GPU cloud on-demand price list" in tip and "2026-03-01" in tip

    editor.select_lines([line_id])
    card = editor.detail.price_card.text()
    assert "Source: Lambda: GPU cloud on-demand price list" in card
    assert "<b>Uncertain:</b> the survey page that quoted it was not recorded" in card
    assert "as of 2026-03-01" in card
    assert "Memory (GB)" in card and "80" in card and "BF16 dense (TFLOPS): <b>989.5</b>" in card
    assert "Specs: NVIDIA: H100 Tensor Core GPU datasheet" in card
    assert stored_lines(db_path, SAMPLE)[H100].catalogue_ref == "lambda_h100_sxm"


def test_picking_a_purchase_price_switches_the_line_to_a_purchase(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor, line_id = add_line_with_button(qtbot, window, "computing")
    pick_in_cell(qtbot, editor, line_id, "catalogue", "NVIDIA H100 SXM5 80GB (purchase, per GPU)")
    line = window.ctx.lines[line_id]
    assert line.cost_model == "purchase"
    assert line.drivers == {"quantity": "1", "unit_cost": "30000", "useful_life_months": "36"}
    assert cell(editor, line_id, "unit_cost@purchase").data() == "30,000"
    assert cell(editor, line_id, "hours_per_month").data() == ""


def test_a_line_takes_its_dates_from_a_phase_and_moves_with_it(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor, line_id = add_line_with_button(qtbot, window, "time")
    type_into_cell(qtbot, editor, line_id, "name", "Safety evaluation runs")
    pick_in_cell(qtbot, editor, line_id, "phase", "Testing Phase")
    follows = cell(editor, line_id, "dates_from_phase")
    assert editor.proxy.setData(
        follows, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    line = window.ctx.lines[line_id]
    assert (line.start, line.end, line.dates_from_phase) == (
        date(2027, 7, 1),
        date(2027, 8, 31),
        True,
    )

    # move the phase in the phases table: its end is typed in place
    phases = editor.phase_table  # type: ignore[attr-defined]
    model = editor.phases  # type: ignore[attr-defined]
    testing = next(r for r in range(model.rowCount()) if model.phase(r).key == "testing")
    phases.setFocus()
    phases.setCurrentIndex(model.index(testing, 2))
    phases.edit(model.index(testing, 2))
    widget = QApplication.focusWidget()
    assert isinstance(widget, DateEntry), widget
    widget.selectAll()
    qtbot.keyClicks(widget, "2027-09-15")
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    settle()

    line = window.ctx.lines[line_id]
    assert line.end == date(2027, 9, 15)
    assert cell(editor, line_id, "end").data() == "2027-09-15"
    assert (
        cell(editor, line_id, "end").data(Qt.ItemDataRole.ToolTipRole).startswith("From the phase")
    )
    assert stored_lines(db_path, SAMPLE)["Safety evaluation runs"].end == date(2027, 9, 15)
    assert model.index(testing, 5).data() == "2"  # this line and the evaluation harness runs


def test_phases_are_added_renamed_made_dependent_and_deleted(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = show(window, "time")
    model = editor.phases  # type: ignore[attr-defined]
    count = model.rowCount()
    qtbot.mouseClick(editor.add_phase_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    settle()
    assert model.rowCount() == count + 1
    row = count
    assert model.setData(model.index(row, 0), "Red teaming")
    assert model.setData(model.index(row, 3), "Testing Phase, Deployment Phase")
    new = model.phase(row)
    assert (new.name, new.depends_on) == ("Red teaming", ("testing", "deployment"))
    assert model.index(row, 3).data() == "Testing Phase, Deployment Phase"
    # a loop is refused with the reason
    research = next(r for r in range(model.rowCount()) if model.phase(r).key == "research")
    assert not model.setData(model.index(research, 3), "Red teaming")
    assert "loop" in window.editors.messages.text
    assert model.setData(
        model.index(row, 4), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert model.phase(row).milestone
    editor.phase_table.setCurrentIndex(model.index(row, 0))  # type: ignore[attr-defined]
    qtbot.mouseClick(editor.delete_phase_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert model.rowCount() == count


def test_a_phase_that_starts_before_the_one_it_waits_for_ends_is_flagged(
    window: MainWindow,
) -> None:
    editor = show(window, "time")
    model = editor.phases  # type: ignore[attr-defined]
    row = {model.phase(r).key: r for r in range(model.rowCount())}
    start = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Start"
    )

    def flag(key: str) -> tuple[object, object]:
        index = model.index(row[key], start)
        return index.data(Qt.ItemDataRole.ForegroundRole), index.data(Qt.ItemDataRole.ToolTipRole)

    assert all(flag(key) == (None, None) for key in row), "the sample's phases are in order"
    assert model.edit(row["testing"], "end", date(2027, 9, 15))  # past Deployment's start
    colour, tip = flag("deployment")
    assert colour == error_colour()
    assert tip == "Deployment Phase starts 2027-09-01, before Testing Phase ends (2027-09-15)"
    window.actions["edit.undo"].trigger()
    assert flag("deployment") == (None, None)
