"""Editing lines through the editors' own widgets, checked against the database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.taxonomy import CATEGORY_KEYS
from app.services.summary import plan_summary
from tests.ui.conftest import open_window
from tests.ui.helpers import (
    add_line_with_button,
    cell,
    column_of,
    line_named,
    pick_in_cell,
    show,
    stored_lines,
    type_into_cell,
    type_into_field,
)
from ui.main_window import MainWindow

SAMPLE = "Support assistant: fine-tune and serve"

# For each category: a name, a driver column to type into, what to type, what is stored.
ENTRIES = {
    "computing": ("Burst capacity", "hours_per_month", "120", "hours_per_month", "120"),
    "human": ("Data engineer", "fte", "0.75", "fte", "0.75"),
    "data": ("Red-team prompts", "quantity", "5,000", "quantity", "5000"),
    "software": ("Label Studio seats", "quantity", "4", "quantity", "4"),
    "infrastructure": ("VPN gateway", "quantity", "2", "quantity", "2"),
    "time": ("Ablation runs", "hours_per_month", "30", "hours_per_month", "30"),
    "documentation": ("Model card", "quantity", "16", "quantity", "16"),
    "support": ("Status page", "quantity", "1", "quantity", "1"),
}


def test_a_line_added_in_each_category_through_the_editor_is_stored(
    qtbot: QtBot, window: MainWindow, db_path: Path, settings_path: Path
) -> None:
    before = window.ctx.totals
    assert before is not None
    added: dict[str, int] = {}
    for category in CATEGORY_KEYS:
        name, key, typed, driver, stored = ENTRIES[category]
        editor, line_id = add_line_with_button(qtbot, window, category)
        added[category] = line_id
        type_into_cell(qtbot, editor, line_id, "name", name)
        type_into_cell(qtbot, editor, line_id, key, typed)
        assert window.ctx.lines[line_id].drivers[driver] == stored
        assert cell(editor, line_id, "name").data() == name
    window.close()

    lines = stored_lines(db_path, SAMPLE)
    for category, (name, _key, _typed, driver, stored) in ENTRIES.items():
        assert lines[name].category == category
        assert lines[name].drivers[driver] == stored

    again = open_window(qtbot, db_path, settings_path)
    assert {again.ctx.lines[i].name for i in added.values()} == {e[0] for e in ENTRIES.values()}


def test_editing_a_driver_updates_the_line_total_the_subtotals_and_the_summary(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = show(window, "human")
    ml = line_named(editor, "ML engineers")
    type_into_cell(qtbot, editor, ml.id, "fte", "3")
    # 3 FTE x 246,250 x 1.3 = 960,375.00 a year
    assert cell(editor, ml.id, "total").data() == "960,375.00"
    # the window shows exactly what the core computes from the stored plan
    workspace, plan = window.ctx.workspace, window.ctx.plan
    assert workspace is not None and plan is not None and plan.id is not None
    summary = plan_summary(workspace.snapshot(plan.id))
    assert window.summary.total.text() == f"USD {Decimal(summary['total']):,}"
    assert summary["total"] == "1709932.72"
    human = f"{Decimal(summary['by_category']['human']):,}"
    assert window.navigator.navigator_model.index(1, 1).data() == human == "1,336,157.74"
    assert editor.subtotal.text() == f"USD {human}"


def test_choices_and_dates_are_edited_through_their_delegates(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor = show(window, "software")
    seats = line_named(editor, "GitHub Team seats")
    pick_in_cell(qtbot, editor, seats.id, "period", "Yearly")
    assert window.ctx.lines[seats.id].drivers["period"] == "year"
    type_into_cell(qtbot, editor, seats.id, "end", "2027-06-30")
    assert window.ctx.lines[seats.id].end == date(2027, 6, 30)
    pick_in_cell(qtbot, editor, seats.id, "item", "Development Tools › CI/CD Tools")
    assert window.ctx.lines[seats.id].item == "ci_cd_tools"
    pick_in_cell(qtbot, editor, seats.id, "cost_model", "One-time")
    line = window.ctx.lines[seats.id]
    assert line.cost_model == "one_time" and set(line.drivers) == {"quantity", "unit_cost"}
    stored = stored_lines(db_path, SAMPLE)["GitHub Team seats"]
    assert (stored.cost_model, stored.item, stored.end) == (
        "one_time",
        "ci_cd_tools",
        date(2027, 6, 30),
    )


def test_cells_a_cost_model_does_not_use_are_blank_and_read_only(window: MainWindow) -> None:
    editor = show(window, "computing")
    workstation = next(
        line for line in editor.model.lines() if line.name == "Developer workstations"
    )
    assert workstation.id is not None
    hours = cell(editor, workstation.id, "hours_per_month")
    assert hours.data() == ""
    assert not (hours.flags() & Qt.ItemFlag.ItemIsEditable)
    price = cell(editor, workstation.id, "unit_cost@purchase")
    assert price.data() == "4,200" and price.flags() & Qt.ItemFlag.ItemIsEditable


def test_the_detail_form_shows_every_driver_the_notes_and_the_month_by_month_cost(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = show(window, "computing")
    cluster = next(
        line for line in editor.model.lines() if line.name.startswith("Fine-tuning cluster")
    )
    assert cluster.id is not None
    editor.select_lines([cluster.id])
    form = editor.detail
    titles = {f.column.title for f in form.fields.values()}
    assert {"Count", "Hours per month", "Utilization", "Rate", "Notes", "Vendor"} <= titles
    assert form.fields["utilization"].value() == "85 %"
    assert form.fields["notes"].value().startswith("LoRA and full fine-tunes")
    months = [form.months.index(r, 0).data() for r in range(form.months.rowCount())]
    assert months == ["2027-03", "2027-04", "2027-05", "2027-06"]
    # 8 x 220 h x 0.85 x 2.99 = 4,473.04 a month
    assert form.months.index(0, 1).data() == "4,473.04"
    # typing into the form stores the value
    field = form.fields["hours_per_month"]
    field.widget.setFocus()
    field.widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(field.widget, "200")
    qtbot.keyClick(field.widget, Qt.Key.Key_Return)
    assert window.ctx.lines[cluster.id].drivers["hours_per_month"] == "200"
    assert form.months.index(0, 1).data() == "4,066.40"


@pytest.mark.parametrize("category", CATEGORY_KEYS)
def test_every_category_has_an_editor_with_columns_that_fit_it(
    window: MainWindow, category: str
) -> None:
    editor = show(window, category)
    titles = [c.title for c in editor.columns]
    expected = {
        "computing": {
            "Accelerator or instance",
            "Count",
            "Hours per month",
            "Utilization",
            "Rate",
            "Purchase price",
            "Useful life (months)",
        },
        "human": {"FTE", "Annual cost", "Overhead %"},
        "data": {"Volume", "Growth per month", "Unit price", "Items", "Price per item"},
        "software": {"Seats", "Price per seat", "Period"},
        "infrastructure": {"Tier or service", "Unit", "Unit cost", "Volume"},
        "time": {"Phase", "Phase dates", "GPUs", "FTE"},
        "documentation": {"Effort (hours)", "Rate per hour"},
        "support": {"Quantity", "Unit cost", "Period"},
    }[category]
    assert expected <= set(titles)
    assert "Total" in titles and titles[0] == "Name"
    assert editor.model.rowCount() > 0
    header = editor.model.headerData(column_of(editor, "total"), Qt.Orientation.Horizontal)
    assert header == "Total (USD)"


@pytest.mark.parametrize("action", ["lines.duplicate", "lines.down", "lines.add"])
def test_a_value_typed_in_the_detail_form_is_stored_before_a_line_action(
    qtbot: QtBot, window: MainWindow, db_path: Path, action: str
) -> None:
    """Clicking a line tool button takes no focus, so the field never sees the planner
    leave it; the action stores what was typed first, then runs."""
    editor, _field = type_into_field(
        qtbot, window, "software", "GitHub Team seats", "quantity", "77"
    )
    qtbot.mouseClick(editor.tool_buttons[action], Qt.MouseButton.LeftButton)
    assert stored_lines(db_path, SAMPLE)["GitHub Team seats"].drivers["quantity"] == "77"
    stack = window.ctx.undo_stack
    steps = [stack.text(i) for i in range(stack.count())]
    assert steps[0] == "Edit GitHub Team seats: Seats" and len(steps) == 2, steps
    if action == "lines.duplicate":
        copy = stored_lines(db_path, SAMPLE)["GitHub Team seats (copy)"]
        assert copy.drivers["quantity"] == "77"


def test_a_refused_value_in_the_detail_form_stops_the_line_action(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor, field = type_into_field(
        qtbot, window, "software", "GitHub Team seats", "quantity", "-3"
    )
    before = window.ctx.undo_stack.count()
    qtbot.mouseClick(editor.tool_buttons["lines.duplicate"], Qt.MouseButton.LeftButton)
    assert window.ctx.undo_stack.count() == before, "nothing was duplicated"
    assert "must not be negative" in window.editors.messages.text
    assert field.text() == "-3"
    assert "GitHub Team seats (copy)" not in stored_lines(db_path, SAMPLE)


def test_a_value_still_in_its_field_is_stored_when_the_window_closes(
    qtbot: QtBot, db_path: Path, settings_path: Path
) -> None:
    window = open_window(qtbot, db_path, settings_path)
    type_into_field(qtbot, window, "software", "GitHub Team seats", "quantity", "12")
    window.close()
    assert stored_lines(db_path, SAMPLE)["GitHub Team seats"].drivers["quantity"] == "12"


def test_a_value_still_in_its_field_goes_into_an_export(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.io.xlsx import read_workbook
    from ui import prompts

    target = tmp_path / "plan.xlsx"
    monkeypatch.setattr(prompts, "ask_save_path", lambda *_args: target)
    type_into_field(qtbot, window, "software", "GitHub Team seats", "quantity", "13")
    assert window.files.export_excel()
    qtbot.waitUntil(target.exists, timeout=30_000)
    qtbot.waitUntil(lambda: not window.ctx.background.jobs, timeout=30_000)
    lines = {line.name: line for line in read_workbook(target).lines}
    assert lines["GitHub Team seats"].drivers["quantity"] == "13"
