"""Collecting what is wrong with a workbook before anything is written.

An import is all or nothing: the reader notes every unreadable cell (sheet, cell and
reason) and refuses once, listing them, rather than stopping at the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.errors import BadInput, InvalidValue

MAX_LISTED = 20
NO_CELL = "-"  # a problem of the mapping or the plan, not of one cell


@dataclass(frozen=True)
class Problem:
    """One cell (or row) that cannot be read, and why."""

    sheet: str
    cell: str
    field: str
    value: object
    reason: str

    @property
    def place(self) -> str:
        """``sheet S, cell C``; only the sheet for a problem of no one cell (``-``)."""
        return (
            f"sheet {self.sheet}"
            if self.cell == NO_CELL
            else f"sheet {self.sheet}, cell {self.cell}"
        )

    def __str__(self) -> str:
        shown = "" if self.value in (None, "") else f" = {self.value!r}"
        return f"{self.place}: {self.field}{shown}: {self.reason}"


class UnreadableRows(BadInput):
    """Rows of a workbook that cannot be imported; ``problems`` lists each one."""

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        shown = "; ".join(str(p) for p in self.problems[:MAX_LISTED])
        more = len(self.problems) - MAX_LISTED
        tail = f"; and {more} more" if more > 0 else ""
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{source}: {count} {noun}, nothing imported: {shown}{tail}")


class Problems:
    """A list of problems that raises them all at once."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[Problem] = []

    def add(self, sheet: str, cell: str, field: str, value: object, reason: str) -> None:
        self.found.append(Problem(sheet, cell, field, value, reason))

    def add_invalid(self, sheet: str, cell: str, error: InvalidValue) -> None:
        self.add(sheet, cell, error.field, error.value, error.reason)

    def raise_if_any(self) -> None:
        if not self.found:
            return
        if len(self.found) == 1:
            p = self.found[0]
            raise InvalidValue(p.field, p.value, p.reason, f"{self.source}, {p.place}")
        raise UnreadableRows(self.source, self.found)

    def __bool__(self) -> bool:
        return bool(self.found)
