"""Help > About names the version and the bundled libraries' licences; a plan file
given on the command line (a double-click in the file manager) is imported."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, qVersion
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from app.paths import resource
from ui import prompts
from ui.about_dialog import AboutDialog
from ui.application import import_when_ready
from ui.context import AppContext
from ui.excel_import import EXCEL_SUFFIXES, PLAN_SUFFIXES
from ui.launcher import OPENED_ENDINGS, file_to_open
from ui.main_window import MainWindow
from ui.settings import WindowSettings


def test_about_shows_the_version_and_every_library_with_its_licence(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.actions["help.about"].trigger()
    dialog = window.findChild(AboutDialog, "about-dialog")
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    heading = dialog.findChild(QLabel, "about-heading")
    assert heading is not None
    assert f"Budgetwright {metadata.version('budgetwright')}" in heading.text()
    licences = dialog.licences()
    assert "LGPL-3.0-only" in licences["PySide6_Essentials"]
    assert licences["pyqtgraph"] == "MIT"
    assert licences["Python"] == "PSF-2.0"
    names = [dialog.table.item(row, 0).text() for row in range(dialog.table.rowCount())]
    qt_row = names.index("Qt (in PySide6)")
    assert dialog.table.item(qt_row, 1).text() == qVersion()
    assert "pytest" not in licences
    dialog.close()


@pytest.mark.parametrize("used_before", [False, True])
def test_a_plan_file_named_on_the_command_line_is_imported_once_the_database_opens(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, used_before: bool
) -> None:
    """On a first run and on a database whose plan is previewed before it opens."""
    if used_before:
        subprocess.run(
            [sys.executable, "-m", "ui.launcher", "--db", str(tmp_path / "budgets.db"), "list"],
            check=True,
            capture_output=True,
            timeout=120,
        )
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Opened by double-click")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(WindowSettings(settings))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    import_when_ready(window, resource("sample.budget.json"))
    window.show()
    ctx.start(tmp_path / "budgets.db")
    qtbot.waitUntil(
        lambda: ctx.plan is not None and ctx.plan.name == "Opened by double-click",
        timeout=30_000,
    )
    assert window.windowTitle().startswith("Opened by double-click")
    assert [p.name for p in ctx.plans].count("Opened by double-click") == 1


def test_only_a_lone_existing_plan_file_or_workbook_opens_the_window(tmp_path: Path) -> None:
    plan = tmp_path / "q3.budget.json"
    plan.write_text("{}", encoding="utf-8")
    book = tmp_path / "Q3.XLSX"
    book.write_bytes(b"")
    assert file_to_open([str(plan)]) == plan
    assert file_to_open([str(book)]) == book
    assert file_to_open(["list"]) is None
    assert file_to_open([str(tmp_path / "missing.budget.json")]) is None
    assert file_to_open([str(plan), "--json"]) is None
    assert file_to_open(["--db", str(plan)]) is None
    assert set(OPENED_ENDINGS) == set(EXCEL_SUFFIXES + PLAN_SUFFIXES)
