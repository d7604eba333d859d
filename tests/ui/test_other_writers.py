"""Another window or program writing to the open database: the window notices and shows
the plan as stored, refuses an edit that started from values changed since (saying so,
never "saved"), and never erases the other writer's edit."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.paths import resource
from app.services.line_commands import EditLines
from app.services.workspace import Workspace
from app.store import repository
from tests.ui.helpers import column_of, line_named, settle, show, stored_lines
from ui.main_window import MainWindow

SAMPLE = "Support assistant: fine-tune and serve"
LINE = "ML engineers"
REPLACE = "--replace"


@pytest.fixture
def other(window: MainWindow, db_path: Path) -> Iterator[Workspace]:
    """A second writer on the window's database (as a second window would be)."""
    workspace = Workspace.open(db_path)
    yield workspace
    workspace.close()


def write_elsewhere(other: Workspace, line_id: int, **fields: object) -> None:
    now = other.read(lambda c: repository.get_line(c, line_id))
    command = EditLines([replace(now, **fields)])  # type: ignore[arg-type]
    command.start_from(lambda _kind, _id: now)
    other.apply(command)


def set_fte(window: MainWindow, value: str) -> bool:
    editor = show(window, "human")
    line = line_named(editor, LINE)
    assert line.id is not None
    row = editor.model.row_of(line.id)
    assert row is not None
    done = editor.model.setData(editor.model.index(row, column_of(editor, "fte")), value)
    settle()
    return bool(done)


def test_the_window_notices_another_writer_and_shows_the_plan_as_stored(
    qtbot: QtBot, window: MainWindow, other: Workspace
) -> None:
    ctx = window.ctx
    line = line_named(show(window, "human"), LINE)
    assert line.id is not None
    write_elsewhere(other, line.id, drivers={**line.drivers, "fte": "7"}, notes="from the CLI")
    with qtbot.waitSignal(ctx.watch.changed_elsewhere, timeout=5_000):
        pass  # the timer looks about once a second
    shown = ctx.lines[line.id]
    assert (shown.drivers["fte"], shown.notes) == ("7", "from the CLI")
    assert ctx.totals == ctx.budget.totals()  # type: ignore[union-attr]
    assert "Changed elsewhere" in window.status.saved_text
    assert "All changes saved" not in window.status.saved_text


def test_an_edit_of_a_value_changed_elsewhere_is_refused_and_said(
    window: MainWindow, other: Workspace, db_path: Path
) -> None:
    ctx = window.ctx
    window.ctx.watch.stop()  # the other write lands between two looks
    line = line_named(show(window, "human"), LINE)
    assert line.id is not None
    write_elsewhere(other, line.id, drivers={**line.drivers, "fte": "9"})
    assert not set_fte(window, "4")
    assert stored_lines(db_path, SAMPLE)[LINE].drivers["fte"] == "9"  # theirs, kept
    assert ctx.lines[line.id].drivers["fte"] == "9"  # and shown
    message = window.editors.messages.text
    assert "changed by another window or program" in message, message
    assert "NOT saved" in window.status.saved_text
    assert "Saved" not in window.status.saved_text.replace("NOT saved", "")
    assert set_fte(window, "5")  # the next edit starts from what is stored
    assert window.status.saved_text.startswith("✓ Saved")
    assert stored_lines(db_path, SAMPLE)[LINE].drivers["fte"] == "5"


def test_an_edit_of_another_field_keeps_the_other_writers_edit(
    window: MainWindow, other: Workspace, db_path: Path
) -> None:
    window.ctx.watch.stop()
    line = line_named(show(window, "human"), LINE)
    assert line.id is not None
    write_elsewhere(other, line.id, vendor="Agency from the CLI")
    assert set_fte(window, "4")
    stored = stored_lines(db_path, SAMPLE)[LINE]
    assert (stored.drivers["fte"], stored.vendor) == ("4", "Agency from the CLI")
    assert window.ctx.lines[line.id].vendor == "Agency from the CLI"


def test_undo_over_another_writers_edit_is_refused_and_the_history_cleared(
    qtbot: QtBot, window: MainWindow, other: Workspace, db_path: Path
) -> None:
    ctx = window.ctx
    ctx.watch.stop()
    assert set_fte(window, "4")
    line = line_named(show(window, "human"), LINE)
    assert line.id is not None
    write_elsewhere(other, line.id, drivers={**line.drivers, "fte": "8"})
    ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: ctx.undo_stack.count() == 0, timeout=2_000)
    assert stored_lines(db_path, SAMPLE)[LINE].drivers["fte"] == "8"
    assert ctx.lines[line.id].drivers["fte"] == "8"
    assert "undo history was cleared" in window.editors.messages.text
    assert "NOT saved" in window.status.saved_text


def test_a_replace_import_from_the_command_line_reopens_the_plan(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path
) -> None:
    ctx = window.ctx
    old_id = ctx.plan.id  # type: ignore[union-attr]
    document = resource("sample.budget.json").read_text(encoding="utf-8")
    changed = tmp_path / "changed.budget.json"
    changed.write_text(document.replace('"ML engineers"', '"ML engineers (new)"'))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui.launcher",
            "--db",
            str(db_path),
            "import",
            str(changed),
            REPLACE,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with qtbot.waitSignal(ctx.bus.plan_opened, timeout=10_000):
        pass
    assert ctx.plan is not None and ctx.plan.id != old_id and ctx.plan.name == SAMPLE
    assert any(line.name == "ML engineers (new)" for line in ctx.lines.values())
    assert "replaced by another window or program" in window.status.currentMessage()


def test_a_window_and_a_writer_process_editing_one_line_lose_nothing(
    window: MainWindow, db_path: Path
) -> None:
    """The window edits the FTE 25 times while another process sets the vendor of the
    same line 40 times: every edit the window reports as stored is there, and so is
    the other writer's last."""
    line = line_named(show(window, "human"), LINE)
    writer = subprocess.Popen(
        [sys.executable, "-c", VENDOR_WRITER, str(db_path), str(line.id)],
        stdout=subprocess.DEVNULL,
    )
    last = None
    for i in range(25):
        value = str(i + 1)
        if set_fte(window, value):
            last = value
    assert writer.wait(timeout=120) == 0
    assert last is not None
    stored = stored_lines(db_path, SAMPLE)[LINE]
    assert (stored.drivers["fte"], stored.vendor) == (last, "v39")


VENDOR_WRITER = """
import sys, time
from dataclasses import replace
from app.services.line_commands import EditLines
from app.services.workspace import Workspace
from app.store import repository

ws = Workspace.open(sys.argv[1])
line_id = int(sys.argv[2])
for i in range(40):
    seen = ws.read(lambda c: repository.get_line(c, line_id))
    command = EditLines([replace(seen, vendor=f"v{i}")])
    command.start_from(lambda kind, row_id: seen)
    ws.apply(command)
    time.sleep(0.01)
"""


def test_an_edit_while_another_program_holds_the_lock_says_so(
    window: MainWindow, db_path: Path
) -> None:
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert not set_fte(window, "6")
    finally:
        holder.rollback()
        holder.close()
    assert "locked by another program, try again" in window.editors.messages.text
    assert "NOT saved" in window.status.saved_text
