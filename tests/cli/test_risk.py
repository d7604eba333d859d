"""``budgetwright risk`` as a planner runs it: real processes on a real database."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from app.services.workspace import Workspace
from tests.cli.test_cli import SAMPLE, run

KEYS = [
    "plan", "currency", "runs", "seed", "dist", "base", "mean",
    "p10", "p50", "p70", "p80", "p90", "p95",
    "contingency_p80", "contingency_pct_p80", "ranged_lines", "drivers",
]  # fmt: skip


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("risk") / "b.db"
    Workspace.open(path).close()
    return path


def test_risk_json_of_the_sample_plan(db: Path) -> None:
    done = run("risk", SAMPLE, "--json", "--runs", "5000", "--seed", "7", db=db)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert list(report) == KEYS
    assert (report["plan"], report["currency"], report["runs"], report["seed"]) == (
        SAMPLE,
        "USD",
        5000,
        7,
    )
    assert report["dist"] == "pert"
    summary = json.loads(run("summary", SAMPLE, "--json", db=db).stdout)
    assert report["base"] == summary["subtotal"]
    assert report["ranged_lines"] == 2
    percentiles = [Decimal(report[k]) for k in ("p10", "p50", "p70", "p80", "p90", "p95")]
    assert percentiles == sorted(percentiles)
    assert all(Decimal(report[k]).as_tuple().exponent == -2 for k in ("mean", "p80"))
    assert Decimal(report["contingency_p80"]) == max(
        Decimal(0), Decimal(report["p80"]) - Decimal(report["base"])
    )
    assert [d["category"] for d in report["drivers"]] == ["data", "computing"]
    assert sum(Decimal(d["share"]) for d in report["drivers"]) == 1


def test_the_same_seed_gives_the_same_bytes(db: Path) -> None:
    args = ("risk", "1", "--json", "--runs", "3000", "--dist", "triangular")
    first, second = run(*args, "--seed", "5", db=db), run(*args, "--seed", "5", db=db)
    assert first.returncode == 0 and first.stdout == second.stdout
    other = run(*args, "--seed", "6", db=db)
    assert json.loads(other.stdout)["p50"] != json.loads(first.stdout)["p50"]
    assert json.loads(first.stdout)["dist"] == "triangular"


def test_the_text_report(db: Path) -> None:
    done = run("risk", "1", "--runs", "2000", db=db)
    assert done.returncode == 0, done.stderr
    assert "2 ranged lines, 2,000 runs (pert, seed 1), amounts in USD" in done.stdout
    assert "Base (subtotal)     1,234,359.33" in done.stdout
    assert "Contingency at P80" in done.stdout and "Preference pairs" in done.stdout


def _set(db: Path, name: str, low: str | None, high: str | None) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(
            "UPDATE line SET low_estimate = ?, high_estimate = ? WHERE name = ?",
            (low, high, name),
        )


@pytest.mark.parametrize(
    ("low", "high", "message"),
    [
        ("40000", "30000", "high_estimate = '30000': is below the low 40000"),
        ("20000", "30000", "low_estimate = '20000': is above the line's total 17892.16"),
        ("1000", "15000", "high_estimate = '15000': is below the line's total 17892.16"),
    ],
)
def test_a_bad_range_exits_2_naming_the_line(
    tmp_path: Path, low: str, high: str, message: str
) -> None:
    db = tmp_path / "b.db"
    Workspace.open(db).close()
    _set(db, "Fine-tuning cluster: 8x H100 SXM", low, high)
    done = run("risk", "1", "--json", db=db)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert "line 'Fine-tuning cluster: 8x H100 SXM'" in done.stderr and message in done.stderr


def test_a_plan_without_ranges_exits_2(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    Workspace.open(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE line SET low_estimate = NULL, high_estimate = NULL")
    done = run("risk", "1", db=db)
    assert done.returncode == 2
    assert done.stderr == (
        f"budgetwright: plan {SAMPLE!r}: no line has a range (low and high estimates); "
        "nothing to simulate\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--runs", "0"), "must be between 1 and 1,000,000"),
        (("--runs", "many"), "not a whole number"),
        (("--dist", "normal"), "invalid choice"),
        (("--seed", "x"), "not a whole number"),
        (("--seed", "-1"), "must not be negative"),
    ],
)
def test_bad_flags_exit_2(db: Path, args: tuple[str, ...], message: str) -> None:
    done = run("risk", "1", *args, db=db)
    assert done.returncode == 2
    assert message in done.stderr


def test_other_commands_do_not_load_numpy(tmp_path: Path) -> None:
    code = (
        "import sys; from ui.launcher import main; "
        f"rc = main(['--db', {str(tmp_path / 'q.db')!r}, 'list']); "
        "print('NUMPY:', 'numpy' in sys.modules, file=sys.stderr); sys.exit(rc)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "NUMPY: False" in done.stderr
