"""Where the shipped data lives and where a planner's database goes by default.

A database is a SQLite file (a path) or a PostgreSQL database on a server (a
SQLAlchemy URL such as ``postgresql+psycopg://anna@db.example/budgets``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

APP_NAME = "Budgetwright"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DB_ENV = "BUDGETWRIGHT_DB"
SERVER_SCHEMES = ("postgresql", "postgresql+psycopg")


@dataclass(frozen=True)
class ServerUrl:
    """A PostgreSQL database named by URL. Shown without its password, if one was given."""

    url: str

    def __str__(self) -> str:
        parts = urlsplit(self.url)
        if parts.password is None:
            return self.url
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
        return parts._replace(netloc=netloc).geturl()

    @property
    def driver_url(self) -> str:
        """The URL with SQLAlchemy's psycopg 3 driver named."""
        scheme, rest = self.url.split("://", 1)
        return f"postgresql+psycopg://{rest}" if scheme == "postgresql" else self.url

    @property
    def name(self) -> str:
        """The database's name (the URL's path)."""
        return urlsplit(self.url).path.lstrip("/") or "postgres"


DbTarget = Path | ServerUrl


def db_target(text: str) -> DbTarget:
    """A ``--db`` or ``BUDGETWRIGHT_DB`` value: a server URL, or else a file path.

    A URL of another scheme is refused (``ValueError``), never taken as a file name.
    """
    if "://" not in text:
        return Path(text)
    scheme = text.split("://", 1)[0].lower()
    if scheme not in SERVER_SCHEMES:
        raise ValueError(
            f"{text.split('://', 1)[0]}://: not a database Budgetwright can open "
            "(a file path, or postgresql://user@host/database)"
        )
    return ServerUrl(text)


def resource(name: str) -> Path:
    """A file shipped in ``resources/``."""
    return RESOURCES / name


def data_folder() -> Path:
    """The planner's own data folder (created private, 0700, if missing)."""
    import platformdirs

    folder = platformdirs.user_data_path(APP_NAME, appauthor=False)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # the planner's own, like the file
    return folder


def default_db_path() -> DbTarget:
    """The database the app opens when none is named: ``BUDGETWRIGHT_DB`` or the user data dir."""
    env = os.environ.get(DB_ENV)
    if env:
        return db_target(env)
    return data_folder() / "budgets.db"
