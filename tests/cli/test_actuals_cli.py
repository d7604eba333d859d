"""``actuals import`` and ``variance`` as a planner runs them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from app.services.workspace import Workspace
from tests.cli.test_cli import SAMPLE, run, tables

CSV = (
    "Date;Amount;Line;Reference\n"
    "2027-01-15;1200.50;Fine-tuning cluster: 8x H100 SXM;INV-1\n"
    "2027-02-03;1000;ML engineers;INV-2\n"
)


def test_import_then_variance_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Workspace.open(db).close()
    path = tmp_path / "spent.csv"
    path.write_text(CSV, encoding="utf-8")
    done = run("actuals", "import", SAMPLE, str(path), db=db)
    assert done.returncode == 0, done.stderr
    assert "Booked 2 actuals" in done.stdout
    again = run("actuals", "import", SAMPLE, str(path), "--json", db=db)
    assert json.loads(again.stdout) == {"booked": 0, "skipped": 2}

    summary = json.loads(run("summary", SAMPLE, "--json", db=db).stdout)
    report = json.loads(run("variance", SAMPLE, "--json", db=db).stdout)
    assert list(report) == [
        "plan", "currency", "as_of", "budget_at_completion", "budget_to_date",
        "actual_to_date", "variance_to_date", "forecast_at_completion",
        "variance_at_completion", "contingency", "by_category", "by_month",
    ]  # fmt: skip
    assert report["as_of"] == "2027-02"
    assert report["budget_at_completion"] == summary["subtotal"]
    assert report["contingency"] == summary["contingency"]
    assert report["actual_to_date"] == "2200.50"
    assert {m: v["budget"] for m, v in report["by_month"].items()} == summary["by_month"]
    march = json.loads(run("variance", SAMPLE, "--as-of", "2027-03", "--json", db=db).stdout)
    assert march["as_of"] == "2027-03"
    assert "budget vs actual to 2027-02" in run("variance", SAMPLE, db=db).stdout


def test_a_bad_file_exits_2_naming_row_and_column_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    Workspace.open(db).close()
    path = tmp_path / "bad.csv"
    path.write_text(CSV + "2027-02-30;5;ML engineers;INV-3\n", encoding="utf-8")
    before = tables(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM actual").fetchone()[0] == 0
    done = run("actuals", "import", SAMPLE, str(path), db=db)
    assert done.returncode == 2
    assert "row 4, column A (date) = '2027-02-30'" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert tables(db) == before
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM actual").fetchone()[0] == 0
    assert run("variance", SAMPLE, "--as-of", "March", db=db).returncode == 2
