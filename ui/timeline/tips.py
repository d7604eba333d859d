"""What a bar's tooltip says: dates, duration, cost model, total and the month under the mouse."""

from __future__ import annotations

from datetime import date
from html import escape

from app.domain.cost_models import LABELS
from app.domain.plan import Line
from app.engine.calendar import month_index
from app.engine.compute import accelerator_hours
from app.services.line_fields import grouped_amount
from app.services.timeline_layout import Row, RowKind
from ui.context import AppContext
from ui.theme import error_colour
from ui.timeline.scale import MONTHS


def compute_end_text(line: Line) -> str:
    """Why a training run ends where it does: its compute on its accelerators."""
    hours, per = accelerator_hours(line.drivers)
    return (
        f"End follows compute: {round(hours / per):,} accelerator-hours on "
        f"{line.drivers.get('accelerators', '?')} accelerators (drag the end to fix the dates)"
    )


def tooltip(ctx: AppContext, row: Row, day: date) -> str:
    """Rich text for the row's bar, or "" when the row has no bar."""
    if row.start is None or row.end is None or ctx.plan is None or ctx.budget is None:
        return ""
    currency, digits = ctx.plan.currency, ctx.budget.digits
    days = (row.end - row.start).days + 1
    parts = [
        f"<b>{escape(row.label)}</b>",
        f"{row.start.isoformat()} to {row.end.isoformat()} ({days} day{'s' if days != 1 else ''})",
    ]
    month = month_index(day)
    month_name = f"{MONTHS[month % 12]} {month // 12}"
    if row.kind is RowKind.LINE and row.item_id is not None:
        line = ctx.lines.get(row.item_id)
        cost = ctx.budget.cells.get(row.item_id)
        if line is not None:
            parts.append(f"Cost model: {escape(LABELS.get(line.cost_model, line.cost_model))}")
        if cost is not None:
            parts.append(f"Total: {grouped_amount(cost.total, digits)} {currency}")
            amount = cost.amounts[month - cost.first] if cost.first <= month <= cost.last else 0
            parts.append(f"In {month_name}: {grouped_amount(amount, digits)} {currency}")
        if row.follows_phase:
            parts.append("<i>Dates follow its phase: drag the phase to move it</i>")
        if row.end_follows_compute and line is not None:
            parts.append(f"<i>{escape(compute_end_text(line))}</i>")
    elif row.kind is RowKind.PHASE and ctx.totals is not None:
        amount = ctx.totals.by_phase.get(row.item_id, 0)
        parts.append(f"Lines in this phase: {grouped_amount(amount, digits)} {currency}")
        if row.milestone:
            parts.append("Milestone")
    else:
        parts.append(f"{row.line_count} line{'s' if row.line_count != 1 else ''}")
    if row.flag:
        colour = error_colour().name()
        parts.append(f"<span style='color:{colour}'>{escape(row.label)} {escape(row.flag)}</span>")
    return "<br>".join(parts)
