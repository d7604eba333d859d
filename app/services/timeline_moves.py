"""What a drag or an arrow key on the timeline asks for, as new line and phase values.

The window turns these values into the same commands the tables use (``EditLines``,
``EditPhase``), so a timeline move is checked, stored and undone like any edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from app.domain.errors import InvalidValue
from app.domain.plan import Line, Phase
from app.services.phase_fields import depends_text, phase_with_value


def shifted(start: date, end: date, start_days: int, end_days: int) -> tuple[date, date]:
    """New dates after moving the start and the end by so many days (ends never cross)."""
    new_start = start + timedelta(days=start_days)
    new_end = end + timedelta(days=end_days)
    if new_end < new_start:
        raise InvalidValue("end", new_end.isoformat(), f"is before the start {new_start}")
    return new_start, new_end


def moved_line(line: Line, start_days: int, end_days: int, phase_name: str = "") -> Line:
    """The line moved (both days equal) or stretched (one of them zero)."""
    if line.dates_from_phase:
        raise InvalidValue(
            "Start",
            line.start.isoformat(),
            f"{line.name} takes its dates from the phase {phase_name or 'it follows'}: "
            "move the phase, or untick Dates from phase",
        )
    start, end = shifted(line.start, line.end, start_days, end_days)
    return replace(line, start=start, end=end)


def moved_phase(phase: Phase, start_days: int, end_days: int, phases: Sequence[Phase]) -> Phase:
    """The phase moved or stretched, checked as the phases table checks a typed date."""
    start, end = shifted(phase.start, phase.end, start_days, end_days)
    new = phase_with_value(phase, "start", start, phases) if start_days else phase
    new = replace(new, end=end)
    return phase_with_value(new, "end", end, phases) if end_days else new


def with_dependency(target: Phase, source: Phase, phases: Sequence[Phase]) -> Phase:
    """``target`` waiting also for ``source`` (refused if it would make a loop)."""
    if source.key in target.depends_on:
        return target
    text = ", ".join(filter(None, [depends_text(target, phases), source.name]))
    return phase_with_value(target, "depends_on", text, phases)


def snapped(days: float, step: int) -> int:
    """Days rounded to whole days, or to whole weeks when ``step`` is 7."""
    return round(days / step) * step


def move_text(kind: str, name: str, start_days: int, end_days: int) -> str:
    """The undo history's name for a move: ``Move line GPUs by +3 days``."""

    def span(days: int) -> str:
        unit = "day" if abs(days) == 1 else "days"
        return f"{days:+d} {unit}"

    if start_days == end_days:
        return f"Move {kind} {name} by {span(start_days)}"
    if end_days == 0:
        return f"Move start of {name} by {span(start_days)}"
    if start_days == 0:
        return f"Move end of {name} by {span(end_days)}"
    return f"Change dates of {name}"
