"""Line items from a planner's own spreadsheet, read through a column mapping."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.cli.main import main
from app.domain.plan import CostModel
from app.io.xlsx import (
    ColumnMapping,
    UnreadableRows,
    guess_mapping,
    load_mapping,
    preview_mapped,
    read_table,
    read_workbook,
)
from app.services.summary import plan_summary
from app.services.workspace import Workspace

FILES = Path(__file__).parent / "files"
SAVED_BY = ["planner_libreoffice.xlsx", "planner_google_sheets.xlsx"]
MAPPING = """
sheet = "Budget FY27"
header_row = 4
date_order = "DMY"

[plan]
name = "Falcon FY27"
currency = "USD"
contingency_pct = "10"

[columns]
name = "Line item"
category = "Category"
quantity = "Qty"
unit_cost = "Unit price"
start = "Start"
end = "End"
vendor = "Supplier"
notes = "Notes"

[defaults]
cost_model = "recurring"
period = "month"

[values.category]
"People" = "human"
"""


@pytest.mark.parametrize("name", SAVED_BY)
def test_the_header_is_found_below_titles_and_guessed(name: str) -> None:
    table = read_table(FILES / name)
    assert table.sheet == "Budget FY27"
    assert table.header_row == 3, "row 4: under a merged title, a subtitle and a blank row"
    mapping = guess_mapping(table)
    assert mapping.columns == {
        "name": "Line item",
        "category": "Category",
        "quantity": "Qty",
        "unit_cost": "Unit price",
        "start": "Start",
        "end": "End",
        "vendor": "Supplier",
        "notes": "Notes",
    }


@pytest.mark.parametrize("name", SAVED_BY)
def test_each_row_previews_as_a_line_or_says_why_not(name: str) -> None:
    table = read_table(FILES / name)
    preview = preview_mapped(table, guess_mapping(table))
    assert not preview.problems
    lines = {line.name: line for line in preview.lines}
    assert list(lines) == [
        "Fine-tuning GPUs (8x H100)",
        "Experiment GPUs",
        "ML engineer",
        "IDE seats",
        "Checkpoint storage",
    ]
    skipped = [(r.row, r.skipped) for r in preview.rows if r.skipped]
    assert skipped == [(10, "a total row"), (12, "a total row")]
    gpus = lines["Fine-tuning GPUs (8x H100)"]
    assert (gpus.category, gpus.section) == ("computing", "hardware")
    assert dict(gpus.drivers) == {"quantity": "8", "unit_cost": "2990.00"}, "$2,990.00 as text"
    experiments = lines["Experiment GPUs"]
    assert (experiments.category, experiments.section) == ("computing", "cloud")
    assert (experiments.start, experiments.end) == (date(2027, 1, 15), date(2027, 2, 28))
    engineer = lines["ML engineer"]
    assert engineer.category == "human"
    assert (engineer.start, engineer.end) == (date(2027, 1, 1), date(2027, 12, 31)), "serials"
    assert lines["Checkpoint storage"].drivers["quantity"] == "1200", "1,200 as text"
    assert lines["IDE seats"].vendor == "JetBrains"
    assert preview.plan is not None and preview.plan.currency == "USD"


def test_a_problem_row_is_listed_with_sheet_cell_and_reason(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Quote"
    ws.append(["Item", "Category", "Qty", "Price", "Start"])
    ws.append(["GPUs", "Compute", "eight", "2.99", "2027-01-01"])
    ws.append(["Seats", "Snacks", "3", "10", "2027-01-01"])
    ws.append(["Disks", "Infrastructure", "3", "10", "soon"])
    ws.append(["Cables", "Infrastructure", "3", "10", "2027-02-01"])
    wb.save(tmp_path / "quote.xlsx")
    table = read_table(tmp_path / "quote.xlsx")
    preview = preview_mapped(table, guess_mapping(table))
    by_row = {r.row: r for r in preview.rows}
    assert [str(p) for p in by_row[2].problems] == [
        "sheet Quote, cell C2: quantity = 'eight': is not a number"
    ]
    assert "cell B3: category = 'Snacks': not a category" in str(by_row[3].problems[0])
    assert "cell E4: start = 'soon': is not a date" in str(by_row[4].problems[0])
    assert by_row[5].line is not None and not by_row[5].problems
    with pytest.raises(UnreadableRows, match="3 problems, nothing imported") as caught:
        preview.snapshot()
    assert len(caught.value.problems) == 3


def test_a_toml_mapping_imports_through_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mapping = tmp_path / "falcon.toml"
    mapping.write_text(MAPPING)
    db = tmp_path / "budget.db"
    status = main(
        ["--db", str(db), "import", str(FILES / "planner_libreoffice.xlsx"), "--map", str(mapping)]
    )
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "Imported 'Falcon FY27'" in out
    workspace = Workspace.open(db)
    plan = workspace.find_plan("Falcon FY27")
    assert plan.id is not None
    snapshot = workspace.snapshot(plan.id)
    workspace.close()
    assert str(plan.contingency_pct) == "10"
    assert len(snapshot.lines) == 5
    assert {line.cost_model for line in snapshot.lines} == {CostModel.RECURRING}
    summary = plan_summary(snapshot)
    # 8 × 2990 × 4 + 2 × 1950.50 × (17/31 + 1) + 12500 × 12 + 10 × 55 × 12 + 1200 × 0.023 × 10
    # = 95680 + 6040.26 + 150000 + 6600 + 276
    assert summary["subtotal"] == "258596.26"


def test_a_mapping_file_names_its_mistakes(tmp_path: Path) -> None:
    mapping = tmp_path / "bad.toml"
    mapping.write_text('[columns]\nprice = "Unit price"\n')
    with pytest.raises(Exception, match=r"bad.toml.*columns.price.*not a field"):
        load_mapping(mapping)
    mapping.write_text("[columns\n")
    with pytest.raises(Exception, match="not valid TOML"):
        load_mapping(mapping)


def test_a_mapping_to_a_missing_header_is_a_problem() -> None:
    table = read_table(FILES / "planner_libreoffice.xlsx")
    mapping = ColumnMapping(
        columns={"name": "Line item", "unit_cost": "Price each"}, defaults={"category": "computing"}
    )
    preview = preview_mapped(table, mapping)
    assert any(
        "Price each" in str(p) and "no column has this header" in str(p) for p in preview.problems
    )


def test_read_workbook_with_a_mapping(tmp_path: Path) -> None:
    mapping = tmp_path / "falcon.toml"
    mapping.write_text(MAPPING)
    snapshot = read_workbook(FILES / "planner_google_sheets.xlsx", mapping=mapping)
    assert snapshot.plan.name == "Falcon FY27"
    assert [line.position for line in snapshot.lines] == [0, 1, 2, 3, 4]
