"""The window on a team's PostgreSQL database: another client's edit shown within a
second, a stale edit refused and said, a viewer told plainly, and File → Open Server…"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.paths import ServerUrl, db_target
from app.services.workspace import Workspace
from tests.pg_cluster import Cluster
from tests.store.test_server import viewer_url
from tests.ui.conftest import open_window
from tests.ui.helpers import line_named, show
from tests.ui.test_other_writers import LINE, set_fte, write_elsewhere
from ui import server_dialog
from ui.main_window import MainWindow
from ui.server_dialog import ServerDialog, ServerOpener


@pytest.fixture
def server_window(
    qtbot: QtBot, pg_url: str, settings_path: Path
) -> Iterator[tuple[MainWindow, Workspace]]:
    window = open_window(qtbot, db_target(pg_url), settings_path)  # type: ignore[arg-type]
    other = Workspace.open(db_target(pg_url))
    yield window, other
    other.close()
    window.ctx.watch.stop()
    if window.ctx.workspace is not None:
        window.ctx.workspace.close()


def test_another_clients_edit_is_shown_within_a_second(
    qtbot: QtBot, server_window: tuple[MainWindow, Workspace]
) -> None:
    window, other = server_window
    assert window.ctx.workspace is not None and window.ctx.workspace.on_server
    line = line_named(show(window, "human"), LINE)
    assert line.id is not None
    with qtbot.waitSignal(window.ctx.watch.changed_elsewhere, timeout=1_000):
        write_elsewhere(other, line.id, drivers={**line.drivers, "fte": "7"}, notes="Ben's")
    shown = window.ctx.lines[line.id]
    assert (shown.drivers["fte"], shown.notes) == ("7", "Ben's")
    assert "Changed elsewhere" in window.status.saved_text


def test_a_stale_edit_on_the_server_is_refused_and_said(
    server_window: tuple[MainWindow, Workspace],
) -> None:
    window, other = server_window
    window.ctx.watch.stop()  # the other client's write lands between two looks
    line = line_named(show(window, "human"), LINE)
    assert line.id is not None
    write_elsewhere(other, line.id, drivers={**line.drivers, "fte": "9"})
    assert not set_fte(window, "4")
    assert window.ctx.lines[line.id].drivers["fte"] == "9"
    assert "changed by another window or program" in window.editors.messages.text
    assert "NOT saved" in window.status.saved_text


def test_a_viewer_is_told_the_connection_may_only_read(
    qtbot: QtBot, pg_cluster: Cluster, pg_url: str, settings_path: Path
) -> None:
    Workspace.open(db_target(pg_url)).close()
    viewer = db_target(viewer_url(pg_cluster, pg_url))
    window = open_window(qtbot, viewer, settings_path)  # type: ignore[arg-type]
    try:
        assert not set_fte(window, "4")
        shown = window.editors.messages.text + window.status.saved_text
        assert "may only read" in shown, shown
    finally:
        window.ctx.watch.stop()
        if window.ctx.workspace is not None:
            window.ctx.workspace.close()


def test_the_server_dialog_builds_a_url_without_the_password(qtbot: QtBot) -> None:
    dialog = ServerDialog(keyring=False)
    qtbot.addWidget(dialog)
    dialog.host.setText("db.example.org")
    dialog.port.setValue(5433)
    dialog.database.setText("budgets")
    dialog.user.setText("anna")
    dialog.password.setText("s3cret")
    assert dialog.url() == ServerUrl("postgresql://anna@db.example.org:5433/budgets")
    assert "s3cret" not in dialog.shown_url.text()
    assert not dialog.remember.isEnabled()  # no keyring here: ~/.pgpass is suggested
    dialog.database.setText("")
    dialog.accept()
    assert dialog.result() != ServerDialog.DialogCode.Accepted
    assert "database" in dialog.problem.text()


def test_open_server_hands_the_password_to_the_new_window_only(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    started: list[tuple[list[str], dict[str, str]]] = []

    class Started:
        def __init__(self, args: list[str], env: dict[str, str]) -> None:
            started.append((args, env))

    monkeypatch.setattr(server_dialog.subprocess, "Popen", Started)
    monkeypatch.setattr(server_dialog.prompts, "show_info", lambda *_a: None)
    monkeypatch.setattr(server_dialog, "remember_password", lambda _url, _pw: False)
    opener = ServerOpener(None)  # type: ignore[arg-type]
    url = ServerUrl("postgresql://anna@db.example.org:5432/budgets")
    assert opener.open_url(url, "s3cret", remember=True)
    [(args, env)] = started
    assert args[-2:] == ["--db", "postgresql://anna@db.example.org:5432/budgets"]
    assert env["PGPASSWORD"] == "s3cret"
    assert not any(
        "s3cret" in p.read_text(errors="ignore") for p in tmp_path.rglob("*") if p.is_file()
    )
