"""A planner's own spreadsheet imported through the mapping dialog: the columns are guessed,
each row's problems are shown with their cell, Import waits until every row left in
reads, the lines are stored, and the corrected mapping is offered again next time."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from app.io.xlsx import read_table
from app.services.workspace import Workspace
from ui import prompts
from ui.main_window import MainWindow
from ui.mapping_dialog import MappingDialog, column_choice, fixed_choice
from ui.mapping_model import AMOUNT, COLUMNS, RowPreviewModel

HEADERS = (
    "Vendor",
    "Unit price",
    "Qty",
    "Description",
    "Expense",
    "Type",
    "Start date",
    "End date",
)
ROWS = (
    ("CoreWeave", "$2,500.00", 2, "Two nodes for a month", "GPU rental", "Computing",
     "2027-01-01", date(2027, 6, 30)),
    ("Acme Labels", "$1,200", 1, "Intent labels, first batch", "Annotation batch", "Data",
     date(2027, 2, 1), date(2027, 2, 1)),
    ("Dell", "twelve hundred", 3, "For the new hires", "Laptops", "Computing",
     date(2027, 1, 15), date(2027, 1, 15)),
    (None, None, None, None, "Total", None, None, None),
)  # fmt: skip
BAD_ROW = 6  # the Dell row: header on row 3, data from row 4


def planner_sheet(path: Path) -> Path:
    """A budget as people keep them: a merged title, a blank row, headers on row 3."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "FY27"
    ws["A1"] = "AI assistant budget FY2027"
    ws.merge_cells("A1:H1")
    for col, header in enumerate(HEADERS, start=1):
        ws.cell(3, col, header)
    for r, row in enumerate(ROWS, start=4):
        for col, value in enumerate(row, start=1):
            ws.cell(r, col, value)
    wb.save(path)
    return path


def _answer(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, act: Callable[[MappingDialog], None]
) -> list[MappingDialog]:
    seen: list[MappingDialog] = []

    def exec_(dialog: MappingDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        seen.append(dialog)
        act(dialog)
        return int(dialog.result())

    monkeypatch.setattr(MappingDialog, "exec", exec_)
    return seen


def _choose(combo: QComboBox, header: str | None) -> None:
    index = combo.findData(column_choice(header)) if header else 0
    assert index >= 0, f"{header!r} is not offered"
    combo.setCurrentIndex(index)


def _mapped(combo: QComboBox) -> str | None:
    data = combo.currentData()
    return data.removeprefix("column:") if isinstance(data, str) else None


def _problem_rows(dialog: MappingDialog) -> dict[int, str]:
    model = dialog.model
    return {
        model.row_preview(r).row: str(model.index(r, len(COLUMNS) - 1).data())
        for r in range(model.rowCount())
        if model.row_preview(r).problems
    }


def _untick(qtbot: QtBot, model: RowPreviewModel, sheet_row: int) -> None:
    """Untick a row's Import box, as a click on it does."""
    row = next(r for r in range(model.rowCount()) if model.row_preview(r).row == sheet_row)
    index = model.index(row, 0)
    assert model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(
        lambda: model.row_preview(row).skipped != "" if row < model.rowCount() else False
    )


def _import(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(prompts, "ask_open_path", lambda *_a, **_k: path)
    monkeypatch.setattr(prompts, "show_error", lambda *_a: pytest.fail(f"error shown: {_a}"))
    with qtbot.waitSignal(window.ctx.background.job_ended, timeout=60_000):
        window.actions["file.import"].trigger()


def _wait_opened(qtbot: QtBot, window: MainWindow, name: str) -> None:
    ctx = window.ctx
    qtbot.waitUntil(
        lambda: ctx.plan is not None and ctx.plan.name == name and not ctx.loading, timeout=30_000
    )


def test_a_planner_s_sheet_is_mapped_previewed_and_imported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    path = planner_sheet(tmp_path / "Team budget.xlsx")
    checked: dict[str, object] = {}

    def act(dialog: MappingDialog) -> None:
        # Guessed from the headers on row 3, below the merged title.
        assert dialog.header_row.value() == 3 and dialog.sheet.currentText() == "FY27"
        combos = dialog.combos
        assert _mapped(combos["unit_cost"]) == "Unit price"
        assert _mapped(combos["quantity"]) == "Qty"
        assert _mapped(combos["category"]) == "Type"
        assert _mapped(combos["start"]) == "Start date"
        checked["guessed name"] = _mapped(combos["name"])
        # The planner puts the line names and the notes where they belong.
        _choose(combos["name"], "Expense")
        _choose(combos["notes"], "Description")
        # The Dell row's price is words: shown with its sheet and cell; Import waits.
        problems = _problem_rows(dialog)
        assert list(problems) == [BAD_ROW]
        assert "sheet FY27, cell B6" in problems[BAD_ROW] and "twelve hundred" in problems[BAD_ROW]
        assert not dialog.import_button.isEnabled()
        assert dialog.counts.text() == "2 lines to import · 1 row that cannot be read · 1 skipped"
        # Leaving the row out makes Import possible.
        _untick(qtbot, dialog.model, BAD_ROW)
        assert dialog.import_button.isEnabled()
        assert dialog.counts.text() == "2 lines to import · 0 rows that cannot be read · 2 skipped"
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    seen = _answer(qtbot, monkeypatch, act)
    _import(qtbot, window, monkeypatch, path)
    assert len(seen) == 1
    _wait_opened(qtbot, window, "Team budget")
    assert checked["guessed name"] == "Description"  # what the planner had to correct

    ctx = window.ctx
    assert ctx.plan is not None and ctx.plan.name == "Team budget"
    assert window.summary.total.text() == "USD 6,200.00"
    workspace = Workspace.open(db_path)
    try:
        plan = workspace.find_plan("Team budget")
        assert plan.id is not None and plan.currency == "USD"
        lines = {line.name: line for line in workspace.snapshot(plan.id).lines}
    finally:
        workspace.close()
    assert sorted(lines) == ["Annotation batch", "GPU rental"]
    gpu = lines["GPU rental"]
    assert gpu.category == "computing" and gpu.vendor == "CoreWeave"
    assert gpu.notes == "Two nodes for a month"
    assert gpu.drivers["unit_cost"] == "2500.00" and gpu.drivers["quantity"] == "2"
    assert gpu.start == date(2027, 1, 1)  # typed as text in the sheet
    assert lines["Annotation batch"].category == "data"


def test_the_corrected_mapping_is_offered_for_the_same_layout_next_time(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def first(dialog: MappingDialog) -> None:
        _choose(dialog.combos["name"], "Expense")
        _choose(dialog.combos["notes"], "Description")
        qtbot.mouseClick(dialog.skip_unreadable, Qt.MouseButton.LeftButton)
        assert dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    _answer(qtbot, monkeypatch, first)
    _import(qtbot, window, monkeypatch, planner_sheet(tmp_path / "January.xlsx"))
    _wait_opened(qtbot, window, "January")

    offered: dict[str, str | None] = {}

    def second(dialog: MappingDialog) -> None:
        offered.update({key: _mapped(combo) for key, combo in dialog.combos.items()})
        dialog.reject()

    seen = _answer(qtbot, monkeypatch, second)
    plans_before = len(window.ctx.plans)
    _import(qtbot, window, monkeypatch, planner_sheet(tmp_path / "February.xlsx"))
    assert len(seen) == 1
    assert offered["name"] == "Expense" and offered["notes"] == "Description"
    assert offered["unit_cost"] == "Unit price"
    assert len(window.ctx.plans) == plans_before  # cancelled: nothing stored


def test_a_fixed_category_serves_a_sheet_without_one(
    qtbot: QtBot, tmp_path: Path, settings_path: Path
) -> None:
    path = planner_sheet(tmp_path / "Team budget.xlsx")
    store = QSettings(str(settings_path), QSettings.Format.IniFormat)
    from app.domain.taxonomy import standard_taxonomy

    dialog = MappingDialog(read_table(path), standard_taxonomy(), store)
    qtbot.addWidget(dialog)
    _choose(dialog.combos["name"], "Expense")
    _choose(dialog.combos["category"], None)
    assert "category" in dialog.problems.text() and not dialog.import_button.isEnabled()
    combo = dialog.combos["category"]
    combo.setCurrentIndex(combo.findData(fixed_choice("software")))
    assert dialog.preview is not None
    assert {line.category for line in dialog.preview.lines} == {"software"}
    assert "category" not in dialog.problems.text()
    dialog.skip_unreadable.click()
    dialog.plan_name.setText("Tools 2027")
    assert dialog.snapshot().plan.name == "Tools 2027"


def test_the_row_preview_is_a_well_behaved_model(
    qtmodeltester: object, qtbot: QtBot, tmp_path: Path, settings_path: Path
) -> None:
    from app.domain.taxonomy import standard_taxonomy

    store = QSettings(str(settings_path), QSettings.Format.IniFormat)
    dialog = MappingDialog(
        read_table(planner_sheet(tmp_path / "b.xlsx")), standard_taxonomy(), store
    )
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    assert dialog.model.rowCount() == 4


def _dialog(qtbot: QtBot, path: Path, settings_path: Path) -> MappingDialog:
    from app.domain.taxonomy import standard_taxonomy

    store = QSettings(str(settings_path), QSettings.Format.IniFormat)
    dialog = MappingDialog(read_table(path), standard_taxonomy(), store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _shot(dialog: MappingDialog, name: str) -> None:
    """Save what the planner sees when BUDGETWRIGHT_SHOTS names a folder (for review)."""
    folder = os.environ.get("BUDGETWRIGHT_SHOTS")
    if folder:
        dialog.grab().save(str(Path(folder) / f"{name}.png"))


def _type(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_the_preview_shows_each_row_s_amount_and_the_total(
    qtbot: QtBot, tmp_path: Path, settings_path: Path
) -> None:
    dialog = _dialog(qtbot, planner_sheet(tmp_path / "Team budget.xlsx"), settings_path)
    _choose(dialog.combos["name"], "Expense")
    dialog.skip_unreadable.click()
    model = dialog.model
    shown = {
        model.row_preview(r).row: model.index(r, AMOUNT).data() for r in range(model.rowCount())
    }
    # 2 × 2,500 a month for six months once; 1,200 once.
    assert shown == {4: "5,000.00", 5: "1,200.00", 6: "", 7: ""}
    assert dialog.total.text() == "Total USD 6,200.00"
    _shot(dialog, "mapping-amounts")


def test_the_planner_sets_the_plan_s_currency_dates_and_contingency(
    qtbot: QtBot, tmp_path: Path, settings_path: Path
) -> None:
    dialog = _dialog(qtbot, planner_sheet(tmp_path / "Team budget.xlsx"), settings_path)
    _choose(dialog.combos["name"], "Expense")
    dialog.skip_unreadable.click()
    fields = dialog.plan_settings.fields
    assert fields["currency"].placeholderText() == "from the sheet: USD"
    assert fields["start"].placeholderText() == "from the lines: 2027-01-01"
    _type(qtbot, fields["start"], "2027-01-01")
    _type(qtbot, fields["end"], "2027-12-31")
    _type(qtbot, fields["contingency_pct"], "10 %")
    assert dialog.import_button.isEnabled()
    assert dialog.total.text() == "Lines 6,200.00 + contingency 620.00 · Total USD 6,820.00"
    plan = dialog.snapshot().plan
    assert (plan.start, plan.end, str(plan.contingency_pct)) == (
        date(2027, 1, 1),
        date(2027, 12, 31),
        "10",
    )
    _type(qtbot, fields["end"], "end of year")
    assert "plan.end" in dialog.problems.text() and "YYYY-MM-DD" in dialog.problems.text()
    assert not dialog.import_button.isEnabled()
    _type(qtbot, fields["end"], "2027-12-31")
    # A sheet of dollars in a euro plan: every dollar cell is refused, naming its cell.
    _type(qtbot, fields["currency"], "eur")
    problems = _problem_rows(dialog)
    assert "cell B4: unit_cost = '$2,500.00': is in $, but the plan is in EUR" in problems[4]
    assert not dialog.import_button.isEnabled()
    _shot(dialog, "mapping-currency")
    _type(qtbot, fields["currency"], "USD")
    assert dialog.import_button.isEnabled()
    assert dialog.snapshot().plan.currency == "USD"


def test_the_planner_translates_a_column_s_words(
    qtbot: QtBot, tmp_path: Path, settings_path: Path
) -> None:
    path = planner_sheet(tmp_path / "Team budget.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws["F4"] = "Rented nodes"  # a word of the planner's own, not a category
    wb.save(path)
    dialog = _dialog(qtbot, path, settings_path)
    _choose(dialog.combos["name"], "Expense")
    assert "not a category" in _problem_rows(dialog)[4]
    translations = dialog.translations
    translations.field.setCurrentIndex(translations.field.findData("category"))
    table = translations.table
    words = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert words == ["Rented nodes", "Data", "Computing"]
    combo = table.cellWidget(0, 1)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("computing"))
    qtbot.waitUntil(lambda: 4 not in _problem_rows(dialog))
    assert dialog.preview is not None
    assert dialog.preview.mapping.values == {"category": {"Rented nodes": "computing"}}
    gpu = next(line for line in dialog.preview.lines if line.name == "GPU rental")
    assert gpu.category == "computing"
    _shot(dialog, "mapping-translate")
    # Remembered with the columns for the next sheet with these headers.
    dialog.skip_unreadable.click()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    again = _dialog(qtbot, path, settings_path)
    assert again.mapping().values == {"category": {"Rented nodes": "computing"}}
