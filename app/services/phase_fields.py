"""What a planner types into a phase's field, turned into a new phase value (or refused).

Like :mod:`app.services.line_fields` for lines: one place decides what "Research,
Testing" means as dependencies, and every refusal says why in the planner's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from app.domain.errors import InvalidValue
from app.domain.plan import Phase, Plan
from app.domain.validation import check_phase, parse_date


@dataclass(frozen=True)
class PhaseColumn:
    key: str
    title: str


PHASE_COLUMNS = (
    PhaseColumn("name", "Phase"),
    PhaseColumn("start", "Start"),
    PhaseColumn("end", "End"),
    PhaseColumn("depends_on", "Depends on"),
    PhaseColumn("milestone", "Milestone"),
    PhaseColumn("lines", "Lines following"),
)


def depends_text(phase: Phase, phases: Sequence[Phase]) -> str:
    """The phases this one waits for, by name (``Research, Testing``)."""
    names = {p.key: p.name for p in phases}
    return ", ".join(names.get(k, k) for k in phase.depends_on)


def early_start(phase: Phase, phases: Sequence[Phase]) -> str:
    """Why ``phase`` starts too soon (before a phase it waits for has ended), or "".

    Dates are inclusive, so a phase may start the day after the one it waits for ends.
    The plan keeps such dates (a planner may overlap phases on purpose); the window
    shows the sentence beside them.
    """
    by_key = {p.key: p for p in phases}
    late = [
        by_key[key] for key in phase.depends_on if key in by_key and by_key[key].end >= phase.start
    ]
    return "; ".join(
        f"starts {phase.start}, before {other.name} ends ({other.end})" for other in late
    )


def _dependencies(text: str, phase: Phase, phases: Sequence[Phase]) -> tuple[str, ...]:
    by_name = {p.name.strip().lower(): p.key for p in phases}
    by_key = {p.key.lower(): p.key for p in phases}
    keys: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        key = by_name.get(part.lower()) or by_key.get(part.lower())
        if key is None:
            raise InvalidValue("Depends on", part, "no phase of this plan is called that")
        if key == phase.key:
            raise InvalidValue("Depends on", part, "a phase cannot depend on itself")
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def _check_no_loop(phase: Phase, phases: Sequence[Phase]) -> None:
    graph = {p.key: p.depends_on for p in phases if p.id != phase.id}
    graph[phase.key] = phase.depends_on
    seen: set[str] = set()
    stack = list(phase.depends_on)
    while stack:
        key = stack.pop()
        if key == phase.key:
            raise InvalidValue(
                "Depends on",
                ", ".join(phase.depends_on),
                "would make phases wait for each other in a loop",
            )
        if key not in seen:
            seen.add(key)
            stack.extend(graph.get(key, ()))


def phase_with_value(phase: Phase, key: str, value: object, phases: Sequence[Phase]) -> Phase:
    """The phase with ``value`` entered in the field ``key``, checked; refusals name the field."""
    title = next((c.title for c in PHASE_COLUMNS if c.key == key), key)
    if key == "name":
        new = replace(phase, name=str(value).strip())
    elif key in ("start", "end"):
        day = parse_date(title, value)
        new = replace(phase, start=day) if key == "start" else replace(phase, end=day)
    elif key == "depends_on":
        new = replace(phase, depends_on=_dependencies(str(value), phase, phases))
    elif key == "milestone":
        new = replace(phase, milestone=bool(value))
    else:
        raise InvalidValue(title, value, "is worked out, not entered")
    try:
        check_phase(new)
    except InvalidValue as exc:
        field_title = next((c.title for c in PHASE_COLUMNS if c.key == exc.field), title)
        raise InvalidValue(
            field_title, value if isinstance(value, str) else exc.value, exc.reason
        ) from None
    _check_no_loop(new, phases)
    return new


def phase_key(name: str, taken: set[str]) -> str:
    """A key for a new phase, from its name, unique in the plan."""
    base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "phase"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def new_phase(plan: Plan, phases: Sequence[Phase]) -> Phase:
    """A month-long phase after the last one (within the horizon), waiting for it."""
    last = phases[-1] if phases else None
    start = min(last.end + timedelta(days=1), plan.end) if last else plan.start
    end = min(start + timedelta(days=30), plan.end)
    taken = {p.key for p in phases}
    name = "New phase"
    n = 2
    while any(p.name == name for p in phases):
        name, n = f"New phase {n}", n + 1
    assert plan.id is not None
    return Phase(
        None,
        plan.id,
        phase_key(name, taken),
        name,
        start,
        end,
        depends_on=(last.key,) if last else (),
    )
