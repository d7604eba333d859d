"""Excel workbooks: formula-live exports and lossless or mapped imports.

``write_workbook`` writes a plan; ``read_workbook`` reads back a workbook Budgetwright
wrote (or, given a column mapping, line items from a planner's own sheet).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.domain.plan import PlanSnapshot
    from app.domain.taxonomy import Taxonomy
    from app.io.xlsx.export import write_workbook
    from app.io.xlsx.mapped import (
        MappedPreview,
        RowPreview,
        guess_mapping,
        preview_mapped,
        read_mapped,
    )
    from app.io.xlsx.mapping import ColumnMapping, load_mapping
    from app.io.xlsx.problems import Problem, UnreadableRows
    from app.io.xlsx.table import SheetTable, read_table

# Imported when first used: a module of this package (the actuals reader uses the cell
# readers and the mapping) must not load openpyxl and every writer with it.
_LAZY = {
    "write_workbook": "app.io.xlsx.export",
    "MappedPreview": "app.io.xlsx.mapped",
    "RowPreview": "app.io.xlsx.mapped",
    "guess_mapping": "app.io.xlsx.mapped",
    "preview_mapped": "app.io.xlsx.mapped",
    "read_mapped": "app.io.xlsx.mapped",
    "ColumnMapping": "app.io.xlsx.mapping",
    "load_mapping": "app.io.xlsx.mapping",
    "Problem": "app.io.xlsx.problems",
    "UnreadableRows": "app.io.xlsx.problems",
    "SheetTable": "app.io.xlsx.table",
    "read_table": "app.io.xlsx.table",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def read_workbook(
    path: Path, mapping: Path | None = None, *, taxonomy: Taxonomy | None = None
) -> PlanSnapshot:
    """The plan in a workbook; nothing is written anywhere, and any problem refuses it whole.

    ``taxonomy`` (the database's, with the planner's own items) checks item keys; without
    it, items unknown to the standard taxonomy are left for the import to check.
    """
    from app.domain.errors import BadInput
    from app.io.xlsx.mapped import read_mapped
    from app.io.xlsx.mapping import load_mapping
    from app.io.xlsx.reader import meta_of, read_own
    from app.io.xlsx.safety import opened_workbook

    path = Path(path)
    if mapping is not None:
        return read_mapped(path, load_mapping(Path(mapping)), taxonomy)
    with opened_workbook(path) as wb:
        meta = meta_of(wb, path)
        if meta is None:
            raise BadInput(
                f"{path}: not a workbook Budgetwright wrote; to import line items from "
                "your own sheet, give a column mapping with --map MAPPING.toml (docs/excel.md)"
            )
        return read_own(wb, path, meta, taxonomy)


__all__ = [
    "ColumnMapping",
    "MappedPreview",
    "Problem",
    "RowPreview",
    "SheetTable",
    "UnreadableRows",
    "guess_mapping",
    "load_mapping",
    "preview_mapped",
    "read_mapped",
    "read_table",
    "read_workbook",
    "write_workbook",
]
