"""``scenario``, ``baseline``, ``baselines`` and ``compare`` as a planner runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.paths import db_target
from app.services.workspace import Workspace
from tests.cli.test_cli import SAMPLE, run
from tests.stores import dump as stored_rows

TABLES = ("plan", "phase", "line", "line_origin", "baseline")


def dump(db: Path | str) -> dict[str, list[tuple[object, ...]]]:
    return stored_rows(db, TABLES)


@pytest.fixture
def db(where: str) -> str:
    """The sample database, on each engine."""
    Workspace.open(db_target(where)).close()
    return where


def test_scenario_baseline_and_compare_from_the_command_line(db: str) -> None:
    done = run("scenario", SAMPLE, "--name", "Rent instead", db=db)
    assert done.returncode == 0, done.stderr
    assert "Created scenario 'Rent instead'" in done.stdout
    done = run("baseline", SAMPLE, "--name", "Approved v1", db=db)
    assert done.returncode == 0, done.stderr
    summary = json.loads(run("summary", SAMPLE, "--json", db=db).stdout)

    listed = json.loads(run("baselines", SAMPLE, "--json", db=db).stdout)
    assert listed["plan"] == SAMPLE
    [baseline] = listed["baselines"]
    assert baseline["name"] == "Approved v1"
    assert (baseline["subtotal"], baseline["total"]) == (summary["subtotal"], summary["total"])
    assert "Approved v1" in run("baselines", SAMPLE, db=db).stdout

    result = json.loads(run("compare", SAMPLE, "Rent instead", "--json", db=db).stdout)
    assert (result["a"], result["b"], result["currency"]) == (SAMPLE, "Rent instead", "USD")
    assert result["total"] == {"a": summary["total"], "b": summary["total"], "delta": "0.00"}
    assert list(result["by_month"]) == list(summary["by_month"])
    assert result["lines"] == {"added": [], "removed": [], "changed": []}

    against = json.loads(
        run("compare", SAMPLE, "--baseline", "Approved v1", "--json", db=db).stdout
    )
    assert (against["a"], against["b"]) == ("Approved v1", SAMPLE)
    assert against["subtotal"]["delta"] == "0.00"
    text = run("compare", SAMPLE, "Rent instead", db=db).stdout
    assert "delta = b - a" in text and "0 added, 0 removed, 0 changed" in text


@pytest.mark.parametrize(
    "args",
    [
        ("scenario", SAMPLE, "--name", SAMPLE),
        ("scenario", "No such plan", "--name", "x"),
        ("baseline", SAMPLE, "--name", " "),
        ("baselines", "No such plan"),
        ("compare", SAMPLE),
        ("compare", SAMPLE, SAMPLE, "--baseline", "x"),
        ("compare", SAMPLE, "--baseline", "No such baseline"),
        ("compare", SAMPLE, "No such plan"),
    ],
)
def test_bad_calls_exit_2_with_one_line_and_write_nothing(db: str, args: tuple[str, ...]) -> None:
    before = dump(db)
    done = run(*args, db=db)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("budgetwright: ")
    assert dump(db) == before


def test_plans_in_different_currencies_are_refused(db: str, tmp_path: Path) -> None:
    exported = tmp_path / "p.budget.json"
    assert run("export", SAMPLE, "--json", str(exported), db=db).returncode == 0
    doc = json.loads(exported.read_text())
    doc["name"], doc["currency"] = "In euros", "EUR"
    doc.pop("fx_rates", None)
    for line in doc["lines"]:
        line.pop("currency", None)
    exported.write_text(json.dumps(doc))
    done = run("import", str(exported), db=db)
    assert done.returncode == 0, done.stderr
    before = dump(db)
    done = run("compare", SAMPLE, "In euros", "--json", db=db)
    assert done.returncode == 2
    assert "different currencies" in done.stderr and done.stdout == ""
    assert dump(db) == before
