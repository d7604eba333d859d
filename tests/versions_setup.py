"""A database where versions differ: the sample plan, its baseline ``Approved v1``, a
scenario ``Rent instead`` and edits made since on both plans (a line grown, a line moved,
a line removed, a line added, the contingency raised)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from app.services import line_commands as lc
from app.services import plan_commands as plc
from app.services.versions import CreateScenario, save_baseline
from app.services.workspace import Workspace

SAMPLE = "Support assistant: fine-tune and serve"
SCENARIO = "Rent instead"
BASELINE = "Approved v1"
AS_COPIED = "As copied"
"""The scenario's baseline, saved before its edits: lines added, removed and changed since."""


def diverged(path: Path) -> dict[str, int]:
    """Make the database at ``path``; returns the plans' ids and the moved line's id."""
    ws = Workspace.open(path)
    try:
        [sample] = [p for p in ws.plans() if p.name == SAMPLE]
        assert sample.id is not None
        save_baseline(ws, sample.id, BASELINE)
        command = CreateScenario(sample.id, SCENARIO)
        ws.apply(command)
        assert command.plan_id is not None
        save_baseline(ws, command.plan_id, AS_COPIED)
        scenario = ws.snapshot(command.plan_id)
        grown = next(line for line in scenario.lines if "quantity" in line.drivers)
        doubled = {**grown.drivers, "quantity": str(Decimal(grown.drivers["quantity"]) * 2)}
        ws.apply(lc.EditLines([replace(grown, drivers=doubled)]))
        # not the newest line: SQLite gives a new line the id of a deleted newest one
        ws.apply(lc.DeleteLines([scenario.lines[-2].id or 0]))
        extra = replace(grown, id=None, name="Extra GPUs", drivers=dict(grown.drivers))
        ws.apply(lc.AddLines(command.plan_id, [extra]))
        ws.apply(plc.EditPlan(command.plan_id, contingency_pct=Decimal("12.5")))
        # the plan itself moves on after its baseline: a line two months later
        now = ws.snapshot(sample.id)
        moved = next(
            line for line in now.lines if not line.dates_from_phase and line.end > line.start
        )
        later = timedelta(days=61)
        ws.apply(lc.EditLines([replace(moved, start=moved.start + later, end=moved.end + later)]))
        assert moved.id is not None
        return {"sample": sample.id, "scenario": command.plan_id, "moved": moved.id}
    finally:
        ws.close()
