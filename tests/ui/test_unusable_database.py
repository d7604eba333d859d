"""A database the window cannot use (read-only, unversioned, in a missing folder) is
said in one sentence naming the file and what is wrong; the window does not crash."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.services.workspace import Workspace
from tests.disks import make_read_only, small_disk
from ui import prompts
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.settings import WindowSettings


def opening_says(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, db: Path, settings_path: Path
) -> str:
    said: list[str] = []
    monkeypatch.setattr(prompts, "show_error", lambda _parent, _title, text: said.append(text))
    ctx = AppContext(WindowSettings(QSettings(str(settings_path), QSettings.Format.IniFormat)))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(ctx.bus.open_failed, timeout=30_000):
        ctx.start(db)
    qtbot.waitUntil(lambda: bool(said), timeout=5_000)
    assert "⚠ Not opened" in window.status.saved_text
    assert len(said) == 1 and "\n" not in said[0] and str(db) in said[0]
    assert "damaged" not in said[0] and "Error" not in said[0]
    return said[0]


def test_an_emptied_schema_version_is_said_not_called_damaged(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, settings_path: Path
) -> None:
    db = tmp_path / "b.db"
    Workspace.open(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM alembic_version")
    assert "alembic_version) is empty" in opening_says(qtbot, monkeypatch, db, settings_path)


def test_a_read_only_database_is_said(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, settings_path: Path
) -> None:
    with small_disk(tmp_path / "disk") as disk:
        db = disk / "b.db"
        Workspace.open(db).close()
        make_read_only(disk)
        assert "read-only" in opening_says(qtbot, monkeypatch, db, settings_path)


def test_a_database_in_a_missing_folder_is_said(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, settings_path: Path
) -> None:
    db = tmp_path / "typo" / "b.db"
    assert "does not exist" in opening_says(qtbot, monkeypatch, db, settings_path)
    assert not db.parent.exists()
