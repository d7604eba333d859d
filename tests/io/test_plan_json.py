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
            r"lines\[2\] \('Inference: L40S fleet sized by demand'\): start = '2027-13-01': is not a date",
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
            r"lines\[1\] \(.*\): drivers = .*must map driver names to decimal strings",
        ),
        (lambda d: d["lines"][1].update(phase="nowhere"), r"lines\[1\] \(.*\): phase = 'nowhere'"),
        (lambda d: d.update(format="something-else"), r"format = 'something-else'"),
        (lambda d: d.update(version=2), r"version = Decimal\('2'\): this app reads version 1"),
        (lambda d: d.pop("lines").clear() or d.update(lines={}), r"lines = 'dict': must be a list"),
        (lambda d: d.update(name=None), r": name = None: must be text"),
        (lambda d: d.update(description=None), r": description = None: must be text"),
        (lambda d: d.update(notes=None), r": notes = None: must be text"),
        (lambda d: d["lines"][4].update(vendor=None), r"lines\[4\] \(.*\): vendor = None"),
        (lambda d: d["lines"][4].update(notes=None), r"lines\[4\] \(.*\): notes = None"),
        (lambda d: d["lines"][4].update(end=None), r"lines\[4\] \(.*\): end = None"),
        (lambda d: d["phases"][0].update(start=None), r"phases\[0\]: start = None"),
        (lambda d: d["lines"][4].update(name="\ud800"), r"lines\[4\] .*name = '\\ud800'"),
        (lambda d: d.update(notes="a\udfffb"), r"notes = 'a\\udfffb': holds a lone surrogate"),
        (
            lambda d: d["lines"][3]["drivers"].update(quantity="0e999999999"),
            r"lines\[3\] \('Developer workstations'\): quantity = '0e999999999': has more than",
        ),
        (
            lambda d: d["lines"][3]["drivers"].update(quantity="0" * 100_000 + "1"),
            r"quantity = '0000.*0001': has more than 40 characters",
        ),
        (lambda d: d["lines"][3]["drivers"].update(quantity="1_000"), r"quantity = '1_000'"),
        (lambda d: d["lines"][3]["drivers"].update(quantity=" 5 "), r"quantity = ' 5 '"),
        (lambda d: d["lines"][3]["drivers"].update(quantity="\u0665"), r"quantity = '\u0665'"),
        (lambda d: d["lines"][3]["drivers"].update(quantity="\uff15"), r"quantity = '\uff15'"),
        (lambda d: d.update(contingency_pct="1e400"), r"contingency_pct = '1e400'"),
        (
            lambda d: d["lines"][3].update(estimate={"low": "0e99999", "high": None}),
            r"lines\[3\] \(.*\): estimate.low = '0e99999'",
        ),
        (
            lambda d: d["lines"][3].update(catalogue={"ref": "x", "price": " 1"}),
            r"lines\[3\] \(.*\): catalogue.price = ' 1'",
        ),
        (lambda d: d["lines"][3].update(start="20270101"), r"start = '20270101': is not a date"),
        (lambda d: d.update(end="2027-W01-1"), r"end = '2027-W01-1': is not a date"),
        (lambda d: d.update(colour="red"), r"colour = None: is not a key of the plan file format"),
        (lambda d: d["lines"][2].update(colour="red"), r"lines\[2\] \(.*\): colour = None"),
        (lambda d: d["phases"][2].update(colour="red"), r"phases\[2\]: colour = None"),
        (
            lambda d: d["lines"][3].update(estimate={"lo": "1"}),
            r"estimate.lo = None: is not a key",
        ),
        (lambda d: d.pop("contingency_pct"), r": contingency_pct = None: is missing"),
        (
            lambda d: d.update(contingency_pc=d.pop("contingency_pct")),
            r": contingency_pc = None: is not a key of the plan file format",
        ),
        (lambda d: d.pop("capex_view"), r": capex_view = None: is missing"),
        (lambda d: d["lines"][3].pop("end"), r"lines\[3\] \(.*\): end = None: is missing"),
        (
            lambda d: d["phases"][1].update(depends_on=["nowhere"]),
            r"phases\[1\] \('development'\): depends_on = 'nowhere': no phase",
        ),
        (
            lambda d: d["phases"][0].update(depends_on=["maintenance"]),
            r"phases\[0\] \('research'\): depends_on = \['maintenance'\]: makes a cycle "
            r"\(research → maintenance → deployment → testing → development → research\)",
        ),
        (
            lambda d: d["lines"][0].update(start="2027-01-01"),
            r"lines\[0\] \(.*\): start = '2027-01-01': the line follows phase 'development' "
            r"\(.*\) but carries other dates",
        ),
        (
            lambda d: d["lines"][3].update(dates_from_phase=True),
            r"lines\[3\] \(.*\): dates_from_phase = True: the line names no phase",
        ),
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


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda t: t.replace('"name":', '"name": "Other", "name":', 1),
            r": name = None: is written twice",
        ),
        (
            lambda t: t.replace('"quantity":', '"quantity": "1", "quantity":', 1),
            r"lines\[\d+\] \(.*\): drivers.quantity = None: is written twice",
        ),
        (
            lambda t: t.replace('"notes":', '"notes": ' + "[" * 1000 + "]" * 1000 + ', "x":', 1),
            r"nested too deeply; not a plan file",
        ),
        (
            lambda t: t.replace('"Support', '"\\ud800Support', 1),
            r"name = '\\ud800Support.*surrogate",
        ),
    ],
)
def test_bad_plan_file_text_names_the_field(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    text = edit(resource("sample.budget.json").read_text(encoding="utf-8"))
    path = tmp_path / "bad.budget.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises((InvalidValue, BadInput), match=message) as caught:
        plan_json.read_file(path)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update({"a\nb": "1"}),
        lambda d: d["lines"][3]["drivers"].update({"a\nb": "1"}),
        lambda d: d["phases"][0].update(key="x\ny", depends_on=["research"]),
    ],
)
def test_odd_keys_are_quoted_so_the_message_stays_one_line(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    document = sample_document()
    document["name"] = "Odd keys"
    change(document)
    path = tmp_path / "odd.budget.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InvalidValue) as caught:
        snapshot = plan_json.read_file(path)
        ws = Workspace.open(tmp_path / "x.db", seed=False)
        ws.apply(ImportPlan(snapshot, standard_taxonomy(), source=str(path)))
    assert "\n" not in str(caught.value)
