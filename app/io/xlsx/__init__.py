"""Excel workbooks: formula-live exports and lossless or mapped imports (being built)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.domain.errors import BudgetwrightError
from app.domain.plan import CatalogueEntry, PlanSnapshot


def write_workbook(snapshot: PlanSnapshot, catalogue: Sequence[CatalogueEntry], path: Path) -> None:
    raise BudgetwrightError("Excel export is not built yet")


def read_workbook(path: Path, mapping: Path | None = None) -> PlanSnapshot:
    raise BudgetwrightError("Excel import is not built yet")
