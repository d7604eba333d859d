"""Line items from a sheet Budgetwright never wrote, read through a column mapping.

``preview_mapped`` reads every row and says, row by row, what line it makes or why it
cannot; the mapping dialog shows that, and ``read_mapped`` refuses the whole file
while any row has a problem, listing them all with sheet and cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from app.domain.plan import Line, Plan, PlanSnapshot
from app.domain.taxonomy import Taxonomy, standard_taxonomy
from app.engine.budget import Budget
from app.io.xlsx.mapped_plan import mapped_plan
from app.io.xlsx.mapped_rows import RowPreview, RowReader
from app.io.xlsx.mapping import ColumnMapping, guess_columns
from app.io.xlsx.problems import Problem, UnreadableRows
from app.io.xlsx.table import SheetTable, read_table

__all__ = ["MappedPreview", "RowPreview", "guess_mapping", "preview_mapped", "read_mapped"]


@dataclass(frozen=True)
class MappedPreview:
    """Every row of the sheet read through a mapping, and the plan they would make."""

    table: SheetTable
    mapping: ColumnMapping
    columns: dict[str, int]
    plan: Plan | None
    rows: tuple[RowPreview, ...]
    problems: tuple[Problem, ...] = field(default=())

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(r.line for r in self.rows if r.line is not None)

    @cached_property
    def budget(self) -> Budget | None:
        """The engine's figures for the readable rows (each line's id is its sheet row)."""
        if self.plan is None:
            return None
        lines = [replace(r.line, id=r.row) for r in self.rows if r.line is not None]
        return Budget(self.plan, lines)

    @property
    def amounts(self) -> dict[int, int]:
        """Each readable row's cost over its dates, in the plan's minor units, by sheet row."""
        budget = self.budget
        if budget is None:
            return {}
        return {r.row: budget.line_total(r.row) for r in self.rows if r.line is not None}

    def snapshot(self) -> PlanSnapshot:
        """The plan to import; raises :class:`UnreadableRows` while any row has a problem."""
        if self.problems:
            raise UnreadableRows(str(self.table.path), self.problems)
        assert self.plan is not None
        lines = tuple(replace(line, position=i) for i, line in enumerate(self.lines))
        return PlanSnapshot(self.plan, (), lines)


def guess_mapping(table: SheetTable) -> ColumnMapping:
    """A first mapping from the headers alone, for the dialog to show and the planner to fix."""
    found = guess_columns(table.headers)
    return ColumnMapping(
        columns={f: table.headers[c] for f, c in found.items()},
        sheet=table.sheet,
        header_row=table.header_row + 1,
    )


def read_mapped(
    path: Path, mapping: ColumnMapping, taxonomy: Taxonomy | None = None
) -> PlanSnapshot:
    table = read_table(Path(path), mapping.sheet, mapping.header_row)
    return preview_mapped(table, mapping, taxonomy).snapshot()


def preview_mapped(
    table: SheetTable, mapping: ColumnMapping, taxonomy: Taxonomy | None = None
) -> MappedPreview:
    reader = RowReader(table, mapping, taxonomy or standard_taxonomy())
    rows = tuple(reader.read(row) for row in table.rows)
    problems = list(reader.mapping_problems)
    lines = [r.line for r in rows if r.line is not None]
    plan = mapped_plan(table, mapping, reader.columns, lines, problems) if not problems else None
    if plan is not None:
        rows = tuple(reader.complete(r, t, plan) for r, t in zip(rows, table.rows, strict=True))
    problems += [p for r in rows for p in r.problems]
    return MappedPreview(table, mapping, reader.columns, plan, rows, tuple(problems))
