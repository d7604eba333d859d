"""Looking at a database file before opening it: SQLite or not, damaged or not, which schema.

Only the standard library, so a window can read a plan before SQLAlchemy has loaded.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.domain.errors import DatabaseRefused
from app.store.failures import unavailable

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
        raise unavailable(exc, path) or DatabaseRefused(
            f"{path}: cannot be opened ({exc})"
        ) from None
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
        found = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as exc:
        busy = unavailable(exc, path)
        if busy is not None:
            raise busy from None
        raise DatabaseRefused(
            f"{path}: the database is damaged ({exc}); it was left untouched"
        ) from None
    finally:
        conn.close()
    return revision_of(path, [r[0] for r in found], tables - {"alembic_version"})


def revision_of(path: object, found: list[object], tables: set[str]) -> str | None:
    """The one schema revision recorded, checked against the revisions this app knows."""
    known = known_revisions()
    if not found:
        if not tables:
            return None  # created, never migrated: migrate from the start
        raise DatabaseRefused(
            f"{path}: its schema version (table alembic_version) is empty, so Budgetwright "
            "cannot tell how to read it; it was left untouched"
        )
    revision = found[0]
    if len(found) > 1 or not isinstance(revision, str):
        raise DatabaseRefused(
            f"{path}: its schema version (table alembic_version) holds {found!r}, not one "
            "revision; it was left untouched"
        )
    if revision in known:
        return revision
    if revision.isdigit() and len(revision) == len(known[-1]) and revision > known[-1]:
        raise DatabaseRefused(
            f"{path}: made by a newer Budgetwright (schema {revision}; this version knows up to "
            f"{known[-1]}); it was left untouched"
        )
    raise DatabaseRefused(
        f"{path}: its schema version (table alembic_version) is {revision!r}, which no "
        f"Budgetwright has written (known: {', '.join(known)}); it was left untouched"
    )
