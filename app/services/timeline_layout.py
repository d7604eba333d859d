"""The timeline's rows and bars, worked out once for the window and the PDF pack alike.

Rows come in this order: the phases (one summary bar over them all, then each phase,
a diamond for a milestone), then each category that has lines, its lines grouped
under the phase they belong to. Group rows carry a summary bar from the earliest
start to the latest end of what they hold; a collapsed group hides its rows.
Arrows join a phase to each phase that waits for it, flagged when the later one
starts before the earlier one has ended (as the phases table flags it). Lines that
run outside the plan's horizon are flagged too.

Nothing here knows about pixels or points: the window and the PDF each map dates to
their own x and rows to their own y.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from app.domain.plan import Line, Phase, Plan
from app.domain.taxonomy import CATEGORY_KEYS
from app.services.phase_fields import early_start

PHASES_GROUP = "phases"
NO_PHASE = "No phase"


class RowKind(StrEnum):
    GROUP = "group"
    PHASE = "phase"
    LINE = "line"


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the timeline: a group's summary, a phase or a line."""

    kind: RowKind
    key: str
    """Unique within a layout: ``phases``, ``cat:computing``, ``cat:computing:phase:3``,
    ``phase:3``, ``line:12``; group keys are what :func:`layout` takes as collapsed."""
    label: str
    depth: int
    start: date | None
    end: date | None
    colour: str
    """A category key, or ``phase`` for the phases' own colour."""
    item_id: int | None = None
    """The line's or the phase's id."""
    milestone: bool = False
    flag: str = ""
    """Why the row is flagged (outside the horizon, starts too early), or ""."""
    follows_phase: bool = False
    """A line whose dates are its phase's: it moves with the phase, not by itself."""
    collapsed: bool = False
    count: int = 0
    """How many lines a group holds."""


@dataclass(frozen=True, slots=True)
class Arrow:
    """A finish-to-start dependency: ``target`` waits for ``source`` (row indexes)."""

    source: int
    target: int
    late: bool


@dataclass(frozen=True)
class TimelineLayout:
    rows: tuple[Row, ...]
    arrows: tuple[Arrow, ...]
    first: date
    """The earliest date shown (the horizon's start, or earlier if a bar starts sooner)."""
    last: date
    horizon: tuple[date, date]
    index: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def row_of(self, key: str) -> int | None:
        """The index of the row with this key (``line:12``), or None if hidden."""
        return self.index.get(key)


def line_key(line_id: int) -> str:
    return f"line:{line_id}"


def phase_key(phase_id: int) -> str:
    return f"phase:{phase_id}"


def outside_horizon(start: date, end: date, plan: Plan) -> str:
    if start < plan.start or end > plan.end:
        return f"runs outside the plan's horizon ({plan.start} to {plan.end})"
    return ""


def layout(
    plan: Plan,
    phases: Sequence[Phase],
    lines: Iterable[Line],
    label: Callable[[str], str] = str,
    collapsed: Collection[str] = (),
    hidden: Collection[int] = (),
) -> TimelineLayout:
    """The rows, bars and arrows of a plan; ``lines`` in plan order, ``hidden`` line ids left out."""
    ordered = sorted(phases, key=lambda p: (p.position, p.id or 0))
    names = {p.id: p.name for p in ordered}
    rows: list[Row] = []
    first, last = plan.start, plan.end

    def group(key: str, title: str, depth: int, colour: str, spans: list[Row]) -> None:
        starts = [r.start for r in spans if r.start is not None]
        ends = [r.end for r in spans if r.end is not None]
        shut = key in collapsed
        rows.append(
            Row(
                RowKind.GROUP,
                key,
                title,
                depth,
                min(starts, default=None),
                max(ends, default=None),
                colour,
                collapsed=shut,
                count=sum(r.count or r.kind is RowKind.LINE for r in spans),
            )
        )

    if ordered:
        phase_rows = [
            Row(
                RowKind.PHASE,
                phase_key(p.id or 0),
                p.name,
                1,
                p.start,
                p.end,
                "phase",
                p.id,
                p.milestone,
                early_start(p, ordered),
            )
            for p in ordered
        ]
        group(PHASES_GROUP, "Phases", 0, "phase", phase_rows)
        if PHASES_GROUP not in collapsed:
            rows.extend(phase_rows)
        first = min(first, *(p.start for p in ordered))
        last = max(last, *(p.end for p in ordered))

    by_category: dict[str, dict[int | None, list[Row]]] = {c: {} for c in CATEGORY_KEYS}
    for line in lines:
        if line.id is None or line.id in hidden:
            continue
        first, last = min(first, line.start), max(last, line.end)
        phase_id = line.phase_id if line.phase_id in names else None
        by_category.setdefault(line.category, {}).setdefault(phase_id, []).append(
            Row(
                RowKind.LINE,
                line_key(line.id),
                line.name,
                2,
                line.start,
                line.end,
                line.category,
                line.id,
                flag=outside_horizon(line.start, line.end, plan),
                follows_phase=line.dates_from_phase,
            )
        )
    for category, by_phase in by_category.items():
        if not by_phase:
            continue
        top = f"cat:{category}"
        order = [p.id for p in ordered if p.id in by_phase] + ([None] if None in by_phase else [])
        if list(by_phase) == [None]:  # no line of the category is in a phase
            by_phase[None] = [replace(row, depth=1) for row in by_phase[None]]
            group(top, label(category), 0, category, by_phase[None])
            if top not in collapsed:
                rows.extend(by_phase[None])
            continue
        subgroups: list[tuple[str, str, list[Row]]] = [
            (f"{top}:phase:{p or 0}", names[p] if p is not None else NO_PHASE, by_phase[p])
            for p in order
        ]
        summaries = [
            Row(
                RowKind.GROUP,
                k,
                t,
                1,
                min(r.start for r in members if r.start),
                max(r.end for r in members if r.end),
                category,
                count=len(members),
            )
            for k, t, members in subgroups
        ]
        group(top, label(category), 0, category, summaries)
        if top in collapsed:
            continue
        for key, title, members in subgroups:
            group(key, title, 1, category, members)
            if key not in collapsed:
                rows.extend(members)

    index = {row.key: i for i, row in enumerate(rows)}
    arrows = []
    by_phase_key = {p.key: p for p in ordered}
    for phase in ordered:
        target = index.get(phase_key(phase.id or 0))
        for key in phase.depends_on:
            other = by_phase_key.get(key)
            source = index.get(phase_key(other.id or 0)) if other else None
            if other is not None and source is not None and target is not None:
                arrows.append(Arrow(source, target, other.end >= phase.start))
    return TimelineLayout(tuple(rows), tuple(arrows), first, last, (plan.start, plan.end), index)
