"""The plan a planner's sheet is imported into: the mapping's ``[plan]`` table (name,
currency, dates, contingency, capex view), with what it leaves out taken from the
lines (their earliest start and latest end) and the money columns (their currency)."""

from __future__ import annotations

from datetime import date

from app.domain.errors import InvalidValue
from app.domain.plan import CapexView, Line, Plan
from app.domain.validation import check_plan, parse_decimal
from app.io.xlsx.currency import guess_codes
from app.io.xlsx.mapping import ColumnMapping
from app.io.xlsx.problems import Problem
from app.io.xlsx.table import SheetTable


def mapped_plan(
    table: SheetTable,
    mapping: ColumnMapping,
    columns: dict[str, int],
    lines: list[Line],
    problems: list[Problem],
) -> Plan | None:
    """The plan the lines go into: the mapping's ``[plan]`` table, else from the lines."""
    spec = mapping.plan
    starts = [line.start for line in lines if line.start != date.min]
    ends = [line.end for line in lines if line.end != date.min] + starts
    given: dict[str, date] = {}
    for key in ("start", "end"):
        if key in spec:
            try:
                given[key] = date.fromisoformat(spec[key].strip())
            except ValueError:
                reason = "is not a date (write it as YYYY-MM-DD)"
                problems.append(Problem(table.sheet, "-", f"plan.{key}", spec[key], reason))
    if len(given) < sum(1 for key in ("start", "end") if key in spec):
        return None
    try:
        start = given["start"] if "start" in given else min(starts)
        end = given["end"] if "end" in given else max(ends)
    except ValueError:
        problems.append(
            Problem(
                table.sheet,
                "-",
                "plan",
                None,
                "no dates: map start and end columns or give [plan] start and end",
            )
        )
        return None
    try:
        plan = Plan(
            id=None,
            name=spec.get("name") or table.path.stem,
            currency=(spec.get("currency") or _currency(table, columns)).upper(),
            start=start,
            end=end,
            description=spec.get(
                "description", f"Imported from {table.path.name}, sheet {table.sheet}"
            ),
            contingency_pct=parse_decimal(
                "contingency_pct", spec.get("contingency_pct", "0").strip().rstrip("%").strip()
            ),
            capex_view=_capex(spec.get("capex_view", CapexView.CASH)),
        )
        check_plan(plan)
    except InvalidValue as exc:
        problems.append(Problem(table.sheet, "-", f"plan.{exc.field}", exc.value, exc.reason))
        return None
    return plan


def _currency(table: SheetTable, columns: dict[str, int]) -> str:
    """The currency the money columns show (symbols or ISO codes), USD if none."""
    seen: dict[str, int] = {}
    for key in ("unit_cost", "amount", "annual_cost"):
        col = columns.get(key)
        if col is None:
            continue
        for row in table.rows[:200]:
            for code in guess_codes(row.value(col), row.number_format(col)):
                seen[code] = seen.get(code, 0) + 1
    return max(seen, key=lambda c: seen[c]) if seen else "USD"


def _capex(text: str) -> CapexView:
    try:
        return CapexView(text.strip().lower())
    except ValueError:
        choices = " or ".join(CapexView)
        raise InvalidValue("capex_view", text, f"must be {choices}") from None
