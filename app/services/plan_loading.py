"""Opening a database and a plan for the window, in a form a worker thread can return.

The window runs these off its GUI thread (they import the store and read every
line), then takes the frozen result. Progress is reported and cancellation honoured
between chunks, so a 10,000-line plan opens without freezing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.domain.plan import CatalogueEntry, Phase, Plan, PlanSnapshot
from app.domain.taxonomy import Taxonomy, standard_taxonomy
from app.engine.budget import Budget
from app.paths import DbTarget

if TYPE_CHECKING:  # the store loads SQLAlchemy; first_look must not wait for it
    from app.services.workspace import Workspace

CHUNK = 500
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class LoadCancelled(Exception):
    """The planner cancelled opening a plan; nothing was changed."""


@dataclass(frozen=True)
class OpenedPlan:
    """Everything the window shows of one plan, read in one go."""

    snapshot: PlanSnapshot
    budget: Budget
    catalogue: tuple[CatalogueEntry, ...]
    taxonomy: Taxonomy

    @property
    def plan(self) -> Plan:
        return self.snapshot.plan


@dataclass(frozen=True)
class OpenedWorkspace:
    """A database opened at start-up, its plans and the plan to show first."""

    workspace: Workspace
    plans: tuple[Plan, ...]
    opened: OpenedPlan


def _never() -> bool:
    return False


def _ignore(_done: int, _total: int) -> None:
    return None


def load_plan(
    workspace: Workspace,
    plan_id: int,
    progress: Progress = _ignore,
    cancelled: Cancelled = _never,
) -> OpenedPlan:
    """The plan's snapshot and budget; the budget is built chunk by chunk."""
    snapshot = workspace.snapshot(plan_id)
    budget = _budget(snapshot, progress, cancelled)
    return OpenedPlan(snapshot, budget, tuple(workspace.catalogue()), workspace.taxonomy())


def _budget(snapshot: PlanSnapshot, progress: Progress, cancelled: Cancelled) -> Budget:
    """The plan's budget, built chunk by chunk so progress shows and cancel is honoured."""
    budget = Budget(snapshot.plan)
    total = len(snapshot.lines)
    progress(0, total)
    for start in range(0, total, CHUNK):
        if cancelled():
            raise LoadCancelled(snapshot.plan.name)
        budget.update(changed=snapshot.lines[start : start + CHUNK])
        progress(min(start + CHUNK, total), total)
    return budget


def choose_plan(plans: list[Plan], preferred: int | None) -> Plan | None:
    """The plan to open: the one used last if it still exists, else the first."""
    by_id = {p.id: p for p in plans}
    if preferred is not None and preferred in by_id:
        return by_id[preferred]
    return plans[0] if plans else None


@dataclass(frozen=True)
class FirstLook:
    """The plan to show first, read before the store has loaded; editing waits for it."""

    plans: tuple[Plan, ...]
    opened: OpenedPlan


def first_look(
    path: DbTarget,
    preferred: int | None,
    progress: Progress = _ignore,
    cancelled: Cancelled = _never,
    max_lines: int | None = None,
) -> FirstLook | None:
    """The last plan's figures straight from the file, or None if it must be opened fully.

    Only a database already at the current schema is read this way (read-only); a new
    one, or one that needs migrating, goes through :func:`open_workspace`. With
    ``max_lines``, a larger plan is not read here either (None).
    """
    if not isinstance(path, Path):
        return None  # a server: opened fully (the quick read is of SQLite files)
    from app.store.quick_read import read_first

    first = read_first(path, preferred, max_lines)
    if first is None:
        return None
    budget = _budget(first.snapshot, progress, cancelled)
    taxonomy = standard_taxonomy().with_items(list(first.custom_items))
    return FirstLook(first.plans, OpenedPlan(first.snapshot, budget, first.catalogue, taxonomy))


def open_workspace(
    path: DbTarget,
    preferred: int | None,
    progress: Progress = _ignore,
    cancelled: Cancelled = _never,
    starter: Callable[[Workspace], int] | None = None,
) -> OpenedWorkspace:
    """Open (creating and seeding if new) the database, then the plan to show first.

    A database with no plan left gets one from ``starter`` (the window makes a blank
    plan), so the window always has a plan to show.
    """
    from app.services.workspace import Workspace

    workspace = Workspace.open(path)
    plans = workspace.plans()
    chosen = choose_plan(plans, preferred)
    if chosen is None and starter is not None:
        starter(workspace)
        plans = workspace.plans()
        chosen = choose_plan(plans, None)
    if chosen is None or chosen.id is None:
        raise LoadCancelled("the database has no plan")
    opened = load_plan(workspace, chosen.id, progress, cancelled)
    return OpenedWorkspace(workspace, tuple(plans), opened)


def phases_of(workspace: Workspace, plan_id: int) -> list[Phase]:
    """The plan's phases in timeline order (after a phase was added, moved or deleted)."""
    from app.store import repository

    return workspace.read(lambda conn: repository.phases(conn, plan_id))
