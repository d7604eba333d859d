"""What went wrong with a database file, in the planner's words.

SQLite and the operating system report a busy, read-only or full disk in many ways
("database is locked", "attempt to write a readonly database", ENOSPC, "unable to
open database file"). :func:`translated` turns each into one
:class:`DatabaseUnavailable` naming the file, so the command line prints one line
(exit 2) and the window shows one sentence; it never calls such a file damaged.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.domain.errors import (
    CANNOT_WRITE,
    DISK_FULL,
    LOCKED,
    NO_FOLDER,
    NO_LOGIN,
    NO_SERVER,
    READ_ONLY,
    DatabaseUnavailable,
)

FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def writable(path: Path) -> bool:
    """True if ``path`` (or, for a file not there yet, its folder) may be written."""
    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK)


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error itself, or the one SQLAlchemy wrapped (``orig``); without
    importing SQLAlchemy, so the window's first read stays on the standard library."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, sqlite3.Error):
        return orig
    return exc if isinstance(exc, sqlite3.Error) else None


# PostgreSQL's SQLSTATE codes for a viewer's write, a lock wait given up, a server going away.
READ_ONLY_STATES = frozenset({"42501", "25006"})
LOCKED_STATES = frozenset({"55P03", "40001", "40P01", "57014"})
SERVER_GONE_STATES = frozenset({"57P01", "57P02", "57P03"})


def _server_reason(exc: BaseException) -> str | None:
    """The reason for a PostgreSQL (psycopg) error, or None; without importing psycopg."""
    orig = getattr(exc, "orig", exc)
    if not type(orig).__module__.startswith("psycopg"):
        return None
    state = getattr(orig, "sqlstate", None) or ""
    text = str(orig)
    if state.startswith("28") or "password" in text or ("role" in text and "not exist" in text):
        return NO_LOGIN
    if state in READ_ONLY_STATES:
        return READ_ONLY
    if state in LOCKED_STATES:
        return LOCKED
    if (
        state in SERVER_GONE_STATES
        or state.startswith("08")
        or getattr(exc, "connection_invalidated", False)
        or type(orig).__name__ in ("OperationalError", "InterfaceError")
    ):
        return NO_SERVER
    return None


def reason_of(exc: BaseException, path: object) -> str | None:
    """The planner's reason for ``exc`` (locked, read-only, disk full), or None."""
    if not isinstance(path, Path):
        return _server_reason(exc)
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        if exc.errno in FULL_ERRNOS:
            return DISK_FULL
        if exc.errno in READ_ONLY_ERRNOS:
            return READ_ONLY
        return None
    error = _sqlite_error(exc)
    if error is None:
        return None
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return LOCKED
    if "full" in text:
        return DISK_FULL
    if "readonly" in text or "read-only" in text:
        return READ_ONLY
    if "unable to open" in text or "disk i/o" in text:
        if not path.parent.is_dir():
            return NO_FOLDER
        if not writable(path) or not writable(path.parent):
            return READ_ONLY
        if "disk i/o" in text and _free_bytes(path.parent) < 1 << 20:
            return DISK_FULL
        return CANNOT_WRITE if "unable to open" in text else None
    return None


def _free_bytes(folder: Path) -> int:
    try:
        stats = os.statvfs(folder)
    except OSError:
        return 1 << 30
    return stats.f_bavail * stats.f_frsize


def unavailable(exc: BaseException, path: object) -> DatabaseUnavailable | None:
    """The typed error for ``exc`` on the database at ``path``, or None if it is another fault."""
    reason = reason_of(exc, path)
    if reason is None:
        return None
    server = not isinstance(path, Path)
    detail = {
        READ_ONLY: "this connection may only read (a viewer's role); nothing was changed"
        if server
        else "the database is read-only (the file, its folder or the disk); nothing was changed",
        NO_SERVER: "the database server cannot be reached (restarted or down); nothing was "
        "changed, try again",
        NO_LOGIN: "the database server refused this user or password (a password comes from "
        "~/.pgpass, the system keyring or the URL)",
        DISK_FULL: "disk full; nothing was changed",
        NO_FOLDER: f"the folder {path.parent} does not exist" if isinstance(path, Path) else "",
        CANNOT_WRITE: "cannot write there; nothing was changed",
    }.get(reason, reason)
    return DatabaseUnavailable(path, reason, detail)


@contextmanager
def translated(path: object) -> Iterator[None]:
    """Re-raise a busy, read-only or full database as one :class:`DatabaseUnavailable`."""
    try:
        yield
    except Exception as exc:
        typed = unavailable(exc, path)
        if typed is None:
            raise
        raise typed from None
