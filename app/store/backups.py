"""Rotating backups through SQLite's online backup API (never a file copy of a live WAL file).

Backups are as private as the database: the folder 0700, each file 0600.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

KEEP = 7
STAMP = "%Y%m%d-%H%M%S"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / f"{db_path.stem}-backups"


def list_backups(db_path: Path) -> list[Path]:
    """This database's backups, oldest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{db_path.stem}-*.db"))


def make_backup(db_path: Path, reason: str = "daily", now: datetime | None = None) -> Path:
    """Copy the database page by page into the backup folder, then keep the newest seven."""
    folder = backup_dir(db_path)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
    stamp = (now or datetime.now()).strftime(STAMP)
    target = folder / f"{db_path.stem}-{stamp}-{reason}.db"
    # A private (0600) name of this process's own: two processes opening the database
    # in the same second each write their own copy, and the last rename wins.
    handle, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".part", dir=folder)
    os.close(handle)
    partial = Path(name)
    source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
        finally:
            dest.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    partial.replace(target)
    for old in list_backups(db_path)[:-KEEP]:
        old.unlink()
    return target


def backup_due(db_path: Path, now: datetime | None = None) -> bool:
    """True when the newest backup is a day old or there is none."""
    backups = list_backups(db_path)
    if not backups:
        return True
    stamp = backups[-1].stem[len(db_path.stem) + 1 :][: len("20260101-000000")]
    try:
        taken = datetime.strptime(stamp, STAMP)
    except ValueError:
        return True
    return (now or datetime.now()) - taken >= timedelta(days=1)
