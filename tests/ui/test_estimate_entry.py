"""Issue 12 point 1: low and high estimates typed as amounts or as −x % / +y % of the
line's total, in the table and in the detail form; one undoable step; refused with the
reason when they leave the most likely outside the range."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.domain.money import from_minor, grouped
from tests.ui.helpers import (
    cell,
    line_named,
    open_editor,
    show,
    stored_lines,
    type_into_cell,
    type_into_field,
)
from ui.main_window import MainWindow

SAMPLE = "Support assistant: fine-tune and serve"
EXPERIMENTS = "Experiments: 2x A100 80GB"  # no range in the sample
CLUSTER = "Fine-tuning cluster: 8x H100 SXM"  # ranged 14,000 to 32,000


def total_of(window: MainWindow, line_id: int) -> int:
    budget = window.ctx.budget
    assert budget is not None
    return budget.line_total(line_id)


def share_of(total: int, factor: str) -> str:
    """``total`` (cents) × ``factor`` rounded half-up to the cent, as stored."""
    minor = (Decimal(total) * Decimal(factor)).to_integral_value(ROUND_HALF_UP)
    return f"{from_minor(int(minor), 2):f}"


def test_minus_10_and_plus_25_percent_typed_in_the_table_store_amounts_one_undo_each(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor = show(window, "computing")
    line = line_named(editor, EXPERIMENTS)
    assert line.low_estimate is None and line.high_estimate is None
    total = total_of(window, line.id)

    type_into_cell(qtbot, editor, line.id, "low_estimate", "-10%")
    type_into_cell(qtbot, editor, line.id, "high_estimate", "+25 %")

    low, high = share_of(total, "0.9"), share_of(total, "1.25")
    stored = stored_lines(db_path, SAMPLE)[EXPERIMENTS]
    assert (stored.low_estimate, stored.high_estimate) == (low, high)
    assert cell(editor, line.id, "low_estimate").data() == f"{Decimal(low):,f}"
    assert cell(editor, line.id, "high_estimate").data() == f"{Decimal(high):,f}"
    assert window.ctx.undo_stack.count() == 2
    assert window.editors.messages.text == ""

    window.actions["edit.undo"].trigger()
    assert window.ctx.lines[line.id].high_estimate is None
    assert window.ctx.lines[line.id].low_estimate == low
    window.actions["edit.undo"].trigger()
    assert stored_lines(db_path, SAMPLE)[EXPERIMENTS].low_estimate is None


def test_the_detail_forms_low_field_takes_a_percentage_and_shows_the_amount(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    _editor, field = type_into_field(
        qtbot, window, "computing", EXPERIMENTS, "low_estimate", "-12.5 %"
    )
    line = next(line for line in window.ctx.lines.values() if line.name == EXPERIMENTS)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    expected = share_of(total_of(window, line.id), "0.875")
    assert field.text() == expected
    assert field.property("invalid") is not True
    assert stored_lines(db_path, SAMPLE)[EXPERIMENTS].low_estimate == expected
    assert window.ctx.undo_stack.count() == 1
    assert window.ctx.undo_stack.undoText().endswith("Low estimate")

    # a bare percentage in the high means above the total
    _editor, high = type_into_field(qtbot, window, "computing", EXPERIMENTS, "high_estimate", "40%")
    qtbot.keyClick(high, Qt.Key.Key_Return)
    assert high.text() == share_of(total_of(window, line.id), "1.4")


def test_a_low_above_the_total_is_refused_in_the_cell_with_the_reason(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor = show(window, "computing")
    line = line_named(editor, CLUSTER)
    total = total_of(window, line.id)
    widget = type_into_cell(qtbot, editor, line.id, "low_estimate", "+10%")
    message = window.editors.messages.text
    assert message.startswith("Not stored")
    above = grouped(int(Decimal(share_of(total, "1.1")) * 100), 2)
    assert (
        f"Low estimate: “+10%” makes {above}, above the line's total "
        f"{grouped(total, 2)} (its most likely cost)" in message
    )
    assert widget.isVisible() and widget.property("invalid") is True
    assert stored_lines(db_path, SAMPLE)[CLUSTER].low_estimate == "14000"
    assert window.ctx.undo_stack.count() == 0
    qtbot.keyClick(widget, Qt.Key.Key_Escape)


def test_a_high_below_the_total_is_refused_in_the_detail_form(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    _editor, field = type_into_field(qtbot, window, "computing", CLUSTER, "high_estimate", "15,000")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.property("invalid") is True
    assert field.text() == "15,000", "the refused text stays for the planner to fix"
    message = window.editors.messages.text
    assert "High estimate: “15,000” is below the line's total 17,892.16" in message
    assert stored_lines(db_path, SAMPLE)[CLUSTER].high_estimate == "32000"


def test_amounts_still_work_and_clearing_makes_the_line_fixed_again(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor = show(window, "computing")
    line = line_named(editor, CLUSTER)
    type_into_cell(qtbot, editor, line.id, "high_estimate", "USD 40,000")
    assert stored_lines(db_path, SAMPLE)[CLUSTER].high_estimate == "40000"
    widget = open_editor(qtbot, editor, cell(editor, line.id, "low_estimate"))
    assert isinstance(widget, QLineEdit)
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.ctx.lines[line.id].low_estimate is None)


def test_the_quick_entry_is_told_where_it_is_typed(qtbot: QtBot, window: MainWindow) -> None:
    editor = show(window, "computing")
    line = line_named(editor, EXPERIMENTS)
    editor.select_lines([line.id])
    low, high = editor.detail.fields["low_estimate"], editor.detail.fields["high_estimate"]
    assert isinstance(low.widget, QLineEdit) and isinstance(high.widget, QLineEdit)
    assert low.widget.placeholderText() == "Amount, or −10 %"
    assert high.widget.placeholderText() == "Amount, or +25 %"
    assert "−10 %" in low.widget.toolTip() and "+25 %" in high.widget.toolTip()
    index = cell(editor, line.id, "low_estimate")
    assert "−10 %" in str(index.data(Qt.ItemDataRole.ToolTipRole))
    header = editor.proxy.headerData(index.column(), Qt.Orientation.Horizontal)
    assert header == "Low estimate (USD)"
    cell_editor = open_editor(qtbot, editor, index)
    assert isinstance(cell_editor, QLineEdit)
    assert cell_editor.placeholderText() == "Amount, or −10 %"
    qtbot.keyClick(cell_editor, Qt.Key.Key_Escape)
