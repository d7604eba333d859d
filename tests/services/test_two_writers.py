"""Two writers on one database file (two windows, a window and the command line) never
erase each other's edits: an edit stores only the fields it changed, and one that
started from values another writer has changed since is refused whole."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import EditConflict
from app.domain.plan import Line, Phase, Plan
from app.paths import db_target
from app.services.command import Command
from app.services.line_commands import EditLines
from app.services.phase_commands import EditPhase
from app.services.plan_commands import EditPlan
from app.services.workspace import Workspace
from app.store import repository


@contextmanager
def _open(db: Path | str) -> Iterator[Workspace]:
    ws = Workspace.open(db_target(str(db)))
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def two(where: str) -> Iterator[tuple[Workspace, Workspace]]:
    first = Workspace.open(db_target(where))
    second = Workspace.open(db_target(where))
    yield first, second
    first.close()
    second.close()


def a_line(ws: Workspace) -> Line:
    return ws.snapshot(1).lines[0]


def stored(ws: Workspace, line_id: int) -> Line:
    return ws.read(lambda c: repository.get_line(c, line_id))


def shown_as(*values: object) -> object:
    """What a window shows: these rows, as they were when it read them."""
    by_key = {(type(v), v.id): v for v in values}  # type: ignore[attr-defined]
    return lambda kind, row_id: by_key.get((kind, row_id))


def run_as_window(ws: Workspace, command: Command, *shown: object) -> None:
    command.start_from(shown_as(*shown))  # type: ignore[arg-type]
    ws.apply(command)


def test_edits_of_different_fields_of_one_line_both_stay(two: tuple[Workspace, Workspace]) -> None:
    first, second = two
    seen = a_line(first)  # both windows show the line as it is now
    assert seen.id is not None
    run_as_window(second, EditLines([replace(seen, vendor="Other vendor")]), seen)
    run_as_window(first, EditLines([replace(seen, notes="checked")]), seen)
    now = stored(first, seen.id)
    assert (now.vendor, now.notes) == ("Other vendor", "checked")


def test_an_edit_of_a_field_changed_elsewhere_is_refused_and_stores_nothing(
    two: tuple[Workspace, Workspace],
) -> None:
    first, second = two
    seen = a_line(first)
    assert seen.id is not None
    run_as_window(second, EditLines([replace(seen, notes="theirs")]), seen)
    with pytest.raises(
        EditConflict, match=r"changed by another window or program since this edit began \(notes\)"
    ):
        run_as_window(first, EditLines([replace(seen, notes="mine", vendor="V")]), seen)
    now = stored(first, seen.id)
    assert (now.notes, now.vendor) == ("theirs", seen.vendor)


def test_an_edit_of_a_line_deleted_elsewhere_is_refused(two: tuple[Workspace, Workspace]) -> None:
    from app.services.line_commands import DeleteLines

    first, second = two
    seen = a_line(first)
    assert seen.id is not None
    second.apply(DeleteLines([seen.id]))
    with pytest.raises(EditConflict, match="deleted by another"):
        run_as_window(first, EditLines([replace(seen, notes="mine")]), seen)


def test_undo_and_redo_refuse_to_erase_another_writers_edit(
    two: tuple[Workspace, Workspace],
) -> None:
    first, second = two
    seen = a_line(first)
    assert seen.id is not None
    mine = EditLines([replace(seen, notes="mine")])
    run_as_window(first, mine, seen)
    run_as_window(second, EditLines([replace(stored(second, seen.id), notes="theirs")]))
    with pytest.raises(EditConflict):
        first.revert(mine)  # would put back the notes the other writer replaced
    assert stored(first, seen.id).notes == "theirs"

    other = EditLines([replace(seen, vendor="mine")])
    run_as_window(first, other, stored(first, seen.id))
    first.revert(other)
    run_as_window(second, EditLines([replace(stored(second, seen.id), vendor="theirs")]))
    with pytest.raises(EditConflict):
        first.apply(other)  # redo over their vendor
    assert stored(first, seen.id).vendor == "theirs"


def test_undo_keeps_what_another_writer_changed_in_other_fields(
    two: tuple[Workspace, Workspace],
) -> None:
    first, second = two
    seen = a_line(first)
    assert seen.id is not None
    mine = EditLines([replace(seen, notes="mine")])
    run_as_window(first, mine, seen)
    theirs = replace(stored(second, seen.id), vendor="theirs")
    run_as_window(second, EditLines([theirs]), stored(second, seen.id))
    changes = first.revert(mine)
    now = stored(first, seen.id)
    assert (now.notes, now.vendor) == (seen.notes, "theirs")
    assert changes.lines_changed == (now,)  # the window is told the row as stored
    first.apply(mine)
    assert (stored(first, seen.id).notes, stored(first, seen.id).vendor) == ("mine", "theirs")


def test_phase_and_plan_edits_are_checked_too(two: tuple[Workspace, Workspace]) -> None:
    first, second = two
    phase: Phase = first.snapshot(1).phases[0]
    plan: Plan = first.plan(1)
    run_as_window(second, EditPhase(replace(phase, name="Theirs")), phase)
    with pytest.raises(EditConflict, match="name"):
        run_as_window(first, EditPhase(replace(phase, name="Mine")), phase)
    run_as_window(first, EditPhase(replace(phase, milestone=True)), phase)
    now = first.snapshot(1).phases[0]
    assert (now.name, now.milestone) == ("Theirs", True)

    run_as_window(second, EditPlan(1, contingency_pct=Decimal("12")), plan)
    with pytest.raises(EditConflict, match="contingency_pct"):
        run_as_window(first, EditPlan(1, contingency_pct=Decimal("5")), plan)
    run_as_window(first, EditPlan(1, notes="ours"), plan)
    assert (first.plan(1).contingency_pct, first.plan(1).notes) == (Decimal("12"), "ours")


WRITER = """
import sys
from dataclasses import replace
from app.domain.errors import EditConflict, DatabaseUnavailable
from app.services.line_commands import EditLines
from app.paths import db_target
from app.services.workspace import Workspace
from app.store import repository

db, line_id, field, rounds = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
ws = Workspace.open(db_target(db))
refused = 0
for i in range(rounds):
    while True:  # read (a window shows the line), then store an edit of one field
        seen = ws.read(lambda c: repository.get_line(c, line_id))
        if field == "count":
            new = replace(seen, notes=str(int(seen.notes or "0") + 1))
        else:
            new = replace(seen, vendor=f"{sys.argv[5]}{i}")
        command = EditLines([new])
        command.start_from(lambda kind, row_id: seen)
        try:
            ws.apply(command)
            break
        except (EditConflict, DatabaseUnavailable):
            refused += 1
print(refused)
"""


def test_two_processes_never_lose_an_update(where: str) -> None:
    """Two processes add one to the same field 150 times each, retrying when refused;
    a third changes another field of the same line all along. Nothing is lost."""
    db = where
    with _open(db) as ws:
        line = a_line(ws)
        assert line.id is not None
        ws.apply(EditLines([replace(line, notes="0")]))
    rounds = 150
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(line.id), *args],
            stdout=subprocess.PIPE,
            text=True,
        )
        for args in (("count", str(rounds)), ("count", str(rounds)), ("vendor", "60", "v"))
    ]
    outputs = [w.communicate(timeout=300)[0] for w in writers]
    assert [w.returncode for w in writers] == [0, 0, 0], outputs
    with _open(db) as ws:
        now = stored(ws, line.id)
    assert now.notes == str(2 * rounds)  # every increment kept
    assert now.vendor == "v59"


# ---- Any interleaving of two writers' edits and undos loses nothing


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("template") / "t.db"
    Workspace.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


FIELDS = ("notes", "vendor", "name")
STEP = st.tuples(
    st.sampled_from([0, 1]),  # which writer
    st.sampled_from(["edit", "edit", "undo", "look"]),
    st.sampled_from(FIELDS),
    st.integers(0, 9),
)


@given(steps=st.lists(STEP, min_size=1, max_size=25))
@settings(max_examples=30)
def test_any_interleaving_of_two_writers_keeps_every_stored_edit(
    template: bytes,
    tmp_path_factory: pytest.TempPathFactory,
    steps: list[tuple[int, str, str, int]],
) -> None:
    """Each writer edits from what it last looked at and undoes its own steps. Whatever
    the order: an accepted step changes only its own field (no other writer's edit is
    erased), a refused one changes nothing, and a step is refused only when another
    writer changed its field since the step began."""
    path = tmp_path_factory.mktemp("two") / "w.db"
    path.write_bytes(template)
    with _open(path) as first, _open(path) as second:
        writers = (first, second)
        line_id = a_line(first).id
        assert line_id is not None
        shown = [stored(first, line_id), stored(first, line_id)]
        history: list[list[tuple[str, str, EditLines]]] = [[], []]
        for who, action, field, value in steps:
            ws = writers[who]
            if action == "look" or (action == "undo" and not history[who]):
                shown[who] = stored(ws, line_id)
                continue
            before = stored(ws, line_id)
            undo = action == "undo"
            if undo:
                field, new, command = history[who][-1]
                allowed = getattr(before, field) == new
                wants = getattr(command._changes[0].before, field)  # type: ignore[index]
            else:
                new = wants = f"{field}-{who}-{value}"
                if new == getattr(shown[who], field):
                    continue  # typing the value already shown stores nothing
                command = EditLines([replace(shown[who], **{field: new})])
                command.start_from(shown_as(shown[who]))  # type: ignore[arg-type]
                allowed = getattr(before, field) == getattr(shown[who], field)
            try:
                if undo:
                    ws.revert(command)
                else:
                    ws.apply(command)
            except EditConflict:
                assert not allowed
                assert stored(ws, line_id) == before  # refused whole
                shown[who] = before  # the window reloads
                continue
            assert allowed
            now = stored(ws, line_id)
            assert getattr(now, field) == wants
            for other in FIELDS:
                if other != field:
                    assert getattr(now, other) == getattr(before, other)
            if undo:
                history[who].pop()
            elif getattr(before, field) != new:
                history[who].append((field, new, command))
            shown[who] = now
