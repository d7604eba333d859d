"""The Price Catalogue view and Plan ▸ Reprice, clicked as a planner would; what the
database holds afterwards is checked with a fresh workspace."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services.price_book import price_books
from app.services.workspace import Workspace
from tests.price_books import repriced_documents, write_csv
from tests.ui.helpers import line_named, show, stored_lines
from ui import prompts
from ui.catalogue.preferences import PreferencesDialog
from ui.catalogue.reprice_dialog import RepriceDialog
from ui.catalogue.view import CatalogueView
from ui.main_window import MainWindow

SAMPLE = "Support assistant: fine-tune and serve"
PRICES = {"lambda_h100_sxm": "2.49", "aws_s3_standard": "0.021"}
CLUSTER = "Fine-tuning cluster: 8x H100 SXM"


def stored_catalogue(db_path: Path) -> dict[str, str]:
    workspace = Workspace.open(db_path)
    try:
        return {e.key: e.price for e in workspace.catalogue()}
    finally:
        workspace.close()


def stored_versions(db_path: Path) -> list[str]:
    workspace = Workspace.open(db_path)
    try:
        return [b.label for b in workspace.read(price_books)]
    finally:
        workspace.close()


def open_catalogue(qtbot: QtBot, window: MainWindow) -> CatalogueView:
    window.actions["view.catalogue"].trigger()
    view = window.catalogue.view
    assert view is not None and view.isVisible()
    qtbot.addWidget(view)
    return view


def test_the_catalogue_view_searches_filters_and_edits_an_entry(
    qtbot: QtBot, window: MainWindow, db_path: Path, qtmodeltester: ModelTester
) -> None:
    view = open_catalogue(qtbot, window)
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    everything = view.proxy.rowCount()
    assert everything == view.model.rowCount() > 100

    qtbot.keyClicks(view.search, "H100 SXM5")
    names = [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]
    assert names and all("H100" in n for n in names) and len(names) < everything
    view.kind.setCurrentIndex(view.kind.findData("accelerator_rental"))
    assert all(
        view.proxy.index(r, 1).data() == "accelerator rental" for r in range(view.proxy.rowCount())
    )
    view.search.clear()
    view.kind.setCurrentIndex(0)
    assert view.proxy.rowCount() == everything

    assert view.select_key("lambda_h100_sxm")
    assert view.form.isEnabled() and view.price.text() == "2.99"
    view.price.setText("2.79")
    view.as_of.set_date(date(2026, 11, 1))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert stored_catalogue(db_path)["lambda_h100_sxm"] == "2.79"
    assert view.current_entry() is not None and view.current_entry().price == "2.79"  # type: ignore[union-attr]

    view.price.setText("about 3")
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.message.isVisible() and "Price" in view.message.text()
    assert stored_catalogue(db_path)["lambda_h100_sxm"] == "2.79"

    window.ctx.undo_stack.undo()
    assert stored_catalogue(db_path)["lambda_h100_sxm"] == "2.99"
    assert view.price.text() == "2.99"


def test_importing_a_price_book_adds_a_version_and_a_bad_file_changes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view = open_catalogue(qtbot, window)
    docs = repriced_documents(PRICES)
    bad = [dict(d) for d in docs]
    bad[1]["currency"] = "DOLLARS"
    bad_path = write_csv(tmp_path / "bad.csv", bad)
    monkeypatch.setattr(prompts, "ask_open_path", lambda *_a, **_k: bad_path)
    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    assert view.message.isVisible()
    assert "bad.csv, row 3 (key 'aws_s3_standard'): currency = 'DOLLARS'" in view.message.text()
    assert stored_versions(db_path) == ["Shipped catalogue"]

    good = write_csv(tmp_path / "november.csv", docs)
    monkeypatch.setattr(prompts, "ask_open_path", lambda *_a, **_k: good)
    qtbot.mouseClick(view.import_button, Qt.MouseButton.LeftButton)
    assert view.message.isHidden()
    assert stored_versions(db_path) == ["Shipped catalogue", "Imported from november.csv"]
    assert stored_catalogue(db_path)["aws_s3_standard"] == "0.021"
    assert "Imported from november.csv (as of 2026-11-15)" in view.versions.text()

    window.ctx.undo_stack.undo()
    assert stored_versions(db_path) == ["Shipped catalogue"]
    assert stored_catalogue(db_path)["aws_s3_standard"] == "0.023"


def test_reprice_previews_each_line_and_the_plan_then_applies_as_one_undo_step(
    qtbot: QtBot,
    window: MainWindow,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    before = stored_lines(db_path, SAMPLE)
    view = open_catalogue(qtbot, window)
    assert view.import_path(write_csv(tmp_path / "nov.csv", repriced_documents(PRICES)))
    old_total = window.ctx.budget.total  # type: ignore[union-attr]
    seen: list[RepriceDialog] = []

    def click_reprice(found: object, digits: int, parent: object) -> bool:
        dialog = RepriceDialog(found, digits, parent)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        seen.append(dialog)
        qtmodeltester.check(dialog.model)
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(RepriceDialog, "ask", staticmethod(click_reprice))
    window.actions["plan.reprice"].trigger()
    [dialog] = seen
    rows = {
        dialog.model.index(r, 0).data(): [dialog.model.index(r, c).data() for c in range(7)]
        for r in range(dialog.model.rowCount())
    }
    assert rows[CLUSTER][1:4] == [
        "lambda_h100_sxm",
        "2.99 USD (2026-03-01)",
        "2.49 USD (2026-11-15)",
    ]
    assert rows[CLUSTER][4:] == ["17,892.16", "14,900.16", "-2,992.00"]
    assert "USD 1,357,795.26 →" in dialog.totals.text()
    assert dialog.found.old_total == old_total

    after = stored_lines(db_path, SAMPLE)
    assert after[CLUSTER].drivers["unit_cost"] == "2.49"
    assert after[CLUSTER].catalogue_as_of == date(2026, 11, 15)
    assert window.ctx.budget.total == dialog.found.new_total  # type: ignore[union-attr]
    assert window.ctx.undo_stack.undoText().startswith("Reprice")

    window.ctx.undo_stack.undo()
    assert stored_lines(db_path, SAMPLE) == before
    assert window.ctx.budget.total == old_total  # type: ignore[union-attr]


def test_a_cancelled_reprice_stores_nothing(
    qtbot: QtBot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = open_catalogue(qtbot, window)
    assert view.import_path(write_csv(tmp_path / "nov.csv", repriced_documents(PRICES)))
    before = stored_lines(db_path, SAMPLE)
    monkeypatch.setattr(RepriceDialog, "ask", staticmethod(lambda *_a: False))
    window.actions["plan.reprice"].trigger()
    assert stored_lines(db_path, SAMPLE) == before


def test_old_prices_are_marked_stale_from_the_preferred_age(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = show(window, "computing")
    line = line_named(editor, CLUSTER)  # copied 2026-03-01
    editor.select_lines([line.id])  # type: ignore[list-item]
    card = editor.detail.price_card.text()
    months = (date.today().year - 2026) * 12 + date.today().month - 3
    if months >= 6:
        assert "<b>Stale:</b> the copied price is" in card

    def set_to(months_wanted: int) -> None:
        def fill(settings: object, parent: object) -> bool:
            dialog = PreferencesDialog(settings, parent)  # type: ignore[arg-type]
            qtbot.addWidget(dialog)
            dialog.stale_months.setValue(months_wanted)
            dialog.accept()
            return True

        monkeypatch.setattr(PreferencesDialog, "ask", staticmethod(fill))
        window.actions["edit.preferences"].trigger()

    set_to(120)
    assert window.ctx.settings.stale_months() == 120
    assert "Stale" not in editor.detail.price_card.text()
    set_to(1)
    assert "<b>Stale:</b>" in editor.detail.price_card.text()
