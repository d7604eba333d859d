"""Looking at a database file before opening it: SQLite or not, damaged or not, which schema.

Only the standard library, so a window can read a plan before SQLAlchemy has loaded.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.domain.errors import DatabaseRefused

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def known_revisions() -> list[str]:
    """Revision ids shipped with this app, oldest first (file names start with the id)."""
    return sorted(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))


def inspect_file(path: Path) -> str | None:
    """The file's schema revision (None for a new or empty file), or refuse it.

    Reads only: a refused file is left exactly as it was.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as handle:
        if handle.read(16) != SQLITE_HEADER:
            raise DatabaseRefused(f"{path}: not a SQLite database; it was left untouched")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseRefused(f"{path}: cannot be opened ({exc})") from None
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise DatabaseRefused(
                f"{path}: the database is damaged ({check}); it was left untouched"
            )
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise DatabaseRefused(f"{path}: a SQLite database, but not a Budgetwright one")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(
            f"{path}: the database is damaged ({exc}); it was left untouched"
        ) from None
    finally:
        conn.close()
    revision = row[0] if row else None
    known = known_revisions()
    if revision is not None and revision not in known:
        raise DatabaseRefused(
            f"{path}: made by a newer Budgetwright (schema {revision}; this version knows up to "
            f"{known[-1]}); it was left untouched"
        )
    return str(revision) if revision is not None else None
