"""Data entry as planners type (issue 9 point 6): what is typed in the real widgets is
what is stored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
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
