"""What a dropped or chosen workbook is: one Budgetwright wrote, or a planner's own sheet.

The window routes the two differently (our workbook becomes a plan or updates the
plan it came from; a planner's sheet goes through the column mapping dialog), so it
asks once, in the background, and gets back either the plan or the sheet's table.
"""

from __future__ import annotations

from pathlib import Path

from app.domain.plan import PlanSnapshot
from app.domain.taxonomy import Taxonomy
from app.io.xlsx.reader import meta_of, read_own
from app.io.xlsx.safety import opened_workbook
from app.io.xlsx.table import SheetTable, read_table


def read_incoming(path: Path, taxonomy: Taxonomy | None = None) -> PlanSnapshot | SheetTable:
    """The plan of a workbook Budgetwright wrote, else the first sheet as a table.

    Errors are those of :func:`app.io.xlsx.read_workbook` and :func:`read_table`: a file
    that is not a readable workbook is refused naming it, and nothing is written.
    """
    path = Path(path)
    with opened_workbook(path) as wb:
        meta = meta_of(wb, path)
        if meta is not None:
            return read_own(wb, path, meta, taxonomy)
    return read_table(path)
