"""The menus keep working after the detail form rebuilds its fields for another cost model.

A window that walked Qt's focus chain from Python kept a wrapper for every widget it
passed; once Qt deleted one of them (the detail form's fields are replaced when a line
of another cost model is selected), a new widget at the same address inherited the
stale wrapper, and Help > Keyboard Shortcuts and File > Open Recent failed with
"Internal C++ object already deleted".
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from tests.ui.helpers import show
from ui import prompts
from ui.main_window import MainWindow


def test_menus_work_after_lines_of_every_cost_model_were_shown(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    for category in ("support", "time", "computing", "human", "data"):
        editor = show(window, category)
        for row in range(editor.proxy.rowCount()):
            editor.table.setCurrentIndex(editor.proxy.index(row, 0))
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_info", lambda _p, _t, text: shown.append(text))
    window.actions["help.shortcuts"].trigger()
    assert shown and "Undo" in shown[0]
    recent = next(m for m in window.findChildren(QMenu) if m.objectName() == "menu-recent")
    recent.aboutToShow.emit()
    assert [a.text() for a in recent.actions()] == ["&1 Support assistant: fine-tune and serve"]
    assert window.menuBar().actions()[0].text() == "&File"
