"""The two sides of a compare as the command line and the window name them: two plans,
or a plan now (side b) and one of its baselines (side a); and what the window offers."""

from __future__ import annotations

from dataclasses import dataclass

from app.services.compare import Side
from app.services.versions import baseline_snapshot, line_origins, list_baselines
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


@dataclass(frozen=True)
class Version:
    """Something a compare can take as a side: a plan now, or one of its baselines."""

    plan_id: int
    plan_name: str
    baseline: str | None = None

    @property
    def label(self) -> str:
        if self.baseline is None:
            return self.plan_name
        return f"{self.plan_name} — baseline “{self.baseline}”"


def versions(workspace: Workspace) -> list[Version]:
    """Every plan, each followed by its baselines (oldest first)."""
    out: list[Version] = []
    for plan in workspace.plans():
        assert plan.id is not None
        out.append(Version(plan.id, plan.name))
        out += [Version(plan.id, plan.name, b.name) for b in list_baselines(workspace, plan.id)]
    return out


def side_of(workspace: Workspace, version: Version) -> Side:
    """The side a version stands for (a baseline by its own name, a plan by the plan's)."""
    if version.baseline is None:
        return plan_side(workspace, version.plan_id)
    return baseline_side(workspace, version.plan_id, version.baseline)
