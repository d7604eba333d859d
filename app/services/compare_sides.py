"""The two sides of a compare as the command line and the window name them: two plans,
or a plan now (side b) and one of its baselines (side a)."""

from __future__ import annotations

from app.services.compare import Side
from app.services.versions import baseline_snapshot, line_origins
from app.services.workspace import Workspace


def plan_side(workspace: Workspace, plan_id: int) -> Side:
    """A plan as it is now, with where its copied lines came from."""
    snap = workspace.snapshot(plan_id)
    return Side(snap.plan.name, snap, line_origins(workspace, plan_id))


def baseline_side(workspace: Workspace, plan_id: int, name: str) -> Side:
    """The plan's baseline ``name``, its lines carrying the ids they had when frozen."""
    return Side(name, baseline_snapshot(workspace, plan_id, name))


def named_sides(
    workspace: Workspace, a: str, b: str | None = None, baseline: str | None = None
) -> tuple[Side, Side]:
    """``compare A B`` or ``compare A --baseline NAME`` (the baseline is side a)."""
    first = workspace.find_plan(a)
    assert first.id is not None
    if baseline is not None:
        return baseline_side(workspace, first.id, baseline), plan_side(workspace, first.id)
    assert b is not None
    second = workspace.find_plan(b)
    assert second.id is not None
    return plan_side(workspace, first.id), plan_side(workspace, second.id)
