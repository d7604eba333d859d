"""The Actuals and Variance sheets: after LibreOffice recalculates every formula, the
Variance sheet shows the ``variance`` command's figures to the cent; the Actuals sheet
reads back as an actuals file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from app.domain.taxonomy import CATEGORY_KEYS
from app.io.xlsx import read_workbook, write_workbook
from app.io.xlsx.sheet_variance import CATEGORY_HEADER_ROW, MONTH_HEADER_ROW
from app.services.actuals import import_actuals, plan_actuals, plan_variance
from app.services.workspace import Workspace
from tests.io.xlsx.conftest import Recalc

CSV = (
    "Date,Amount,Line,Category,Section,Reference\n"
    "2027-01-15,1200.505,,computing,cloud,INV-1\n"  # 1200.51 once rounded
    "2027-02-03,60000,ML engineers,,,INV-2\n"
    "2027-02-28,99.99,,software,,INV-3\n"
    "2027-03-31,-20.10,,software,,CREDIT-1\n"
    "2028-02-01,500,,support,,LATE-1\n"  # after the plan's last month
)


def _export(workspace: Workspace, tmp_path: Path) -> tuple[Path, int]:
    plan_id = workspace.plans()[0].id
    assert plan_id is not None
    source = tmp_path / "spent.csv"
    source.write_text(CSV, encoding="utf-8")
    import_actuals(workspace, plan_id, source)
    path = tmp_path / "with-actuals.xlsx"
    write_workbook(
        workspace.snapshot(plan_id),
        workspace.catalogue(),
        path,
        taxonomy=workspace.taxonomy(),
        actuals=plan_actuals(workspace, plan_id),
    )
    return path, plan_id


def _cents(value: object) -> int:
    assert isinstance(value, int | float), value
    return round(Decimal(str(value)) * 100)


def _minor(text: str) -> int:
    return int(Decimal(text) * 100)


def test_the_recalculated_variance_sheet_agrees_with_the_command(
    workspace: Workspace, tmp_path: Path, recalc: Recalc
) -> None:
    path, plan_id = _export(workspace, tmp_path)
    report = plan_variance(workspace, plan_id).as_json()
    assert report["as_of"] == "2028-02"
    [recalculated] = recalc([path])
    for source in (path, recalculated):  # as written (stored values) and recalculated
        book = openpyxl.load_workbook(source, data_only=True)
        ws = book["Variance"]
        assert ws["B2"].value == 202802
        assert _cents(ws["B3"].value) == _minor(report["contingency"])
        for i, key in enumerate(CATEGORY_KEYS):
            row = CATEGORY_HEADER_ROW + 2 + i
            assert ws[f"B{row}"].value == key
            figures = report["by_category"][key]
            shown = [_cents(ws[f"{c}{row}"].value) for c in "CDEFG"]
            assert shown == [
                _minor(figures[k])
                for k in ("budget_to_date", "actual_to_date", "variance_to_date",
                          "budget_at_completion", "forecast_at_completion")
            ], key  # fmt: skip
        total = CATEGORY_HEADER_ROW + 2 + len(CATEGORY_KEYS)
        assert [_cents(ws[f"{c}{total}"].value) for c in "CDEFG"] == [
            _minor(report[k])
            for k in ("budget_to_date", "actual_to_date", "variance_to_date",
                      "budget_at_completion", "forecast_at_completion")
        ]  # fmt: skip
        months = {}
        for row in ws.iter_rows(min_row=MONTH_HEADER_ROW + 2, values_only=True):
            if row[0] is None:
                break
            label = f"{int(row[0]) // 100:04d}-{int(row[0]) % 100:02d}"
            months[label] = {
                "budget": _cents(row[9]), "actual": _cents(row[10]), "variance": _cents(row[11])
            }  # fmt: skip
        assert months == {
            m: {k: _minor(v) for k, v in values.items()} for m, values in report["by_month"].items()
        }
        actuals = book["Actuals"]
        assert [c.value for c in actuals[1]][:2] == ["Date", "Amount"]
        assert _cents(actuals["B2"].value) == 120051
        assert actuals["I2"].value == 202701


def test_the_as_of_cell_moves_every_figure(
    workspace: Workspace, tmp_path: Path, recalc: Recalc
) -> None:
    path, plan_id = _export(workspace, tmp_path)
    book = openpyxl.load_workbook(path)
    book["Variance"]["B2"].value = 202702
    edited = tmp_path / "as-of-february.xlsx"
    book.save(edited)
    [recalculated] = recalc([edited])
    ws = openpyxl.load_workbook(recalculated, data_only=True)["Variance"]
    report = plan_variance(workspace, plan_id, 2027 * 12 + 1).as_json()
    total = CATEGORY_HEADER_ROW + 2 + len(CATEGORY_KEYS)
    assert [_cents(ws[f"{c}{total}"].value) for c in "CDEG"] == [
        _minor(report[k])
        for k in ("budget_to_date", "actual_to_date", "variance_to_date",
                  "forecast_at_completion")
    ]  # fmt: skip


def test_the_actuals_sheet_imports_back_and_books_nothing_twice(
    workspace: Workspace, tmp_path: Path
) -> None:
    path, plan_id = _export(workspace, tmp_path)
    result = import_actuals(workspace, plan_id, path)
    assert (result.booked, result.skipped) == (0, 5)
    # as a plan, the workbook reads back as before: the two sheets carry no tag
    again = read_workbook(path, taxonomy=workspace.taxonomy())
    assert len(again.lines) == len(workspace.snapshot(plan_id).lines)


def test_a_plan_without_actuals_gets_no_actuals_sheets(
    workspace: Workspace, tmp_path: Path
) -> None:
    plan_id = workspace.plans()[0].id
    assert plan_id is not None
    path = tmp_path / "plain.xlsx"
    write_workbook(workspace.snapshot(plan_id), workspace.catalogue(), path)
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    assert "Actuals" not in names and "Variance" not in names
