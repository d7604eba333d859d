"""A planner's own sheet is read as written (issue 9, point 4): billing words set the
cost model and the period together, a money cell in another currency is refused
naming its cell, section words choose the section, and openpyxl's warnings stay quiet."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from app.cli.main import main
from app.domain.plan import CostModel, Line
from app.io.xlsx import ColumnMapping, guess_mapping, preview_mapped, read_table

HEADERS = ["Line item", "Category", "Billing", "Amount", "Start", "End"]


def sheet(tmp_path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(headers)
    for row in rows:
        ws.append(row)
    path = tmp_path / "budget.xlsx"
    wb.save(path)
    return path


def lines(path: Path, **mapping: object) -> dict[str, Line]:
    table = read_table(path)
    guessed = guess_mapping(table)
    preview = preview_mapped(table, ColumnMapping(**{"columns": guessed.columns, **mapping}))
    assert not preview.problems, [str(p) for p in preview.problems]
    return {line.name: line for line in preview.lines}


@pytest.mark.parametrize(
    ("billing", "model", "period"),
    [
        ("per hour", CostModel.USAGE, None),
        ("Hourly", CostModel.USAGE, None),
        ("/h", CostModel.USAGE, None),
        ("per month", CostModel.RECURRING, "month"),
        ("Monthly", CostModel.RECURRING, "month"),
        ("pm", CostModel.RECURRING, "month"),
        ("per year", CostModel.RECURRING, "year"),
        ("Yearly", CostModel.RECURRING, "year"),
        ("Annual", CostModel.RECURRING, "year"),
        ("p.a.", CostModel.RECURRING, "year"),
        ("one-off", CostModel.ONE_TIME, None),
        ("Once", CostModel.ONE_TIME, None),
        ("one time", CostModel.ONE_TIME, None),
    ],
)
def test_billing_words_set_the_model_and_the_period(
    tmp_path: Path, billing: str, model: CostModel, period: str | None
) -> None:
    path = sheet(tmp_path, [["Thing", "Software", billing, 1200, "2027-01-01", "2027-12-31"]])
    line = lines(path)["Thing"]
    assert line.cost_model is model
    assert line.drivers.get("period") == period
    assert line.drivers["unit_cost"] == "1200"


def test_a_translation_to_recurring_keeps_an_annual_amount_annual(tmp_path: Path) -> None:
    path = sheet(
        tmp_path,
        [
            ["Licence", "Software", "Annual licence", 1200, "2027-01-01", "2027-12-31"],
            ["Hosting", "Infrastructure", "Monthly fee", 100, "2027-01-01", "2027-12-31"],
        ],
    )
    translated = {"cost_model": {"Annual licence": "recurring", "Monthly fee": "recurring"}}
    found = lines(path, values=translated)
    assert found["Licence"].drivers["period"] == "year", "1,200 a year, not 1,200 a month"
    assert found["Hosting"].drivers["period"] == "month"


def test_a_money_cell_in_another_currency_is_refused_naming_its_cell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sheet(
        tmp_path,
        [
            ["GPUs", "Computing", "Monthly", "$2,000.00", "2027-01-01", "2027-12-31"],
            ["Seats", "Software", "Monthly", "€1.200,00", "2027-01-01", "2027-12-31"],
            ["Disks", "Infrastructure", "Monthly", "$300", "2027-01-01", "2027-12-31"],
        ],
    )
    table = read_table(path)
    preview = preview_mapped(table, guess_mapping(table))
    assert preview.plan is not None and preview.plan.currency == "USD"
    assert [str(p) for p in preview.problems] == [
        "sheet Budget, cell D3: amount = '€1.200,00': is in EUR, but the plan is in USD; "
        "convert it (plans have no exchange rates yet)"
    ]
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        '[columns]\nname = "Line item"\ncategory = "Category"\ncost_model = "Billing"\n'
        'amount = "Amount"\nstart = "Start"\nend = "End"\n'
    )
    db = tmp_path / "budget.db"
    status = main(["--db", str(db), "import", str(path), "--map", str(mapping)])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and "cell D3: amount = '€1.200,00': is in EUR" in err


def test_a_number_format_in_another_currency_is_refused(tmp_path: Path) -> None:
    path = sheet(tmp_path, [["Seats", "Software", "Monthly", 1200, "2027-01-01", "2027-12-31"]])
    wb = openpyxl.load_workbook(path)
    wb.active["D2"].number_format = "#,##0.00 [$€-407]"
    wb.save(path)
    table = read_table(path)
    preview = preview_mapped(
        table, ColumnMapping(columns=guess_mapping(table).columns, plan={"currency": "USD"})
    )
    assert [p.cell for p in preview.problems] == ["D2"]
    euro = preview_mapped(table, guess_mapping(table))
    assert euro.plan is not None and euro.plan.currency == "EUR" and not euro.problems


@pytest.mark.parametrize(
    ("category", "name", "section"),
    [
        ("Infrastructure", "Object storage (S3)", ("infrastructure", "storage")),
        ("Infrastructure", "Private network links", ("infrastructure", "network")),
        ("Infra security", "Audit", ("infrastructure", "security")),
        ("Storage", "Archive tier", ("infrastructure", "storage")),
        ("Security", "Pen test", ("infrastructure", "security")),
        ("Network", "Transit", ("infrastructure", "network")),
        ("Data", "Annotation vendor", ("data", "data_quality")),
        ("Data labelling", "Vendor", ("data", "data_quality")),
        ("Labelling", "Vendor", ("data", "data_quality")),
        ("Infrastructure", "Racks", ("infrastructure", "network")),  # no word: the first
    ],
)
def test_section_words_choose_the_section(
    tmp_path: Path, category: str, name: str, section: tuple[str, str]
) -> None:
    path = sheet(tmp_path, [[name, category, "Monthly", 100, "2027-01-01", "2027-12-31"]])
    line = lines(path)[name]
    assert (line.category, line.section) == section


def test_a_section_column_takes_section_words(tmp_path: Path) -> None:
    headers = ["Line item", "Category", "Section", "Billing", "Amount", "Start", "End"]
    rows: list[list[object]] = [
        ["Vendor", "Data", "Labelling", "Monthly", 100, "2027-01-01", "2027-12-31"]
    ]
    line = lines(sheet(tmp_path, rows, headers))["Vendor"]
    assert line.section == "data_quality"


def test_library_warnings_never_reach_stderr(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A workbook without a default cell style makes openpyxl warn; the planner sees nothing."""
    plain = sheet(tmp_path, [["GPUs", "Computing", "Monthly", 100, "2027-01-01", "2027-12-31"]])
    path = tmp_path / "no-style.xlsx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/styles.xml":
                data = re.sub(rb"<cellStyles.*?</cellStyles>", b"", data, flags=re.S)
            zout.writestr(info, data)
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        '[columns]\nname = "Line item"\ncategory = "Category"\namount = "Amount"\n'
        'cost_model = "Billing"\nstart = "Start"\nend = "End"\n'
    )
    status = main(["--db", str(tmp_path / "budget.db"), "import", str(path), "--map", str(mapping)])
    err = capfd.readouterr().err
    assert status == 0, err
    assert err == ""


def test_an_amount_that_cannot_be_shared_names_the_amount_cell(tmp_path: Path) -> None:
    headers = ["Line item", "Category", "Qty", "Amount", "Start", "End"]
    path = sheet(tmp_path, [["Seats", "Software", 3, 100, "2027-01-01", "2027-12-31"]], headers)
    table = read_table(path)
    preview = preview_mapped(table, guess_mapping(table))
    assert ("D2", "unit_cost") in [(p.cell, p.field) for p in preview.problems]


def test_a_problem_of_no_one_cell_names_only_the_sheet(tmp_path: Path) -> None:
    path = sheet(tmp_path, [["Seats", "Software", "Monthly", 100, "2027-01-01", "2027-12-31"]])
    table = read_table(path)
    mapping = ColumnMapping(columns=guess_mapping(table).columns, plan={"end": "end of year"})
    problems = [str(p) for p in preview_mapped(table, mapping).problems]
    assert problems == [
        "sheet Budget: plan.end = 'end of year': is not a date (write it as YYYY-MM-DD)"
    ]
