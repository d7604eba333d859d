"""Scenarios (a plan copied line by line, remembering each line's source) and baselines
(a plan frozen under a name, kept in the database, never changed, only deleted)."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace

from sqlalchemy import Connection

from app.domain.errors import InvalidValue
from app.domain.plan import Line, PlanSnapshot
from app.engine.budget import Budget
from app.io import plan_json
from app.services.changes import ChangeSet, RowChange
from app.services.command import now_stamp
from app.services.plan_commands import DuplicatePlan
from app.services.summary import plan_summary
from app.services.workspace import Workspace
from app.store import repository
from app.store import versions as store


class CreateScenario(DuplicatePlan):
    """A copy of a plan under a new name whose lines remember the lines they came from.

    Undo deletes the copy (its origins go with its lines); redo copies it again.
    """

    label = "New scenario"

    def __init__(self, plan_id: int, name: str) -> None:
        super().__init__(plan_id, name)
        self.origins: list[tuple[int, int]] = []

    def changes(self, conn: Connection) -> list[RowChange]:
        source = repository.lines(conn, self.source_id)
        rows = super().changes(conn)
        copies = [c.after for c in rows if isinstance(c.after, Line)]
        self.origins = [
            (copy.id, line.id)
            for copy, line in zip(copies, source, strict=True)
            if copy.id is not None and line.id is not None
        ]
        return rows

    def apply(self, conn: Connection) -> ChangeSet:
        done = super().apply(conn)
        store.insert_origins(conn, self.origins)
        return done


@dataclass(frozen=True)
class Baseline:
    """A baseline as listed: name, when it was saved and its frozen totals."""

    id: int
    plan_id: int
    name: str
    created_at: str
    currency: str
    subtotal: str
    contingency: str
    total: str


def _listed(row: store.StoredBaseline) -> Baseline:
    return Baseline(
        row.id,
        row.plan_id,
        row.name,
        row.created_at,
        row.currency,
        row.subtotal,
        row.contingency,
        row.total,
    )


def _check_baseline_name(name: str) -> str:
    if not name.strip():
        raise InvalidValue("name", name, "a baseline needs a name")
    if len(name) > 200:
        raise InvalidValue("name", name[:40] + "…", "longer than 200 characters")
    return name


def save_baseline(workspace: Workspace, plan_id: int, name: str) -> Baseline:
    """Freeze the plan as it is now under ``name`` (unique among the plan's baselines)."""
    name = _check_baseline_name(name)
    with workspace.db.transaction() as conn:
        if any(b.name == name for b in store.baselines(conn, plan_id)):
            raise InvalidValue("name", name, "this plan already has a baseline of this name")
        snap = repository.snapshot(conn, plan_id)
        summary = plan_summary(snap)
        stored = store.StoredBaseline(
            id=0,
            plan_id=plan_id,
            name=name,
            created_at=now_stamp(),
            currency=snap.plan.currency,
            subtotal=summary["subtotal"],
            contingency=summary["contingency"],
            total=summary["total"],
            document=plan_json.dumps(snap),
            line_ids=json.dumps([line.id for line in snap.lines]),
        )
        store.insert_baseline(conn, stored)
        return _listed(store.find_baseline(conn, plan_id, name))


def list_baselines(workspace: Workspace, plan_id: int) -> list[Baseline]:
    return [_listed(b) for b in workspace.read(lambda c: store.baselines(c, plan_id))]


def delete_baseline(workspace: Workspace, plan_id: int, name: str) -> None:
    with workspace.db.transaction() as conn:
        store.delete_baseline(conn, store.find_baseline(conn, plan_id, name).id)


def baseline_snapshot(workspace: Workspace, plan_id: int, name: str) -> PlanSnapshot:
    """The plan as it was frozen, its lines carrying the ids they had then."""
    row = workspace.read(lambda c: store.find_baseline(c, plan_id, name))
    snap = plan_json.loads(row.document, f"baseline {name!r}")
    ids = json.loads(row.line_ids)
    plan = replace(snap.plan, id=plan_id)
    lines = tuple(
        replace(line, id=line_id, plan_id=plan_id)
        for line, line_id in zip(snap.lines, ids, strict=True)
    )
    return PlanSnapshot(plan, snap.phases, lines)


def baseline_budget(workspace: Workspace, plan_id: int, name: str) -> Budget:
    snap = baseline_snapshot(workspace, plan_id, name)
    return Budget(snap.plan, snap.lines)


def line_origins(workspace: Workspace, plan_id: int) -> dict[int, int]:
    """line id → the id of the line it was copied from, for the plan's copied lines."""
    return workspace.read(lambda c: store.origins(c, plan_id))
