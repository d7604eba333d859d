"""Scenarios remember their lines; baselines never change, whatever happens to the plan."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.domain.errors import InvalidValue, NotFound
from app.services import line_commands as lc
from app.services import phase_commands as pc
from app.services import plan_commands as plc
from app.services.compare import Side, compare
from app.services.summary import plan_summary
from app.services.versions import (
    CreateScenario,
    baseline_snapshot,
    delete_baseline,
    line_origins,
    list_baselines,
    save_baseline,
)
from app.services.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(tmp_path / "v.db")
    yield workspace
    workspace.close()


def _sample(ws: Workspace) -> int:
    plan_id = ws.plans()[0].id
    assert plan_id is not None
    return plan_id


def _baseline_rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM baseline ORDER BY id").fetchall()


def _sides(ws: Workspace, a: int, b: int) -> tuple[Side, Side]:
    sa, sb = ws.snapshot(a), ws.snapshot(b)
    return (
        Side(sa.plan.name, sa, line_origins(ws, a)),
        Side(sb.plan.name, sb, line_origins(ws, b)),
    )


def test_a_scenario_compares_with_its_source_at_zero_and_follows_renames(ws: Workspace) -> None:
    source = _sample(ws)
    command = CreateScenario(source, "Rent instead")
    ws.apply(command)
    assert command.plan_id is not None
    copy = ws.snapshot(command.plan_id)
    original = ws.snapshot(source)
    assert line_origins(ws, command.plan_id) == {
        c.id: o.id for c, o in zip(copy.lines, original.lines, strict=True)
    }
    result = compare(*_sides(ws, source, command.plan_id))
    assert result["total"]["delta"] == "0.00"
    assert {v["delta"] for v in result["by_month"].values()} == {"0.00"}
    assert result["lines"] == {"added": [], "removed": [], "changed": []}

    first = next(line for line in copy.lines if "quantity" in line.drivers)
    doubled = {**first.drivers, "quantity": str(Decimal(first.drivers["quantity"]) * 2)}
    ws.apply(lc.EditLines([replace(first, name="Renamed in the scenario", drivers=doubled)]))
    lines = compare(*_sides(ws, source, command.plan_id))["lines"]
    assert lines["added"] == [] and lines["removed"] == []
    assert [x["name"] for x in lines["changed"]] == ["Renamed in the scenario"]


def test_undoing_a_scenario_removes_it_and_redo_brings_its_origins_back(ws: Workspace) -> None:
    source = _sample(ws)
    command = CreateScenario(source, "What if")
    ws.apply(command)
    assert command.plan_id is not None
    origins = line_origins(ws, command.plan_id)
    ws.revert(command)
    assert [p.name for p in ws.plans()] == [ws.plan(source).name]
    with sqlite3.connect(ws.path) as conn:
        assert conn.execute("SELECT count(*) FROM line_origin").fetchone() == (0,)
    ws.apply(command)
    assert line_origins(ws, command.plan_id) == origins


def test_a_scenario_name_already_taken_is_refused_and_nothing_written(ws: Workspace) -> None:
    source = _sample(ws)
    with pytest.raises(InvalidValue, match="already exists"):
        ws.apply(CreateScenario(source, ws.plan(source).name))
    assert len(ws.plans()) == 1


def test_a_baseline_survives_every_edit_of_its_plan_unchanged(ws: Workspace) -> None:
    plan_id = _sample(ws)
    before = plan_summary(ws.snapshot(plan_id))
    saved = save_baseline(ws, plan_id, "Approved v1")
    assert (saved.subtotal, saved.total) == (before["subtotal"], before["total"])
    frozen_rows = _baseline_rows(ws.path)
    frozen = baseline_snapshot(ws, plan_id, "Approved v1")

    snap = ws.snapshot(plan_id)
    line, other = snap.lines[0], snap.lines[1]
    edits = [
        lc.EditLines([replace(line, name="Edited", drivers={**line.drivers})]),
        lc.EditLines([replace(other, start=other.start, end=other.start)]),
        lc.DeleteLines([snap.lines[2].id or 0]),
        lc.AddLines(plan_id, [replace(line, id=None, name="Brand new")]),
        plc.EditPlan(plan_id, contingency_pct=Decimal("25"), name="Renamed plan"),
        pc.EditPhase(replace(snap.phases[0], end=snap.phases[0].end)),
        pc.DeletePhase(snap.phases[-1].id or 0),
    ]
    for edit in edits:
        ws.apply(edit)
    ws.revert(edits[0])
    assert plan_summary(ws.snapshot(plan_id))["total"] != before["total"]

    assert _baseline_rows(ws.path) == frozen_rows
    assert baseline_snapshot(ws, plan_id, "Approved v1") == frozen
    assert plan_summary(frozen)["total"] == before["total"]
    result = compare(Side("Approved v1", frozen), Side("now", ws.snapshot(plan_id)))
    assert result["total"]["a"] == before["total"]
    assert [x["name"] for x in result["lines"]["added"]] == ["Brand new"]
    assert [x["name"] for x in result["lines"]["removed"]] == [snap.lines[2].name]


def test_the_database_refuses_to_update_a_baseline(ws: Workspace, tmp_path: Path) -> None:
    plan_id = _sample(ws)
    save_baseline(ws, plan_id, "Approved v1")
    frozen = _baseline_rows(ws.path)
    with sqlite3.connect(ws.path) as conn, pytest.raises(sqlite3.IntegrityError, match="never"):
        conn.execute("UPDATE baseline SET total = '0.00'")
    with pytest.raises(IntegrityError, match="never"), ws.db.transaction() as conn:
        conn.execute(text("UPDATE baseline SET name = 'Approved v2'"))
    assert _baseline_rows(ws.path) == frozen


def test_baselines_are_listed_refused_twice_and_deleted(ws: Workspace) -> None:
    plan_id = _sample(ws)
    save_baseline(ws, plan_id, "v1")
    save_baseline(ws, plan_id, "v2")
    with pytest.raises(InvalidValue, match="already has a baseline"):
        save_baseline(ws, plan_id, "v1")
    with pytest.raises(InvalidValue, match="needs a name"):
        save_baseline(ws, plan_id, "  ")
    assert [b.name for b in list_baselines(ws, plan_id)] == ["v1", "v2"]
    delete_baseline(ws, plan_id, "v1")
    assert [b.name for b in list_baselines(ws, plan_id)] == ["v2"]
    with pytest.raises(NotFound):
        baseline_snapshot(ws, plan_id, "v1")


def test_a_baseline_keeps_the_line_ids_the_plan_had(ws: Workspace) -> None:
    plan_id = _sample(ws)
    save_baseline(ws, plan_id, "v1")
    frozen = baseline_snapshot(ws, plan_id, "v1")
    assert [line.id for line in frozen.lines] == [line.id for line in ws.snapshot(plan_id).lines]
    assert frozen.plan.start <= date(2100, 1, 1)


def test_a_line_deleted_and_restored_by_undo_in_a_scenario_still_compares(
    ws: Workspace,
) -> None:
    source = _sample(ws)
    command = CreateScenario(source, "What if")
    ws.apply(command)
    assert command.plan_id is not None
    victim = ws.snapshot(command.plan_id).lines[4]
    delete = lc.DeleteLines([victim.id or 0])
    ws.apply(delete)
    lines = compare(*_sides(ws, source, command.plan_id))["lines"]
    assert [x["name"] for x in lines["removed"]] == [victim.name]
    ws.revert(delete)
    # its origin went with the deleted row; it matches again by place and name
    assert compare(*_sides(ws, source, command.plan_id))["lines"] == {
        "added": [],
        "removed": [],
        "changed": [],
    }


def test_a_line_added_after_the_newest_was_deleted_never_takes_its_place(ws: Workspace) -> None:
    """A new line once took the deleted line's id, and the baseline then showed the
    deleted line as 'changed' into the new one instead of removed and added."""
    plan_id = _sample(ws)
    save_baseline(ws, plan_id, "v1")
    newest = max(ws.snapshot(plan_id).lines, key=lambda line: line.id or 0)
    ws.apply(lc.DeleteLines([newest.id or 0]))
    add = lc.AddLines(plan_id, [replace(newest, id=None, name="Extra GPUs")])
    ws.apply(add)
    added = next(line for line in ws.snapshot(plan_id).lines if line.name == "Extra GPUs")
    assert (added.id or 0) > (newest.id or 0)

    result = compare(
        Side("v1", baseline_snapshot(ws, plan_id, "v1")), Side("now", ws.snapshot(plan_id))
    )
    assert [x["name"] for x in result["lines"]["removed"]] == [newest.name]
    assert [x["name"] for x in result["lines"]["added"]] == ["Extra GPUs"]
    assert result["lines"]["changed"] == []

    # undo and redo give the same ids back, and deleting a whole plan frees none
    ws.revert(add)
    ws.apply(add)
    assert [line.id for line in ws.snapshot(plan_id).lines][-1] == added.id
    other = CreateScenario(plan_id, "Copy")
    ws.apply(other)
    assert other.plan_id is not None
    copied = max(line.id or 0 for line in ws.snapshot(other.plan_id).lines)
    ws.revert(other)
    ws.apply(lc.AddLines(plan_id, [replace(newest, id=None, name="After the copy")]))
    latest = max(line.id or 0 for line in ws.snapshot(plan_id).lines)
    assert latest > copied
