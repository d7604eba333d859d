"""The window on a database that holds a decimal no import would take: a message, no hang."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.services.workspace import Workspace
from ui import prompts
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.settings import WindowSettings


def test_the_window_says_it_cannot_open_such_a_database(
    qtbot: QtBot, tmp_path: Path, settings_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "old.db"
    Workspace.open(db).close()
    with sqlite3.connect(db) as conn:  # written by an older version, behind the app's back
        conn.execute(
            "UPDATE line SET drivers = json_set(drivers, '$.quantity', '0e999999999') "
            "WHERE name = 'Developer workstations'"
        )
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "show_error", lambda _p, title, text: shown.append((title, text)))
    ctx = AppContext(WindowSettings(QSettings(str(settings_path), QSettings.Format.IniFormat)))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(ctx.bus.open_failed, timeout=30_000):
        ctx.start(db)
    window.grab().save(str(tmp_path / "refused.png"))
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "Could not open"
    assert "('Developer workstations'): quantity = '0e999999999'" in text
    assert "cannot compute with" in text
