"""Opening the window: the sample plan on first run, the last plan after that, the layout kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from app.domain.taxonomy import CATEGORY_KEYS
from tests.ui.conftest import open_window
from ui import prompts
from ui.main_window import MainWindow

SAMPLE = "Support assistant: fine-tune and serve"


def test_first_run_opens_the_sample_plan_with_its_totals(window: MainWindow, db_path: Path) -> None:
    assert window.ctx.plan is not None and window.ctx.plan.name == SAMPLE
    assert window.windowTitle().startswith(SAMPLE)
    assert window.summary.total.text() == "USD 1,357,795.26"
    assert window.switcher.combo.currentText() == SAMPLE
    assert window.status.database.text() == str(db_path)
    assert "saved" in window.status.saved_text.lower()
    assert window.status.lines.text() == "33 lines"


def test_the_navigator_lists_eight_categories_and_their_sections_with_subtotals(
    window: MainWindow,
) -> None:
    model = window.navigator.navigator_model
    assert model.rowCount() == len(CATEGORY_KEYS)
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert labels[0] == "Computing" and labels[-1] == "Support"  # "Resources" is in the editor
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Show Computing Resources"
    human = model.index(1, 1).data()
    assert human == "1,016,032.78"
    sections = model.index(1, 0)
    assert model.rowCount(sections) == 3
    assert model.index(0, 0, sections).data() == "Technical Team"


def test_the_summary_shows_each_category_amount_and_share(window: MainWindow) -> None:
    shares = window.summary.shares
    rows = {
        shares.index(r, 0).data(): (shares.index(r, 1).data(), shares.index(r, 2).data())
        for r in range(8)
    }
    assert rows["Human"] == ("1,016,032.78", "82.3 %")
    assert window.summary.subtotal.text() == "USD 1,234,359.33"
    assert window.summary.contingency.text() == "USD 123,435.93"
    assert window.summary.contingency_title.text() == "Contingency (10 %)"


def test_the_last_plan_and_layout_are_there_again_after_a_restart(
    qtbot: QtBot, db_path: Path, settings_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_window(qtbot, db_path, settings_path)
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Second plan")
    with qtbot.waitSignal(first.ctx.bus.plan_opened, timeout=10_000):
        first.plans.duplicate_plan()
    first.resize(1280, 800)
    first.splitter.setSizes([250, 700, 330])
    sizes = first.splitter.sizes()
    first.close()

    second = open_window(qtbot, db_path, settings_path)
    assert second.ctx.plan is not None and second.ctx.plan.name == "Second plan"
    assert (second.width(), second.height()) == (1280, 800)
    assert second.splitter.sizes() == sizes
    store = QSettings(str(settings_path), QSettings.Format.IniFormat)
    recent = store.value("plans/recent", [], type=list)
    assert len(recent) == 2


def test_an_existing_database_shows_its_figures_first_then_opens_for_edits(
    qtbot: QtBot, db_path: Path, settings_path: Path
) -> None:
    from app.services.workspace import Workspace
    from ui.context import AppContext
    from ui.settings import WindowSettings

    Workspace.open(db_path).close()
    ctx = AppContext(WindowSettings(QSettings(str(settings_path), QSettings.Format.IniFormat)))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    seen: list[tuple[bool, int | None]] = []
    ctx.bus.plan_opened.connect(
        lambda _opened: seen.append((ctx.workspace is None, ctx.totals and ctx.totals.total))
    )
    with qtbot.waitSignal(ctx.bus.ready, timeout=30_000):
        ctx.start(db_path)
    assert seen == [(True, 135_779_526)]  # the figures came before the store was open
    assert window.summary.total.text() == "USD 1,357,795.26"
    assert ctx.workspace is not None and not ctx.loading
    assert window.editors.current().isEnabled()  # type: ignore[union-attr]
    assert "saved" in window.status.saved_text.lower()
