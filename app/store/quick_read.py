"""Reading the plan to show first with the standard library alone.

The window shows a plan's figures while SQLAlchemy is still loading: this reads a
database that is already at the current schema, read-only, with ``sqlite3``. Anything
else (a new file, one that needs migrating) returns None and takes the normal path.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.domain.plan import CatalogueEntry, Plan, PlanSnapshot
from app.store import rows
from app.store.inspection import inspect_file, known_revisions

DATE_COLUMNS = frozenset({"start", "end", "as_of", "catalogue_as_of"})


@dataclass(frozen=True)
class FirstRead:
    """The plans, the plan to show with its phases and lines, the catalogue and own items."""

    plans: tuple[Plan, ...]
    snapshot: PlanSnapshot
    catalogue: tuple[CatalogueEntry, ...]
    custom_items: tuple[tuple[str, str, str], ...]


def _typed(cursor: sqlite3.Cursor, row: tuple[Any, ...]) -> dict[str, Any]:
    names = [d[0] for d in cursor.description]
    return {
        n: date.fromisoformat(v) if n in DATE_COLUMNS and v is not None else v
        for n, v in zip(names, row, strict=True)
    }


def read_first(path: Path, preferred: int | None, max_lines: int | None = None) -> FirstRead | None:
    """The plan used last (or the first by name), if the file is ready to read as it is.

    With ``max_lines``, a plan with more lines than that is not read (None).
    """
    if inspect_file(path) != known_revisions()[-1]:
        return None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.row_factory = _typed
    try:
        plans = tuple(
            rows.plan_value(r) for r in conn.execute('SELECT * FROM "plan" ORDER BY name, id')
        )
        by_id = {p.id: p for p in plans}
        chosen = by_id.get(preferred) if preferred is not None else None
        chosen = chosen or (plans[0] if plans else None)
        if chosen is None:
            return None
        if max_lines is not None:
            count = "SELECT count(*) AS n FROM line WHERE plan_id = ?"
            if conn.execute(count, (chosen.id,)).fetchone()["n"] > max_lines:
                return None
        phases = tuple(
            rows.phase_value(r)
            for r in conn.execute(
                "SELECT * FROM phase WHERE plan_id = ? ORDER BY position, id", (chosen.id,)
            )
        )
        lines = tuple(
            rows.line_value(r)
            for r in conn.execute(
                "SELECT * FROM line WHERE plan_id = ? ORDER BY position, id", (chosen.id,)
            )
        )
        catalogue = tuple(
            rows.catalogue_value(r)
            for r in conn.execute("SELECT * FROM catalogue_entry ORDER BY kind, name, id")
        )
        items = tuple(
            (r["category"], r["section"], r["label"])
            for r in conn.execute("SELECT * FROM custom_item ORDER BY id")
        )
    finally:
        conn.close()
    return FirstRead(plans, PlanSnapshot(chosen, phases, lines), catalogue, items)
