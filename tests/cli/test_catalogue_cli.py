"""``catalogue list|import|diff`` and ``reprice`` as a planner runs them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.services.workspace import Workspace
from tests.cli.test_cli import SAMPLE, run
from tests.price_books import repriced_documents, write_csv, write_json

TABLES = ("plan", "line", "catalogue_entry", "price_book")
PRICES = {"lambda_h100_sxm": "2.49", "aws_s3_standard": "0.021"}


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "c.db"
    Workspace.open(path).close()
    return path


def test_import_list_diff_and_reprice_from_the_command_line(db: Path, tmp_path: Path) -> None:
    listed = json.loads(run("catalogue", "list", "--json", db=db).stdout)
    assert [v["label"] for v in listed["versions"]] == ["Shipped catalogue"]
    assert listed["current"]["version"] == 1

    prices = write_json(tmp_path / "nov.json", repriced_documents(PRICES))
    done = run("catalogue", "import", str(prices), db=db)
    assert done.returncode == 0, done.stderr
    assert "2 price(s) changed" in done.stdout
    listed = json.loads(run("catalogue", "list", "--json", db=db).stdout)
    assert [(v["version"], v["as_of"]) for v in listed["versions"]] == [
        (1, listed["versions"][0]["as_of"]),
        (2, "2026-11-15"),
    ]
    assert listed["versions"][1]["entries"] == listed["versions"][0]["entries"]

    diff = json.loads(run("catalogue", "diff", SAMPLE, "--json", db=db).stdout)
    assert diff["plan"] == SAMPLE and diff["currency"] == "USD"
    keys = {line["key"] for line in diff["lines"]}
    assert keys == set(PRICES)
    first = diff["lines"][0]
    assert set(first) == {
        "line_id", "line", "key", "old_price", "old_currency", "old_as_of", "new_price",
        "new_currency", "new_as_of", "old_line_total", "new_line_total", "line_change",
        "plan_change", "repriceable", "note",
    }  # fmt: skip
    summary = json.loads(run("summary", SAMPLE, "--json", db=db).stdout)
    assert diff["old_total"] == summary["total"]

    before = dump(db)
    dry = json.loads(run("reprice", SAMPLE, "--dry-run", "--json", db=db).stdout)
    assert dry["applied"] is False and dry["new_total"] == diff["new_total"]
    assert dump(db) == before
    text = run("reprice", SAMPLE, "--keys", "aws_s3_standard", "--dry-run", db=db).stdout
    assert "Nothing stored (dry run)." in text and "lambda_h100_sxm" not in text

    done = run("reprice", SAMPLE, "--keys", "aws_s3_standard", db=db)
    assert done.returncode == 0, done.stderr
    assert "Repriced 2 line(s) as one step." in done.stdout
    left = json.loads(run("catalogue", "diff", SAMPLE, "--json", db=db).stdout)
    assert {line["key"] for line in left["lines"]} == {"lambda_h100_sxm"}
    done = run("reprice", SAMPLE, db=db)
    assert done.returncode == 0, done.stderr
    summary = json.loads(run("summary", SAMPLE, "--json", db=db).stdout)
    assert summary["total"] == diff["new_total"]
    assert "every copied price matches" in run("catalogue", "diff", SAMPLE, db=db).stdout


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("price", "three", "prices.csv, row 3 (key 'aws_s3_standard'): price = 'three'"),
        ("currency", "EURO", "row 3 (key 'aws_s3_standard'): currency = 'EURO'"),
        ("as_of", "2026-13-01", "row 3 (key 'aws_s3_standard'): as_of = '2026-13-01'"),
        ("key", "lambda_h100_sxm", "key = 'lambda_h100_sxm': already given in row 2"),
    ],
)
def test_a_bad_price_file_is_refused_naming_row_and_field_with_nothing_written(
    db: Path, tmp_path: Path, field: str, value: str, message: str
) -> None:
    docs = repriced_documents(PRICES)
    docs[1][field] = value
    before = dump(db)
    done = run("catalogue", "import", str(write_csv(tmp_path / "prices.csv", docs)), db=db)
    assert done.returncode == 2
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert dump(db) == before


def test_a_file_without_a_column_and_an_unknown_key_are_refused(db: Path, tmp_path: Path) -> None:
    before = dump(db)
    columns = ("key", "kind", "name", "unit", "currency", "source", "as_of")
    path = write_csv(tmp_path / "short.csv", repriced_documents(PRICES), columns)
    done = run("catalogue", "import", str(path), db=db)
    assert done.returncode == 2 and "short.csv, row 1 (header): price" in done.stderr
    done = run("reprice", SAMPLE, "--keys", "no_such_key", db=db)
    assert done.returncode == 2 and "no entry 'no_such_key'" in done.stderr
    assert dump(db) == before
