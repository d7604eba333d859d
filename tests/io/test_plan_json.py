"""The JSON plan file: exact round trips, the schema, and errors that name the field."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings

from app.domain.errors import BadInput, InvalidValue
from app.domain.plan import PlanSnapshot
from app.domain.taxonomy import standard_taxonomy
from app.io import plan_json
from app.paths import resource
from app.services.plan_commands import ImportPlan
from app.services.workspace import Workspace
from tests.strategies import snapshots

SCHEMA = json.loads(resource("budget-plan.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("empty") / "e.db"
    Workspace.open(path, seed=False).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


def fresh(template: bytes, path: Path) -> Workspace:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(template)
    return Workspace.open(path, seed=False)


def through_database(snapshot: PlanSnapshot, ws: Workspace) -> str:
    command = ImportPlan(snapshot, standard_taxonomy())
    ws.apply(command)
    assert command.plan_id is not None
    return plan_json.dumps(ws.snapshot(command.plan_id))


@settings(max_examples=40)
@given(snapshot=snapshots())
def test_export_import_export_gives_the_same_bytes(
    snapshot: PlanSnapshot, empty_db: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    base = tmp_path_factory.getbasetemp()
    first_ws, second_ws = fresh(empty_db, base / "a" / "a.db"), fresh(empty_db, base / "b" / "b.db")
    try:
        first = through_database(snapshot, first_ws)
        second = through_database(plan_json.loads(first), second_ws)
    finally:
        first_ws.close()
        second_ws.close()
    assert first == second
    assert plan_json.dumps(plan_json.loads(first)) == first
    jsonschema.validate(json.loads(first), SCHEMA, cls=jsonschema.Draft202012Validator)


def test_the_shipped_sample_validates_against_the_schema() -> None:
    document = json.loads(resource("sample.budget.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, SCHEMA, cls=jsonschema.Draft202012Validator)


def test_drivers_stay_exactly_as_entered(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "s.db")
    plan_id = ws.plans()[0].id
    assert plan_id is not None
    text = plan_json.dumps(ws.snapshot(plan_id))
    assert '"unit_cost": "44.07"' in text
    assert '"utilization": "0.85"' in text


def sample_document() -> dict[str, object]:
    return json.loads(resource("sample.budget.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["lines"][3]["drivers"].update(quantity="-2"),
            r"lines\[3\].*quantity = '-2': must not be negative",
        ),
        (
            lambda d: d["lines"][0]["drivers"].update(utilization="1.4"),
            r"utilization = '1.4': must be at most 1",
        ),
        (
            lambda d: d["lines"][2].update(start="2027-13-01"),
            r"lines\[2\]\.start = '2027-13-01': is not a date",
        ),
        (
            lambda d: d["lines"][5].update(end="2026-01-01"),
            r"end = '2026-01-01': is before the start",
        ),
        (lambda d: d.update(currency="EURO"), r"currency = 'EURO': not an ISO 4217"),
        (lambda d: d["lines"][1].update(category="marketing"), r"category = 'marketing'"),
        (lambda d: d["lines"][1]["drivers"].pop("unit_cost"), r"unit_cost = None: missing"),
        (
            lambda d: d["lines"][1]["drivers"].update(quantity=3),
            r"lines\[1\]\.drivers.*must map driver names to decimal strings",
        ),
        (lambda d: d["lines"][1].update(phase="nowhere"), r"lines\[1\]\.phase = 'nowhere'"),
        (lambda d: d.update(format="something-else"), r"format = 'something-else'"),
        (lambda d: d.update(version=2), r"version = Decimal\('2'\): this app reads version 1"),
        (lambda d: d.pop("lines").clear() or d.update(lines={}), r"lines = 'dict': must be a list"),
    ],
)
def test_bad_plan_files_name_the_field(tmp_path: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    document = sample_document()
    change(document)
    path = tmp_path / "bad.budget.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InvalidValue, match=message) as caught:
        snapshot = plan_json.read_file(path)
        ws = Workspace.open(tmp_path / "x.db", seed=False)
        ws.apply(ImportPlan(snapshot, standard_taxonomy(), source=str(path)))
    assert str(caught.value).startswith(str(path))


def test_text_that_is_not_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.budget.json"
    path.write_text('{"format": "budgetwright-plan", ', encoding="utf-8")
    with pytest.raises(BadInput, match=r"broken.budget.json: not valid JSON \(line 1, column 33\)"):
        plan_json.read_file(path)
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(BadInput, match="not UTF-8"):
        plan_json.read_file(path)
