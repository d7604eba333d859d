"""Every command reverts exactly: random sequences undone leave the stored database as it
was, redone bring it back exactly; a refused command writes nothing."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import BudgetwrightError, InvalidValue
from app.domain.plan import CatalogueEntry, CostModel, Line, Phase, Plan
from app.services import catalogue_commands as cat
from app.services import line_commands as lc
from app.services import phase_commands as pc
from app.services import plan_commands as plc
from app.services.command import Command
from app.services.reprice import RepriceLines
from app.services.workspace import Workspace
from tests.stores import dump as stored_rows
from tests.strategies import NAMES, lines

Opener = Callable[[str], Workspace]
TABLES = ("plan", "phase", "line", "catalogue_entry")


def dump(where: object) -> dict[str, list[tuple[object, ...]]]:
    """The stored rows on either engine; a plan's version is left out (undo moves it on)."""
    return stored_rows(str(where), TABLES, skip=("version",))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("template") / "t.db"
    Workspace.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


def fresh(template: bytes, folder: Path) -> Workspace:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "w.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(template)
    return Workspace.open(path)


def pick_command(data: st.DataObject, ws: Workspace) -> Command:
    plans = ws.plans()
    plan = data.draw(st.sampled_from(plans)) if plans else None
    kinds = ["create_plan"]
    if plan is not None:
        kinds += [
            "add_line",
            "edit_line",
            "delete_lines",
            "duplicate",
            "reorder",
            "add_phase",
            "move_phase",
            "delete_phase",
            "rename_plan",
            "settings",
            "duplicate_plan",
            "delete_plan",
            "catalogue",
            "reprice",
        ]
    kind = data.draw(st.sampled_from(kinds))
    if plan is None or kind == "create_plan":
        start = data.draw(st.dates(date(2026, 1, 1), date(2028, 12, 31)))
        return plc.CreatePlan(
            Plan(None, data.draw(NAMES), "EUR", start, start + timedelta(days=400))
        )
    assert plan.id is not None
    snap = ws.snapshot(plan.id)
    line_ids = [line.id for line in snap.lines if line.id is not None]
    phase_ids = tuple(p.id for p in snap.phases if p.id is not None)
    if kind == "add_line" or (not line_ids and kind in ("edit_line", "delete_lines", "duplicate")):
        new = data.draw(lines(phase_ids=phase_ids))
        return lc.AddLines(
            plan.id,
            [
                replace(
                    new,
                    id=None,
                    dates_from_phase=data.draw(st.booleans()) and new.phase_id is not None,
                )
            ],
        )
    if kind == "edit_line":
        chosen_id = data.draw(st.sampled_from(line_ids))
        old = next(line for line in snap.lines if line.id == chosen_id)
        new = data.draw(lines(phase_ids=phase_ids))
        return lc.EditLines([replace(new, id=old.id, plan_id=old.plan_id, position=old.position)])
    if kind == "delete_lines":
        return lc.DeleteLines(
            data.draw(st.lists(st.sampled_from(line_ids), min_size=1, unique=True))
        )
    if kind == "duplicate":
        chosen = data.draw(st.lists(st.sampled_from(line_ids), min_size=1, max_size=3, unique=True))
        return ws.build(lambda c: lc.duplicate_lines(c, plan.id, chosen))  # type: ignore[arg-type]
    if kind == "reorder":
        order = data.draw(st.permutations(line_ids))
        return ws.build(lambda c: lc.reorder_lines(c, plan.id, order))  # type: ignore[arg-type]
    if kind in ("move_phase", "delete_phase") and snap.phases:
        phase = data.draw(st.sampled_from(snap.phases))
        assert phase.id is not None
        if kind == "delete_phase":
            return pc.DeletePhase(phase.id)
        shift = timedelta(days=data.draw(st.integers(-40, 40)))
        return pc.EditPhase(replace(phase, start=phase.start + shift, end=phase.end + shift))
    if kind in ("add_phase", "move_phase", "delete_phase"):
        key = data.draw(st.sampled_from(["alpha", "beta", "launch", "research"]))
        return pc.AddPhase(Phase(None, plan.id, key, key.title(), plan.start, plan.end))
    if kind == "rename_plan":
        return plc.EditPlan(plan.id, name=data.draw(NAMES))
    if kind == "settings":
        return plc.EditPlan(
            plan.id,
            contingency_pct=Decimal(data.draw(st.sampled_from(["0", "15", "7.5"]))),
            currency=data.draw(st.sampled_from(["EUR", "JPY", "USD", "XXQ"])),
        )
    if kind == "duplicate_plan":
        return plc.DuplicatePlan(plan.id, data.draw(NAMES))
    if kind == "delete_plan":
        return plc.DeletePlan(plan.id)
    if kind == "reprice":
        return RepriceLines(plan.id)  # type: ignore[arg-type]
    entries = ws.catalogue()
    choice = data.draw(st.sampled_from(["add", "edit", "delete"]))
    if choice == "add":
        return cat.AddCatalogueEntry(
            CatalogueEntry(
                None,
                data.draw(st.sampled_from(["x1", "x2"])),
                "other",
                "Extra",
                "unit",
                "1.5",
                "USD",
                "test",
                date(2026, 1, 1),
            )
        )
    entry = data.draw(st.sampled_from(entries))
    assert entry.id is not None
    if choice == "edit":
        return cat.EditCatalogueEntry(
            replace(entry, price=data.draw(st.sampled_from(["0", "3.14"])))
        )
    return cat.DeleteCatalogueEntry(entry.id)


@settings(max_examples=60)
@given(data=st.data())
def test_undo_restores_and_redo_replays_exactly(
    data: st.DataObject, template: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    ws = fresh(template, tmp_path_factory.getbasetemp() / "undo")
    try:
        states = [dump(ws.path)]
        done: list[Command] = []
        for _ in range(data.draw(st.integers(1, 8))):
            command = pick_command(data, ws)
            try:
                ws.apply(command)
            except BudgetwrightError:
                assert dump(ws.path) == states[-1], "a refused command wrote something"
                continue
            done.append(command)
            states.append(dump(ws.path))
        for command, before in zip(reversed(done), reversed(states[:-1]), strict=True):
            ws.revert(command)
            assert dump(ws.path) == before
        for command, after in zip(done, states[1:], strict=True):
            ws.apply(command)
            assert dump(ws.path) == after
    finally:
        ws.close()


def test_a_refused_edit_names_the_field_and_writes_nothing(
    where: str, workspace_at: Opener
) -> None:
    ws = workspace_at(where)
    plan_id = ws.plans()[0].id
    assert plan_id is not None
    line = ws.snapshot(plan_id).lines[0]
    before = dump(ws.path)
    bad = replace(line, drivers={**line.drivers, "utilization": "1.4"})
    with pytest.raises(InvalidValue, match=r"utilization = '1\.4': must be at most 1"):
        ws.apply(lc.EditLines([bad]))
    negative = Line(
        None,
        plan_id,
        "data",
        "training_data",
        "volume_requirements",
        "Pairs",
        CostModel.ONE_TIME,
        {"quantity": "-5", "unit_cost": "1"},
        date(2027, 1, 1),
        date(2027, 1, 1),
    )
    with pytest.raises(InvalidValue, match="quantity = '-5': must not be negative"):
        ws.apply(lc.AddLines(plan_id, [negative]))
    backwards = replace(negative, drivers={"quantity": "5", "unit_cost": "1"}, end=date(2026, 1, 1))
    with pytest.raises(InvalidValue, match="end = '2026-01-01': is before the start"):
        ws.apply(lc.AddLines(plan_id, [backwards]))
    unknown = replace(backwards, end=date(2027, 1, 1), item="quantum_computers")
    with pytest.raises(InvalidValue, match="item = 'quantum_computers'"):
        ws.apply(lc.AddLines(plan_id, [unknown]))
    missing = replace(unknown, item="volume_requirements", drivers={"quantity": "5"})
    with pytest.raises(InvalidValue, match="unit_cost = None: missing"):
        ws.apply(lc.AddLines(plan_id, [missing]))
    with pytest.raises(InvalidValue, match="currency = 'EURO'"):
        ws.apply(plc.EditPlan(plan_id, currency="EURO"))
    assert dump(ws.path) == before


def test_moving_a_phase_moves_the_lines_that_follow_it(where: str, workspace_at: Opener) -> None:
    ws = workspace_at(where)
    plan_id = ws.plans()[0].id
    assert plan_id is not None
    snap = ws.snapshot(plan_id)
    testing = next(p for p in snap.phases if p.key == "testing")
    followers = [
        line for line in snap.lines if line.phase_id == testing.id and line.dates_from_phase
    ]
    assert followers
    moved = replace(testing, start=date(2027, 8, 1), end=date(2027, 9, 30))
    command = pc.EditPhase(moved)
    changes = ws.apply(command)
    assert {line.id for line in changes.lines_changed} == {line.id for line in followers}
    after = ws.snapshot(plan_id)
    for line in after.lines:
        if line.id in {f.id for f in followers}:
            assert (line.start, line.end) == (date(2027, 8, 1), date(2027, 9, 30))
    ws.revert(command)
    assert ws.snapshot(plan_id).lines == snap.lines


def test_new_plans_get_the_default_timeline(where: str, workspace_at: Opener) -> None:
    ws = workspace_at(where)
    command = plc.CreatePlan(Plan(None, "Chatbot", "GBP", date(2027, 1, 1), date(2027, 12, 31)))
    ws.apply(command)
    assert command.plan_id is not None
    phases = ws.snapshot(command.plan_id).phases
    assert [p.key for p in phases] == [
        "research",
        "development",
        "testing",
        "deployment",
        "maintenance",
    ]
    assert phases[0].start == date(2027, 1, 1) and phases[-1].end == date(2027, 12, 31)
    assert all(a.end + timedelta(days=1) == b.start for a, b in itertools.pairwise(phases))
    assert phases[1].depends_on == ("research",)


def test_a_planner_adds_an_item_of_their_own(where: str, workspace_at: Opener) -> None:
    from app.services.taxonomy_commands import AddCustomItem

    ws = workspace_at(where)
    command = AddCustomItem("computing", "cloud", "Serverless GPU (Modal, Replicate)")
    changes = ws.apply(command)
    assert changes.taxonomy_changed
    section = ws.taxonomy().section("computing", "cloud")
    assert section.item("serverless_gpu") is not None
    assert section.item("serverless_gpu").label == "Serverless GPU (Modal, Replicate)"  # type: ignore[union-attr]
    with pytest.raises(InvalidValue, match="already has that item"):
        ws.apply(AddCustomItem("computing", "cloud", "Serverless GPU"))
    ws.revert(command)
    assert ws.taxonomy().section("computing", "cloud").item("serverless_gpu") is None
