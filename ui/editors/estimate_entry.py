"""Low and high estimates typed in the editor: amounts, or −x % / +y % of the line's total.

The table and the detail form both pass what the planner typed through
:func:`estimate_value` before the line's own checks, so ``-10 %`` means the same in
either and is refused the same way (see :mod:`app.services.estimates`).
"""

from __future__ import annotations

from app.domain.plan import Line
from app.services.estimates import entered_estimate, is_estimate
from app.services.line_columns import ColumnSpec
from ui.context import AppContext


def estimate_value(ctx: AppContext, line: Line, column: ColumnSpec, value: object) -> object:
    """``value`` as the field should store it (a percentage becomes its amount).

    Raises :class:`~app.domain.errors.InvalidValue` when it is on the wrong side of the
    line's total. Any other column's value comes back untouched.
    """
    if not is_estimate(column):
        return value
    budget, plan = ctx.budget, ctx.plan
    total = None
    if budget is not None and line.id is not None and line.id in budget.cells:
        total = budget.line_total(line.id)
    digits = budget.digits if budget is not None else 2
    return entered_estimate(column, value, total, digits, plan.currency if plan else "")
