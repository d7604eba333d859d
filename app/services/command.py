"""The command base: work out the row changes once, then apply or revert them."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import fields, replace
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import Connection

from app.domain.errors import EditConflict
from app.domain.plan import Plan
from app.services.changes import ChangeSet, RowChange, write
from app.store import repository

T = TypeVar("T")

Shown = Callable[[type, int], object]
"""The row of a kind and id as the window shows it (None if it shows none)."""


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
        """Store the command; a redo is checked against what other writers did since."""
        if self._changes is None:
            self._changes = self.changes(conn)
            return ChangeSet.of(write(conn, self._changes))
        return ChangeSet.of(write(conn, self._changes, check=True))

    def revert(self, conn: Connection) -> ChangeSet:
        """Undo the command, refused (EditConflict) if another writer changed its rows since."""
        if self._changes is None:
            raise RuntimeError(f"{self.label}: reverted before it was applied")
        inverse = [c.inverse() for c in reversed(self._changes)]
        return ChangeSet.of(write(conn, inverse, check=True))

    def start_from(self, shown: Shown) -> None:
        """Take what the window showed when the edit began (the rows it checks first).

        Commands that edit existing rows override this; the rest need nothing.
        """
        del shown

    @abstractmethod
    def changes(self, conn: Connection) -> list[RowChange]:
        """The row changes this command makes, given the database as it is now."""


def touch(conn: Connection, plan_id: int) -> RowChange:
    """The plan's ``updated_at`` moved to now (reverts with the rest of the command)."""
    plan = repository.get_plan(conn, plan_id)
    return RowChange(plan, replace(plan, updated_at=now_stamp()))


def touched(plan: Plan) -> Plan:
    return replace(plan, updated_at=now_stamp())


def edited_fields(start: object, new: object) -> list[str]:
    """The dataclass fields in which ``new`` differs from ``start`` (what an edit changed)."""
    return [f.name for f in fields(start) if getattr(start, f.name) != getattr(new, f.name)]  # type: ignore[arg-type]


def _named(name: str, start: object, current: object) -> str:
    """A field for a planner: a mapping field names the keys that differ (drivers: fte)."""
    then, now = getattr(start, name), getattr(current, name)
    if isinstance(then, dict) and isinstance(now, dict):
        keys = sorted(k for k in then.keys() | now.keys() if then.get(k) != now.get(k))
        return f"{name}: {', '.join(keys)}"
    return name


def merged(current: T, start: object, new: object, what: str) -> T:
    """``current`` with the fields an edit changed (from ``start`` to ``new``) set.

    Refuses with :class:`EditConflict` when another writer changed one of those same
    fields since ``start`` (even to this edit's value: both edits meant to change it).
    """
    edited = edited_fields(start, new)
    moved = [name for name in edited if getattr(current, name) != getattr(start, name)]
    if moved:
        raise EditConflict(
            f"{what} was changed by another window or program since this edit began "
            f"({', '.join(_named(name, start, current) for name in moved)})"
        )
    return replace(current, **{name: getattr(new, name) for name in edited})  # type: ignore[type-var]
