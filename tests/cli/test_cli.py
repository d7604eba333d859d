"""The ``budgetwright`` command as a planner runs it: real processes, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.paths import resource
from app.services.workspace import Workspace
from tests.stores import dump

SAMPLE = "Support assistant: fine-tune and serve"


def run(
    *args: str, db: Path | str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def tables(db: Path | str) -> dict[str, list[tuple[object, ...]]]:
    return dump(db)


def test_list_and_summary_of_the_sample_plan(where: str) -> None:
    db = where
    listed = run("list", db=db)
    assert listed.returncode == 0
    assert SAMPLE in listed.stdout
    text = run("summary", SAMPLE, db=db)
    assert text.returncode == 0, text.stderr
    assert "Total" in text.stdout and "1,357,795.26" in text.stdout


def test_summary_json_is_the_design_object_and_agrees_with_the_engine(
    where: str, workspace_at: Callable[[str], Workspace]
) -> None:
    db = where
    done = run("summary", "1", "--json", db=db)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert list(summary) == [
        "plan",
        "currency",
        "lines",
        "subtotal",
        "contingency",
        "total",
        "by_category",
        "by_month",
        "energy_kwh",
        "co2_kg",
    ]
    # the run 2,752.500 kWh and the fleet 5,231.520 kWh, at 0.390 kg CO2 per kWh
    assert (summary["energy_kwh"], summary["co2_kg"]) == ("7984.020", "3113.768")
    assert summary["plan"] == SAMPLE and summary["currency"] == "USD" and summary["lines"] == 33
    assert list(summary["by_category"]) == [
        "computing",
        "human",
        "data",
        "software",
        "infrastructure",
        "time",
        "documentation",
        "support",
    ]
    assert list(summary["by_month"]) == [f"2027-{m:02d}" for m in range(1, 13)]
    budget = workspace_at(db).budget(1)
    assert summary["total"] == f"{budget.total / 100:.2f}" == "1357795.26"
    from decimal import Decimal

    assert sum(Decimal(v) for v in summary["by_category"].values()) == Decimal(summary["subtotal"])
    assert sum(Decimal(v) for v in summary["by_month"].values()) == Decimal(summary["subtotal"])
    assert Decimal(summary["subtotal"]) + Decimal(summary["contingency"]) == Decimal(
        summary["total"]
    )


def test_export_then_import_as_a_new_plan(
    where: str, tmp_path: Path, workspace_at: Callable[[str], Workspace]
) -> None:
    db = where
    out = tmp_path / "plan.budget.json"
    assert run("export", SAMPLE, "--json", str(out), db=db).returncode == 0
    assert out.read_text(encoding="utf-8") == resource("sample.budget.json").read_text(
        encoding="utf-8"
    )
    clash = run("import", str(out), db=db)
    assert clash.returncode == 2
    assert "already exists" in clash.stderr
    done = run("import", str(out), "--as", "Copy for review", db=db)
    assert done.returncode == 0, done.stderr
    assert "Imported 'Copy for review'" in done.stdout and "33 lines" in done.stdout
    replaced = run("import", str(out), "--replace", db=db)
    assert replaced.returncode == 0, replaced.stderr
    names = [p.name for p in workspace_at(db).plans()]
    assert sorted(names) == sorted(["Copy for review", SAMPLE])


def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    where: str, tmp_path: Path, workspace_at: Callable[[str], Workspace]
) -> None:
    db = where
    workspace_at(db).close()
    before = tables(db)
    document = json.loads(resource("sample.budget.json").read_text(encoding="utf-8"))
    document["name"] = "Another"
    document["lines"][7]["drivers"]["fte"] = "-1"
    bad = tmp_path / "bad.budget.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    done = run("import", str(bad), db=db)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "bad.budget.json" in done.stderr and "lines[7]" in done.stderr
    assert "fte = '-1': must not be negative" in done.stderr
    assert tables(db) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("summary", "No such plan"), "no plan named 'No such plan'"),
        (("export", "1", "--json", "/nonexistent/folder/p.budget.json"), "does not exist"),
        (("import", "/nonexistent/p.budget.json"), "cannot be read"),
        (("import", "notes.txt"), "not a plan file"),
    ],
)
def test_errors_name_what_is_wrong(where: str, args: tuple[str, ...], message: str) -> None:
    done = run(*args, db=where)
    assert done.returncode == 2
    assert message in done.stderr
    assert done.stdout == ""


def test_a_file_that_is_not_a_database_is_refused_with_status_2(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("shopping list\n" * 100)
    done = run("list", db=db)
    assert done.returncode == 2
    assert "not a SQLite database" in done.stderr
    assert db.read_text() == "shopping list\n" * 100


def test_the_database_can_come_from_the_environment(where: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "list"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "BUDGETWRIGHT_DB": where},
    )
    assert done.returncode == 0
    assert SAMPLE in done.stdout
    assert "://" in where or Path(where).exists()


def test_subcommands_never_import_qt(tmp_path: Path) -> None:
    code = (
        "import sys; from ui.launcher import main; "
        f"rc = main(['--db', {str(tmp_path / 'q.db')!r}, 'summary', '1', '--json']); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')]; "
        "print('QT:', bad, file=sys.stderr); sys.exit(rc or bool(bad))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "QT: []" in done.stderr
