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
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from app.domain.plan import CostModel, Line, Phase, Plan
from app.domain.taxonomy import CATEGORY_KEYS
from app.services.phase_fields import early_start

PHASES_GROUP = "phases"
NO_PHASE = "No phase"


class RowKind(StrEnum):
    GROUP = "group"
    PHASE = "phase"
    LINE = "line"


class Row(NamedTuple):
    """One row of the timeline: a group's summary, a phase or a line.

    A named tuple: ten thousand of them are made in a few milliseconds.
    """

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
    line_count: int = 0
    """How many lines a group holds."""
    end_follows_compute: bool = False
    """A training run whose end its compute sets (dragging the end fixes its dates)."""


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


def end_follows_compute(line: Line) -> bool:
    """A training run whose end is worked out from its compute (not fixed, not its phase's)."""
    return (
        line.cost_model == CostModel.TRAINING_RUN
        and not line.dates_fixed
        and not line.dates_from_phase
    )


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
                line_count=sum(r.line_count or r.kind is RowKind.LINE for r in spans),
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

    buckets: dict[str, dict[int | None, list[Line]]] = {c: {} for c in CATEGORY_KEYS}
    for line in lines:
        if line.id is None or line.id in hidden:
            continue
        phase_id = line.phase_id if line.phase_id in names else None
        buckets.setdefault(line.category, {}).setdefault(phase_id, []).append(line)
    low, high = plan.start, plan.end
    flag = outside_horizon(date.min, date.max, plan)
    line_row, kind = Row, RowKind.LINE
    by_category: dict[str, dict[int | None, list[Row]]] = {}
    for category, by_line_phase in buckets.items():
        depth = 1 if list(by_line_phase) == [None] else 2  # flat when no line is in a phase
        by_category[category] = {
            phase_id: [
                line_row(
                    kind,
                    f"line:{line.id}",
                    line.name,
                    depth,
                    line.start,
                    line.end,
                    category,
                    line.id,
                    False,
                    flag if line.start < low or line.end > high else "",
                    line.dates_from_phase,
                    end_follows_compute=end_follows_compute(line),
                )
                for line in bucket
            ]
            for phase_id, bucket in by_line_phase.items()
        }
        for bucket in by_line_phase.values():
            first = min(first, min(line.start for line in bucket))
            last = max(last, max(line.end for line in bucket))
    for category, by_phase in by_category.items():
        if not by_phase:
            continue
        top = f"cat:{category}"
        order = [p.id for p in ordered if p.id in by_phase] + ([None] if None in by_phase else [])
        if list(by_phase) == [None]:  # no line of the category is in a phase
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
                line_count=len(members),
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


def with_new_dates(shape: TimelineLayout, plan: Plan, lines: Iterable[Line]) -> TimelineLayout:
    """The layout with these lines' bars at their new dates and their groups' spans redone.

    For a move or a stretch (nothing else about the lines changed), this touches a few
    rows instead of laying out the whole plan again.
    """
    rows = list(shape.rows)
    parents: set[int] = set()
    first, last = shape.first, shape.last
    for line in lines:
        index = shape.index.get(line_key(line.id or 0))
        if index is None:
            continue
        flag = outside_horizon(line.start, line.end, plan)
        rows[index] = rows[index]._replace(
            start=line.start, end=line.end, flag=flag, end_follows_compute=end_follows_compute(line)
        )
        first, last = min(first, line.start), max(last, line.end)
        depth = rows[index].depth
        for up in range(index - 1, -1, -1):
            if rows[up].depth < depth:
                parents.add(up)
                depth = rows[up].depth
                if depth == 0:
                    break
    for parent in sorted(parents, key=lambda i: -rows[i].depth):
        rows[parent] = _spanned(rows, parent)
    return TimelineLayout(tuple(rows), shape.arrows, first, last, shape.horizon, shape.index)


def _spanned(rows: list[Row], parent: int) -> Row:
    """A group row with its span taken again from its direct children."""
    depth = rows[parent].depth
    starts, ends = [], []
    for row in rows[parent + 1 :]:
        if row.depth <= depth:
            break
        if row.depth == depth + 1 and row.start is not None and row.end is not None:
            starts.append(row.start)
            ends.append(row.end)
    return rows[parent]._replace(start=min(starts, default=None), end=max(ends, default=None))
