"""A timeline move turned into the tables' own commands: one undo step, named for the move."""

from __future__ import annotations

from app.domain.errors import InvalidValue
from app.services.compute_fields import after_edit
from app.services.timeline_layout import Row, RowKind
from app.services.timeline_moves import move_text, moved_line, moved_phase, with_dependency
from ui.context import AppContext


class Shaper:
    """Moves lines and phases and links phases through the context (checked, undoable)."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def can_move(self, row: Row) -> bool:
        return row.item_id is not None and row.kind in (RowKind.LINE, RowKind.PHASE)

    def move(self, row: Row, start_days: int, end_days: int) -> bool:
        """Move or stretch the row's line or phase; False if refused (the reason is shown)."""
        ctx = self._ctx
        if not (start_days or end_days) or row.item_id is None:
            return False
        try:
            if row.kind is RowKind.LINE:
                line = ctx.lines[row.item_id]
                phase = ctx.phases.get(line.phase_id) if line.phase_id is not None else None
                new = moved_line(line, start_days, end_days, phase.name if phase else "")
                # a run's end follows its compute until its end is dragged (as typed)
                new = after_edit(line, new, dates_typed=bool(end_days) and not start_days)
                text = move_text("line", line.name, start_days, end_days)
                return ctx.change_lines([new], text)
            if row.kind is RowKind.PHASE:
                from app.services.phase_commands import EditPhase

                old = ctx.phases[row.item_id]
                phases = list(ctx.phases.values())
                new_phase = moved_phase(old, start_days, end_days, phases)
                text = move_text("phase", old.name, start_days, end_days)
                return ctx.run(EditPhase(new_phase), text)
        except InvalidValue as exc:
            ctx.refuse(exc)
        return False

    def link(self, source_id: int, target_id: int) -> bool:
        """Make phase ``target`` wait for phase ``source`` (a finish-to-start arrow)."""
        from app.services.phase_commands import EditPhase

        ctx = self._ctx
        if source_id == target_id:
            return False
        source, target = ctx.phases[source_id], ctx.phases[target_id]
        try:
            new = with_dependency(target, source, list(ctx.phases.values()))
        except InvalidValue as exc:
            ctx.refuse(exc)
            return False
        if new == target:
            return False
        return ctx.run(EditPhase(new), f"Make {target.name} wait for {source.name}")
