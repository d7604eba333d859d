"""A database that already holds a decimal no import would take is refused, never hangs."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.domain.errors import DatabaseRefused
from app.services.workspace import Workspace

SAMPLE = "Support assistant: fine-tune and serve"
ROOT = Path(__file__).resolve().parents[2]  # run this checkout's code, not an installed one


def poisoned(tmp_path: Path, sql: str) -> Path:
    """The sample database with one value written behind the app's back (an older version)."""
    db = tmp_path / "old.db"
    Workspace.open(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute(sql)
    return db


LINE_ZERO_EXPONENT = (
    "UPDATE line SET drivers = json_set(drivers, '$.quantity', '0e999999999') "
    "WHERE name = 'Developer workstations'"
)


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (
            LINE_ZERO_EXPONENT,
            "('Developer workstations'): quantity = '0e999999999': has more than 15 digits",
        ),
        ("UPDATE plan SET contingency_pct = '0e999999999'", "contingency_pct = '0e999999999'"),
        (
            "UPDATE line SET high_estimate = '1' || printf('%.*c', 100000, '0')",
            "high_estimate = ",
        ),
    ],
)
def test_reading_such_a_value_refuses_the_database(tmp_path: Path, sql: str, message: str) -> None:
    ws = Workspace.open(poisoned(tmp_path, sql))
    try:
        with pytest.raises(DatabaseRefused) as refused:
            plan = ws.find_plan(SAMPLE)
            assert plan.id is not None
            ws.snapshot(plan.id)
    finally:
        ws.close()
    assert message in str(refused.value)
    assert "cannot compute with" in str(refused.value)
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize("command", [("summary", SAMPLE), ("export", SAMPLE, "--xlsx")])
def test_the_cli_says_so_in_one_line_with_status_2(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    db = poisoned(tmp_path, LINE_ZERO_EXPONENT)
    out = tmp_path / "x.xlsx"
    args = [*command, str(out)] if command[0] == "export" else list(command)
    done = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1
    assert "quantity = '0e999999999'" in done.stderr
    assert not out.exists()


def test_a_catalogue_price_is_checked_too(tmp_path: Path) -> None:
    db = poisoned(tmp_path, "UPDATE catalogue_entry SET price = '0e999999999' WHERE id = 1")
    ws = Workspace.open(db)
    try:
        with pytest.raises(DatabaseRefused, match=r"catalogue entry '.*': price = '0e999999999'"):
            ws.catalogue()
    finally:
        ws.close()


def test_an_older_harmless_spelling_still_opens(tmp_path: Path) -> None:
    sql = LINE_ZERO_EXPONENT.replace("'0e999999999'", "' 2'")
    ws = Workspace.open(poisoned(tmp_path, sql))
    try:
        plan = ws.find_plan(SAMPLE)
        assert plan.id is not None
        lines = ws.snapshot(plan.id).lines
    finally:
        ws.close()
    assert [x.drivers["quantity"] for x in lines if x.name == "Developer workstations"] == [" 2"]
