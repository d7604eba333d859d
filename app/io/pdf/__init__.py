"""PDF budget packs (being built)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from app.domain.errors import BudgetwrightError
from app.domain.plan import CatalogueEntry, PlanSnapshot

SECTIONS: tuple[str, ...] = ()


def write_pack(
    snapshot: PlanSnapshot,
    catalogue: Sequence[CatalogueEntry],
    path: Path,
    *,
    paper: str = "a4",
    sections: Sequence[str] | None = None,
    redact_salaries: bool = False,
) -> None:
    raise BudgetwrightError("PDF budget packs are not built yet")
