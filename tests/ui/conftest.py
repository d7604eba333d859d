"""Window tests: a real database in tmp_path, private settings, no surprise modal dialogs."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from ui.application import prepare_app, prepare_names
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.settings import WindowSettings

# The offscreen platform's default screen is 800 x 600, smaller than the window's
# minimum; give it a desktop-sized screen so geometry tests see what a planner sees.
if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
    screen = Path(__file__).with_name("offscreen-screen.json")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"


# What the offscreen platform cannot do (raise a popup, grab the keyboard) it reports
# as a warning; those are the platform's limits, not the window's. Every other Qt
# warning still fails a test.
OFFSCREEN_LIMITS = r"^This plugin does not support (raise\(\)|grabbing the keyboard|grabbing the mouse|propagateSizeHints\(\))$"


# Qt's own lazily made top-level helpers (a tool tip label lives for the whole run).
QT_OWNED_TOP_LEVELS = {"QTipLabel"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.ui)
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_LIMITS))


@pytest.fixture(autouse=True)
def _no_real_modals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any modal dialog a test did not expect fails it instead of hanging the run."""

    def boom(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("unexpected modal dialog in test")

    monkeypatch.setattr(QDialog, "exec", boom)
    monkeypatch.setattr(QMessageBox, "exec", boom)
    for name in ("question", "warning", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(boom))
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(boom))
    for name in ("getText", "getItem", "getInt", "getDouble"):
        monkeypatch.setattr(QInputDialog, name, staticmethod(boom))


@pytest.fixture(autouse=True)
def _app_look(qapp: QApplication) -> Iterator[None]:
    """The app's look for every test, and no top-level widget left behind by one."""
    prepare_names()
    prepare_app(qapp)
    before = set(map(id, qapp.topLevelWidgets()))
    yield
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()  # pyqtgraph's context menus go with their Python items
    leaked = [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in qapp.topLevelWidgets()
        if id(w) not in before and type(w).__name__ not in QT_OWNED_TOP_LEVELS
    ]
    assert leaked == [], f"widgets outlived the test: {leaked}"


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings.ini"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "budgets.db"


def open_window(qtbot: QtBot, db_path: Path, settings_path: Path) -> MainWindow:
    """The window over the database, shown, with its first plan opened and ready for edits."""
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    ctx = AppContext(WindowSettings(settings))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(ctx.bus.plan_opened, timeout=30_000):
        ctx.start(db_path)
    qtbot.waitUntil(lambda: ctx.workspace is not None and not ctx.loading, timeout=30_000)
    return window


@pytest.fixture
def window(qtbot: QtBot, db_path: Path, settings_path: Path) -> Iterator[MainWindow]:
    yield open_window(qtbot, db_path, settings_path)
