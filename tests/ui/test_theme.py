"""The window's few own colours (refusals, quiet selections) follow a light or dark desktop."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.helpers import show, type_into_field
from ui.main_window import MainWindow
from ui.theme import ERROR, ERROR_DARK


@pytest.fixture
def dark_desktop() -> Iterator[None]:
    """The desktop switches to a dark palette while the window is open (after it)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    dark = QPalette(light)
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Midlight, "#3c3c3c"),
    ):
        dark.setColor(role, QColor(colour))
    app.setPalette(dark)  # what a desktop switching to dark does; the window follows
    yield
    app.setPalette(light)


def _refuse_fte(qtbot: QtBot, window: MainWindow) -> QLineEdit:
    _editor, field = type_into_field(qtbot, window, "human", "ML engineers", "fte", "-1")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    return field


def _has_colour(widget: QLineEdit | object, colour: str) -> bool:
    image = widget.grab().toImage()  # type: ignore[attr-defined]
    wanted = QColor(colour).rgb()
    return any(
        image.pixel(x, y) == wanted
        for x in range(0, image.width(), 1)
        for y in (1, image.height() // 2)
    )


def test_a_refused_field_is_framed_in_the_error_colour(qtbot: QtBot, window: MainWindow) -> None:
    field = _refuse_fte(qtbot, window)
    assert _has_colour(field, ERROR)
    assert _has_colour(window.editors.messages.label, ERROR)
    field.setText("2")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not field.property("invalid"))
    assert not _has_colour(field, ERROR), "the frame goes once the value is taken"


def test_on_a_dark_desktop_refusals_take_the_dark_error_colour(
    qtbot: QtBot, window: MainWindow, dark_desktop: None
) -> None:
    field = _refuse_fte(qtbot, window)
    assert _has_colour(field, ERROR_DARK) and not _has_colour(field, ERROR)
    assert _has_colour(window.editors.messages.label, ERROR_DARK)


def test_a_table_without_focus_shows_its_selection_quietly(
    window: MainWindow, dark_desktop: None
) -> None:
    editor = show(window, "computing")
    for table in (editor.table, editor.detail.month_table):
        inactive = table.palette().color(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight)
        assert inactive.name() == "#3c3c3c", "the dark palette's midlight, not the highlight"


def test_the_chart_goes_dark_with_the_desktop(window: MainWindow, dark_desktop: None) -> None:
    chart = window.summary.chart
    assert chart.plot.backgroundBrush().color().name() == "#1e1e1e"
    assert chart.plot.getAxis("left").textPen().color().name() == "#e6e6e6"
