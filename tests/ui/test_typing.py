"""Data entry as planners type (issue 9 point 6): what is typed in the real widgets is
what is stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from tests.ui.helpers import line_named, show, stored_lines, type_into_cell, type_into_field
from ui.main_window import MainWindow

SAMPLE = "Support assistant: fine-tune and serve"
CLUSTER = "Fine-tuning cluster: 8x H100 SXM"
INFERENCE = "Inference: 4x L40S, always on"


def test_a_bare_85_is_85_percent_in_the_table_and_in_the_detail_form(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor = show(window, "computing")
    cluster = line_named(editor, CLUSTER)
    type_into_cell(qtbot, editor, cluster.id, "utilization", "85")
    assert window.ctx.lines[cluster.id].drivers["utilization"] == "0.85"

    _editor, field = type_into_field(qtbot, window, "computing", INFERENCE, "utilization", "60")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "60 %"
    stored = stored_lines(db_path, SAMPLE)
    assert stored[CLUSTER].drivers["utilization"] == "0.85"
    assert stored[INFERENCE].drivers["utilization"] == "0.6"


def test_no_two_actions_share_a_key(window: MainWindow) -> None:
    owners: dict[str, list[str]] = {}
    for action_id, action in window.actions.items():
        for keys in action.shortcuts():
            owners.setdefault(keys.toString(), []).append(action_id)
    shared = {keys: ids for keys, ids in owners.items() if len(ids) > 1}
    assert shared == {}
    assert [k.toString() for k in window.actions["lines.duplicate"].shortcuts()] == ["Ctrl+D"]
    assert [k.toString() for k in window.actions["lines.delete"].shortcuts()] == ["Del"]


def test_ctrl_d_in_the_table_duplicates_the_line_once(qtbot: QtBot, window: MainWindow) -> None:
    editor = show(window, "computing")
    cluster = line_named(editor, CLUSTER)
    editor.select_lines([cluster.id])
    editor.table.setFocus()
    before = len(editor.model.lines())
    qtbot.keyClick(editor.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(editor.model.lines()) == before + 1)
    assert window.ctx.undo_stack.count() == 1


@pytest.mark.qt_log_ignore("Ambiguous shortcut")
def test_an_ambiguous_shortcut_is_a_qt_warning_the_suite_fails_on(qtbot: QtBot, qtlog: Any) -> None:
    # The suite fails on every Qt warning (qt_log_level_fail = WARNING in pyproject);
    # this shows that two actions on one key do produce one.
    host = QWidget()
    qtbot.addWidget(host)
    for _ in range(2):
        action = QAction("Twice", host)
        action.setShortcut(QKeySequence("Ctrl+D"))
        host.addAction(action)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    host.setFocus()
    qtbot.keyClick(host, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert any("Ambiguous shortcut" in record.message for record in qtlog.records)
