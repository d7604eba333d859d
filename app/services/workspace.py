"""The planner's database as the window and the command line see it.

Reads hand out frozen values; every write is a :class:`Command` applied in one
transaction, which either commits whole or leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection

from app.domain.plan import CatalogueEntry, Plan, PlanSnapshot
from app.domain.taxonomy import Taxonomy, standard_taxonomy
from app.engine.budget import Budget
from app.paths import DbTarget
from app.services.changes import ChangeSet
from app.services.command import Command
from app.store import repository
from app.store.database import Database, open_store, remove_database_files

T = TypeVar("T")


class Workspace:
    """One open database: plans, the catalogue and the commands that change them."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._seen_version: int | None = None
        self._missed = False

    @classmethod
    def open(cls, path: DbTarget, *, seed: bool = True) -> Workspace:
        """Open the database at ``path`` (a file or a server URL); a new one gets the
        catalogue and the sample plan."""
        workspace = cls(open_store(path))
        if workspace.db.created and seed:
            from app.services.seed import seed_new_database

            try:
                seed_new_database(workspace)
            except BaseException:
                workspace.discard_new_database()
                raise
        return workspace

    def discard_new_database(self) -> None:
        """Remove a database this process has just created (a failed first open)."""
        assert self.db.created
        self.close()
        if isinstance(self.db.path, Path):
            remove_database_files(self.db.path)

    @property
    def path(self) -> DbTarget:
        return self.db.path

    @property
    def on_server(self) -> bool:
        """True for a PostgreSQL database shared by a team (commits are announced)."""
        return self.db.server

    @property
    def read_only(self) -> bool:
        """True on a server connection whose role may only read (a viewer)."""
        return self.db.read_only

    def close(self) -> None:
        self.db.close()

    # ---- Writes

    def apply(self, command: Command) -> ChangeSet:
        """Store a command (refused whole with :class:`EditConflict` if another program
        changed what a redo starts from)."""
        return self._write(command.apply)

    def revert(self, command: Command) -> ChangeSet:
        """Undo a command (refused whole if another program changed what it wrote)."""
        return self._write(command.revert)

    def _write(self, step: Callable[[Connection], ChangeSet]) -> ChangeSet:
        watching = self._seen_version is not None
        if watching and self.db.data_version() != self._seen_version:
            self._missed = True  # another program wrote since the last look
        with self.db.transaction() as conn:
            changes = step(conn)
            repository.move_versions(conn, changes.plan_ids)
        if watching:
            self._seen_version = self.db.data_version()
        return changes

    # ---- Other writers

    def changed_elsewhere(self) -> bool:
        """True if another connection (a window, the command line) committed since the
        last call; the first call only starts watching. Cheap enough for a timer."""
        version = self.db.data_version()
        seen, self._seen_version = self._seen_version, version
        missed, self._missed = self._missed, False
        return seen is not None and (missed or version != seen)

    def build(self, make: Callable[[Connection], T]) -> T:
        """Build a command that needs the current state (duplicate, reorder, reprice)."""
        return self.read(make)

    # ---- Reads

    def read(self, query: Callable[[Connection], T]) -> T:
        with self.db.reading() as conn:
            return query(conn)

    def plans(self) -> list[Plan]:
        return self.read(repository.list_plans)

    def plan(self, plan_id: int) -> Plan:
        return self.read(lambda c: repository.get_plan(c, plan_id))

    def find_plan(self, name_or_id: str) -> Plan:
        return self.read(lambda c: repository.find_plan(c, name_or_id))

    def snapshot(self, plan_id: int) -> PlanSnapshot:
        return self.read(lambda c: repository.snapshot(c, plan_id))

    def catalogue(self) -> list[CatalogueEntry]:
        return self.read(repository.catalogue)

    def taxonomy(self) -> Taxonomy:
        return standard_taxonomy().with_items(self.read(repository.custom_items))

    def budget(self, plan_id: int) -> Budget:
        snap = self.snapshot(plan_id)
        return Budget(snap.plan, snap.lines)
