"""Where the shipped data lives and where a planner's database goes by default."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Budgetwright"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DB_ENV = "BUDGETWRIGHT_DB"


def resource(name: str) -> Path:
    """A file shipped in ``resources/``."""
    return RESOURCES / name


def default_db_path() -> Path:
    """The database the app opens when none is named: ``BUDGETWRIGHT_DB`` or the user data dir."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    import platformdirs

    folder = platformdirs.user_data_path(APP_NAME, appauthor=False)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # the planner's own, like the file
    return folder / "budgets.db"
