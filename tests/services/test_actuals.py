"""Importing actuals from CSV and xlsx: all or nothing, re-imports book nothing twice,
typed actuals undo, and variance reads what was booked."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from app.domain.errors import BadInput, InvalidValue
from app.io.actuals import load_actuals_mapping
from app.services.actuals import (
    AddActuals,
    DeleteActuals,
    import_actuals,
    plan_actuals,
    plan_variance,
    typed_actual,
)
from app.services.line_commands import DeleteLines
from app.services.workspace import Workspace

ENGINEERS = "ML engineers"
CSV = (
    "Date,Amount,Line,Category,Section,Invoice,Description\n"
    "2027-01-15,1200.50,,computing,,INV-1,GPU hours\n"
    '2027-02-03,"1,000.00",ML engineers,,,INV-2,contractor\n'
    "15/03/2027,99.99,,Software,,INV-3,licence\n"
)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace.open(tmp_path / "a.db")


def _plan_id(workspace: Workspace) -> int:
    plan_id = workspace.plans()[0].id
    assert plan_id is not None
    return plan_id


def _actuals_rows(workspace: Workspace) -> list[tuple[object, ...]]:
    with sqlite3.connect(workspace.path) as conn:
        return sorted(conn.execute("SELECT * FROM actual").fetchall())


def _digest(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        dump = "\n".join(conn.iterdump())
    return hashlib.sha256(dump.encode()).hexdigest()


def test_a_csv_is_booked_and_a_reimport_changes_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "spent.csv"
    path.write_text(CSV, encoding="utf-8")
    plan_id = _plan_id(workspace)
    first = import_actuals(workspace, plan_id, path)
    assert (first.booked, first.skipped) == (3, 0)
    booked = plan_actuals(workspace, plan_id)
    assert [(a.booked_on, a.amount, a.category, a.reference) for a in booked] == [
        (date(2027, 1, 15), "1200.50", "computing", "INV-1"),
        (date(2027, 2, 3), "1000.00", "human", "INV-2"),
        (date(2027, 3, 15), "99.99", "software", "INV-3"),
    ]
    engineers = next(line for line in workspace.snapshot(plan_id).lines if line.name == ENGINEERS)
    assert booked[1].line_id == engineers.id and booked[0].line_id is None
    before = _digest(workspace.path)
    report = plan_variance(workspace, plan_id).as_json()

    again = import_actuals(workspace, plan_id, path)
    assert (again.booked, again.skipped) == (0, 3)
    assert _digest(workspace.path) == before
    assert plan_variance(workspace, plan_id).as_json() == report
    assert report["actual_to_date"] == "2300.49"
    assert report["by_category"]["human"]["actual_to_date"] == "1000.00"


def test_an_xlsx_with_a_mapping_is_booked(workspace: Workspace, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Spending export"])
    sheet.append(["Posted", "EUR-free value", "Budget item", "Doc"])
    sheet.append([datetime(2027, 4, 2), 12.5, ENGINEERS, "X-1"])
    sheet.append([datetime(2027, 4, 3), "$1,234.56", "Staff", "X-2"])
    path = tmp_path / "ledger.xlsx"
    book.save(path)
    mapping_path = tmp_path / "m.toml"
    mapping_path.write_text(
        'header_row = 2\n[columns]\ndate = "Posted"\namount = "B"\nline = "Budget item"\n'
        'reference = "Doc"\n[values.line]\nStaff = "ML engineers"\n',
        encoding="utf-8",
    )
    plan_id = _plan_id(workspace)
    result = import_actuals(workspace, plan_id, path, load_actuals_mapping(mapping_path))
    assert (result.booked, result.skipped) == (2, 0)
    amounts = [(a.amount, a.category) for a in plan_actuals(workspace, plan_id)]
    assert amounts == [("12.5", "human"), ("1234.56", "human")]


BAD = {
    "wrong date": ("2027-13-01,10,ML engineers,USD\n", "row 3, column A (date) = '2027-13-01'"),
    "text amount": ("2027-01-01,ten,ML engineers,USD\n", "row 3, column B (amount) = 'ten'"),
    "unknown line": ("2027-01-01,10,Nobody,USD\n", "row 3, column C (line) = 'Nobody'"),
    "unknown currency": ("2027-01-01,10,ML engineers,EUR\n", "row 3, column D (currency) = 'EUR'"),
    "not a currency": ("2027-01-01,10,ML engineers,XQQ\n", "row 3, column D (currency) = 'XQQ'"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_row_refuses_the_whole_file_naming_row_and_column(
    workspace: Workspace, tmp_path: Path, case: str
) -> None:
    bad_row, where = BAD[case]
    path = tmp_path / "bad.csv"
    path.write_text(
        "Date,Amount,Line,Currency\n2027-01-01,5,ML engineers,USD\n" + bad_row, encoding="utf-8"
    )
    before = _digest(workspace.path)
    with pytest.raises(BadInput) as refused:
        import_actuals(workspace, _plan_id(workspace), path)
    assert where in str(refused.value)
    assert "nothing imported" in str(refused.value)
    assert _digest(workspace.path) == before


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("", "row 1, column A: the file is empty"),
        ("Date,Amount,Category\n", "row 2, column A: no actuals below the header row"),
        ("Date,Category\n2027-01-01,data\n", "row 1: no amount column"),
    ],
)
def test_an_empty_file_is_refused(
    workspace: Workspace, tmp_path: Path, text: str, where: str
) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(text, encoding="utf-8")
    before = _digest(workspace.path)
    with pytest.raises(BadInput, match=where):
        import_actuals(workspace, _plan_id(workspace), path)
    assert _digest(workspace.path) == before


def test_typed_actuals_undo_and_survive_their_line(workspace: Workspace) -> None:
    plan_id = _plan_id(workspace)
    snap = workspace.snapshot(plan_id)
    line = next(line for line in snap.lines if line.name == ENGINEERS)
    add = AddActuals([typed_actual(snap.plan, line, date(2027, 2, 1), "500.25", "T-1")])
    workspace.apply(add)
    assert [a.amount for a in plan_actuals(workspace, plan_id, line.id)] == ["500.25"]
    delete = DeleteActuals(add.ids)
    workspace.apply(delete)
    assert plan_actuals(workspace, plan_id) == []
    workspace.revert(delete)
    workspace.revert(add)
    assert plan_actuals(workspace, plan_id) == []
    workspace.apply(add)  # redo
    assert line.id is not None
    workspace.apply(DeleteLines([line.id]))
    # the line is gone; its actual still counts in its category
    report = plan_variance(workspace, plan_id).as_json()
    assert report["by_category"]["human"]["actual_to_date"] == "500.25"
    assert len(_actuals_rows(workspace)) == 1


def test_a_typed_amount_must_be_a_number(workspace: Workspace) -> None:
    snap = workspace.snapshot(_plan_id(workspace))
    with pytest.raises(InvalidValue, match="amount"):
        typed_actual(snap.plan, snap.lines[0], date(2027, 1, 1), "twelve")


def test_an_import_undoes_and_redoes_as_one_step(workspace: Workspace, tmp_path: Path) -> None:
    from app.io.actuals import read_actuals_file
    from app.services.actuals import ImportActuals, read_actuals

    path = tmp_path / "spent.csv"
    path.write_text(CSV, encoding="utf-8")
    plan_id = _plan_id(workspace)
    snap = workspace.snapshot(plan_id)
    rows = read_actuals(read_actuals_file(path), snap.plan, snap.lines, workspace.taxonomy())
    command = ImportActuals(plan_id, rows, "spent.csv")
    workspace.apply(command)
    booked = _actuals_rows(workspace)
    assert len(booked) == 3
    workspace.revert(command)
    assert _actuals_rows(workspace) == []
    workspace.apply(command)
    assert _actuals_rows(workspace) == booked


def test_an_actual_in_a_currency_with_a_rate_is_booked_at_that_rate(
    workspace: Workspace, tmp_path: Path
) -> None:
    from app.domain.plan import FxRate
    from app.services.fx_commands import set_rate

    plan_id = _plan_id(workspace)
    plan = workspace.plan(plan_id)
    assert plan.currency == "USD"
    path = tmp_path / "spent.csv"
    path.write_text(
        "Date,Amount,Currency,Category,Invoice\n2027-01-15,1000.005,EUR,computing,INV-E\n",
        encoding="utf-8",
    )
    with pytest.raises(BadInput, match="no exchange rate for EUR"):
        import_actuals(workspace, plan_id, path)
    assert plan_actuals(workspace, plan_id) == []

    workspace.apply(set_rate(plan, FxRate("EUR", "1.08", "ECB", None)))
    assert import_actuals(workspace, plan_id, path).booked == 1
    report = plan_variance(workspace, plan_id).as_json()
    # 1000.005 EUR × 1.08 = 1080.0054 USD, rounded half-up once: 1080.01
    assert report["by_category"]["computing"]["actual_to_date"] == "1080.01"
    assert report["actual_to_date"] == "1080.01"
