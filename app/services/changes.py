"""Row changes (before → after) and the change set a command reports.

A command boils down to a list of row changes. Applying writes every ``after``;
reverting writes every ``before`` in reverse order, so undo restores each row exactly,
ids and timestamps included. An update writes only the columns it changes, and a
checked write (a redo, an undo) first makes sure each row still holds what the change
starts from, so a second writer's edit is never erased: it is refused whole instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from app.domain.actual import Actual
from app.domain.errors import EditConflict
from app.domain.plan import CustomItem, Line, Phase, Plan
from app.store import repository
from app.store.repository import Value

CHUNK = 500


@dataclass(frozen=True)
class RowChange:
    """One row: absent before (insert), absent after (delete), or both (update)."""

    before: Value | None
    after: Value | None

    @property
    def kind(self) -> type:
        value = self.after if self.after is not None else self.before
        return type(value)

    @property
    def op(self) -> str:
        if self.before is None:
            return "insert"
        return "delete" if self.after is None else "update"

    def inverse(self) -> RowChange:
        return RowChange(self.after, self.before)


@dataclass(frozen=True)
class ChangeSet:
    """What a command changed, so each screen refreshes only what it shows."""

    plan_ids: frozenset[int] = frozenset()
    plans_listed: bool = False
    lines_changed: tuple[Line, ...] = ()
    lines_removed: frozenset[int] = frozenset()
    phases_changed: frozenset[int] = frozenset()
    catalogue_changed: bool = False
    taxonomy_changed: bool = False
    actuals_changed: frozenset[int] = frozenset()
    """Plans whose actuals were added or removed."""

    @classmethod
    def of(cls, changes: Sequence[RowChange]) -> ChangeSet:
        plan_ids: set[int] = set()
        listed = False
        lines: dict[int, Line] = {}
        removed: set[int] = set()
        phases: set[int] = set()
        catalogue = False
        taxonomy = False
        actuals: set[int] = set()
        for change in changes:
            value = change.after if change.after is not None else change.before
            if isinstance(value, Plan):
                assert value.id is not None
                plan_ids.add(value.id)
                listed |= change.op != "update" or _renamed(change)
            elif isinstance(value, Line):
                assert value.id is not None
                plan_ids.add(value.plan_id)
                if isinstance(change.after, Line):
                    lines[value.id] = change.after
                    removed.discard(value.id)
                else:
                    lines.pop(value.id, None)
                    removed.add(value.id)
            elif isinstance(value, Phase):
                assert value.id is not None
                plan_ids.add(value.plan_id)
                phases.add(value.id)
            elif isinstance(value, CustomItem):
                taxonomy = True
            elif isinstance(value, Actual):
                actuals.add(value.plan_id)
            else:
                catalogue = True
        return cls(
            frozenset(plan_ids),
            listed,
            tuple(lines.values()),
            frozenset(removed),
            frozenset(phases),
            catalogue,
            taxonomy,
            frozenset(actuals),
        )


def _renamed(change: RowChange) -> bool:
    before, after = change.before, change.after
    assert isinstance(before, Plan) and isinstance(after, Plan)
    return before.name != after.name


def write(
    conn: Connection, changes: Sequence[RowChange], *, check: bool = False
) -> list[RowChange]:
    """Apply row changes in order; runs of inserts or deletes of one kind go in bulk.

    Without ``check`` the changes were just worked out in this same transaction. With
    it (redo, undo), every row must still hold each change's ``before`` (updates: in
    the columns changed; deletes: whole; inserts: the id still free), else
    :class:`EditConflict`. Returns the changes as stored: a checked update's ``after``
    is the row read back, with what other writers changed in other columns.
    """
    try:
        for (kind, op), group in groupby(changes, key=lambda c: (c.kind, c.op)):
            run = list(group)
            for start in range(0, len(run), CHUNK):
                _write_chunk(conn, kind, op, run[start : start + CHUNK], check)
    except IntegrityError as exc:
        if not check:
            raise
        raise EditConflict(
            "the plan was changed by another window or program (a row this step "
            f"would write is taken or gone: {exc.orig})"
        ) from None
    if not check:
        return list(changes)
    return [_read_back(conn, c) for c in changes]


def _write_chunk(
    conn: Connection, kind: type, op: str, chunk: Sequence[RowChange], check: bool
) -> None:
    if op == "insert":
        repository.insert_values(conn, [c.after for c in chunk if c.after is not None])
    elif op == "delete":
        gone = [c.before for c in chunk if c.before is not None]
        if check:
            repository.check_unchanged(conn, gone)
        repository.delete_values(conn, kind, [v.id for v in gone if v.id is not None])
    else:
        for c in chunk:
            assert c.before is not None and c.after is not None
            repository.update_changed(conn, c.before, c.after, check=check)


def _read_back(conn: Connection, change: RowChange) -> RowChange:
    if change.op != "update" or not isinstance(change.after, Line | Phase):
        return change
    assert change.after.id is not None
    return RowChange(change.before, repository.current_value(conn, change.kind, change.after.id))
