"""A large plan for tests and benchmarks: the sample plan's lines repeated with variations."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.domain.plan import PlanSnapshot
from app.io import plan_json
from app.paths import resource
from app.services.plan_commands import ImportPlan
from app.services.workspace import Workspace


def large_snapshot(lines: int, name: str = "Large plan") -> PlanSnapshot:
    """``lines`` lines in every category, each a varied copy of a sample line."""
    sample = plan_json.read_file(resource("sample.budget.json"))
    made = []
    for n in range(lines):
        base = sample.lines[n % len(sample.lines)]
        drivers = dict(base.drivers)
        for key in ("quantity", "fte", "volume"):
            if key in drivers:
                drivers[key] = str(1 + n % 7)
        made.append(replace(base, name=f"{base.name} #{n + 1}", drivers=drivers, position=n))
    return PlanSnapshot(replace(sample.plan, name=name), sample.phases, tuple(made))


def make_large_plan(db_path: Path, lines: int, name: str = "Large plan") -> int:
    """Store a large plan in the database (created with the sample if new); its id."""
    workspace = Workspace.open(db_path)
    try:
        command = ImportPlan(large_snapshot(lines, name), workspace.taxonomy())
        workspace.apply(command)
        assert command.plan_id is not None
        return command.plan_id
    finally:
        workspace.close()
