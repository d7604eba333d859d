"""The command base: work out the row changes once, then apply or revert them."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import Connection

from app.domain.plan import Plan
from app.services.changes import ChangeSet, RowChange, write
from app.store import repository


def now_stamp() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Command(ABC):
    """A named mutation that can revert itself.

    The first ``apply`` reads the current state and works out the row changes (checking
    every new value first); later applies (redo) replay the same changes.
    """

    label: str = "Edit"

    def __init__(self) -> None:
        self._changes: list[RowChange] | None = None

    def apply(self, conn: Connection) -> ChangeSet:
        if self._changes is None:
            self._changes = self.changes(conn)
        write(conn, self._changes)
        return ChangeSet.of(self._changes)

    def revert(self, conn: Connection) -> ChangeSet:
        if self._changes is None:
            raise RuntimeError(f"{self.label}: reverted before it was applied")
        inverse = [c.inverse() for c in reversed(self._changes)]
        write(conn, inverse)
        return ChangeSet.of(inverse)

    @abstractmethod
    def changes(self, conn: Connection) -> list[RowChange]:
        """The row changes this command makes, given the database as it is now."""


def touch(conn: Connection, plan_id: int) -> RowChange:
    """The plan's ``updated_at`` moved to now (reverts with the rest of the command)."""
    plan = repository.get_plan(conn, plan_id)
    return RowChange(plan, replace(plan, updated_at=now_stamp()))


def touched(plan: Plan) -> Plan:
    return replace(plan, updated_at=now_stamp())
