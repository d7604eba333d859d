"""Import, export and print actions: in the File menu, wired, run in the background."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.io import plan_json
from app.io.pdf.raster import page_count
from ui import prompts
from ui.main_window import MainWindow
from ui.pack_dialog import PackDialog, PackOptions


@pytest.mark.parametrize(
    ("action_id", "title"),
    [
        ("file.export_excel", "Export to Excel…"),
        ("file.import", "Import…"),
        ("file.export_pdf", "Export PDF…"),
        ("file.print", "Print…"),
    ],
)
def test_the_file_menu_has_the_action(window: MainWindow, action_id: str, title: str) -> None:
    action = window.actions[action_id]
    assert action.text().replace("&", "") == title
    assert action in window.menus["file"].actions()
    assert action.isEnabled()


def _failures(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "show_error", lambda _p, title, text: shown.append((title, text)))
    return shown


def test_export_to_excel_runs_the_core_writer_and_reports_its_outcome(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "budget"
    monkeypatch.setattr(prompts, "ask_save_path", lambda *_a, **_k: target)
    shown = _failures(monkeypatch)
    with qtbot.waitSignal(window.ctx.background.job_ended, timeout=30_000):
        window.actions["file.export_excel"].trigger()
    assert shown == []
    assert window.files.last_written == tmp_path / "budget.xlsx"
    assert (tmp_path / "budget.xlsx").stat().st_size > 0


def _pack_options(monkeypatch: pytest.MonkeyPatch, options: PackOptions) -> None:
    monkeypatch.setattr(PackDialog, "ask", staticmethod(lambda *_a, **_k: options))


def test_export_pdf_runs_the_core_writer_and_reports_its_outcome(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pack"
    monkeypatch.setattr(prompts, "ask_save_path", lambda *_a, **_k: target)
    _pack_options(monkeypatch, PackOptions("a4", ("cover", "summary")))
    shown = _failures(monkeypatch)
    with qtbot.waitSignal(window.ctx.background.job_ended, timeout=60_000):
        window.actions["file.export_pdf"].trigger()
    assert shown == []
    assert window.files.last_written == tmp_path / "pack.pdf"
    assert (tmp_path / "pack.pdf").read_bytes().startswith(b"%PDF")


def test_a_pack_that_cannot_be_written_is_reported_naming_the_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "gone" / "pack.pdf"
    monkeypatch.setattr(prompts, "ask_save_path", lambda *_a, **_k: target)
    _pack_options(monkeypatch, PackOptions("a4", ("cover",)))
    shown = _failures(monkeypatch)
    with qtbot.waitSignal(window.ctx.background.job_ended, timeout=60_000):
        window.actions["file.export_pdf"].trigger()
    assert len(shown) == 1 and shown[0][0] == "Export PDF"
    assert "did not finish" in shown[0][1] and str(target) in shown[0][1]
    assert window.files.last_written is None


def test_print_prepares_the_pack_in_the_background_and_shows_a_preview(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    _pack_options(monkeypatch, PackOptions("a4", ("cover", "summary")))
    shown = _failures(monkeypatch)
    window.actions["file.print"].trigger()
    assert window.ctx.background.busy  # the pack is built off the GUI thread
    assert window.files.preview is None
    with qtbot.waitSignal(window.ctx.background.job_ended, timeout=60_000):
        pass
    preview = window.files.preview
    assert shown == [] and preview is not None
    try:
        assert preview.isVisible() and preview.parent() is window
        assert preview.preview.pageCount() == page_count(preview.data) >= 2
    finally:
        preview.close()


def test_importing_a_plan_file_makes_a_new_plan_and_opens_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, plan = window.ctx.workspace, window.ctx.plan
    assert workspace is not None and plan is not None and plan.id is not None
    source = tmp_path / "support.budget.json"
    plan_json.write_file(workspace.snapshot(plan.id), source)
    monkeypatch.setattr(prompts, "ask_open_path", lambda *_a, **_k: source)
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Imported support plan")
    with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=30_000):
        window.actions["file.import"].trigger()
    assert window.ctx.plan is not None and window.ctx.plan.name == "Imported support plan"
    assert window.summary.total.text() == "USD 1,357,795.26"


def test_a_bad_import_file_is_reported_naming_the_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "broken.budget.json"
    source.write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(prompts, "ask_open_path", lambda *_a, **_k: source)
    shown = _failures(monkeypatch)
    with qtbot.waitSignal(window.ctx.background.job_ended, timeout=30_000):
        window.actions["file.import"].trigger()
    assert shown and shown[0][0] == "Import" and "broken.budget.json" in shown[0][1]
    assert len(window.ctx.plans) == 1


def test_a_workbook_exported_from_the_window_imports_back_to_the_same_total(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "support.xlsx"
    monkeypatch.setattr(prompts, "ask_save_path", lambda *_a, **_k: target)
    monkeypatch.setattr(prompts, "ask_open_path", lambda *_a, **_k: target)
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Support plan from Excel")
    shown = _failures(monkeypatch)
    with qtbot.waitSignal(window.ctx.background.job_ended, timeout=60_000):
        window.actions["file.export_excel"].trigger()
    with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=60_000):
        window.actions["file.import"].trigger()
    assert shown == []
    assert window.ctx.plan is not None and window.ctx.plan.name == "Support plan from Excel"
    assert len(window.ctx.lines) == 33
    assert window.summary.total.text() == "USD 1,357,795.26"
