"""Excel round trip in the window: a workbook exported, edited by someone else, and read
back shows what will change before the plan is updated; undo restores it; a broken file
dropped on the window is refused naming it, and nothing is stored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.io import plan_json
from ui import prompts
from ui.main_window import MainWindow
from ui.reimport_dialog import ChangeListModel, ReimportDialog, change_rows

SAMPLE = "Support assistant: fine-tune and serve"
GPU_LINE = "Fine-tuning cluster: 8x H100 SXM"
DELETED_LINE = "Kubernetes control plane and gateways"


def _export(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(prompts, "ask_save_path", lambda *_a, **_k: path)
    with qtbot.waitSignal(window.ctx.background.job_ended, timeout=60_000):
        window.actions["file.export_excel"].trigger()
    assert path.stat().st_size > 0


def _edit_workbook(path: Path) -> None:
    """Twelve GPUs instead of eight, and the Kubernetes line deleted (as in Excel)."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Computing Resources"]
    col = {c.value: c.column for c in ws[2]}
    assert ws.cell(3, col["Line"]).value == GPU_LINE
    ws.cell(3, col["Quantity"]).value = 12
    assert ws.cell(7, col["Line"]).value == DELETED_LINE
    ws.delete_rows(7)
    wb.save(path)


def _answer(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, act: Callable[[ReimportDialog], None]
) -> list[ReimportDialog]:
    """Stand in for the planner at the (modal) re-import dialog."""
    seen: list[ReimportDialog] = []

    def exec_(dialog: ReimportDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        seen.append(dialog)
        act(dialog)
        return int(dialog.result())

    monkeypatch.setattr(ReimportDialog, "exec", exec_)
    return seen


def _rows(dialog: ReimportDialog) -> list[tuple[str, str, str]]:
    model = dialog.model
    return [
        tuple(str(model.index(r, c).data()) for c in range(3))  # type: ignore[misc]
        for r in range(model.rowCount())
    ]


def _import(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(prompts, "ask_open_path", lambda *_a, **_k: path)
    with qtbot.waitSignal(window.ctx.background.job_ended, timeout=60_000):
        window.actions["file.import"].trigger()


def test_an_edited_workbook_updates_its_plan_after_showing_the_changes_and_undo_restores(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = window.ctx
    path = tmp_path / "support.xlsx"
    _export(qtbot, window, monkeypatch, path)
    _edit_workbook(path)
    total_before = window.summary.total.text()
    gpu = next(line for line in ctx.lines.values() if line.name == GPU_LINE)
    seen = _answer(
        qtbot, monkeypatch, lambda d: qtbot.mouseClick(d.update_button, Qt.MouseButton.LeftButton)
    )
    monkeypatch.setattr(prompts, "show_error", lambda *_a: pytest.fail(f"error shown: {_a}"))
    _import(qtbot, window, monkeypatch, path)

    assert len(seen) == 1
    dialog = seen[0]
    assert dialog.update_button.text().replace("&", "") == f"Update “{SAMPLE}”"
    rows = _rows(dialog)
    assert rows[0] == ("Changed", GPU_LINE, "quantity: 8 → 12")
    assert rows[1][:2] == ("Removed", f"{DELETED_LINE} (computing)")
    assert rows[1][2].startswith("was recurring: quantity 1, unit cost 450")
    assert len(rows) == 2
    assert "1 line changed, 1 line removed" in dialog.headline.text()

    # Stored: the same plan (no new one), the GPU line with 12, the Kubernetes line gone.
    assert [p.name for p in ctx.plans] == [SAMPLE]
    assert ctx.plan is not None and window.files.last_imported == ctx.plan.id
    assert ctx.lines[gpu.id].drivers["quantity"] == "12"  # type: ignore[index]
    assert DELETED_LINE not in {line.name for line in ctx.lines.values()}
    assert len(ctx.lines) == 32
    assert window.summary.total.text() != total_before
    workspace = ctx.workspace
    assert workspace is not None and gpu.plan_id is not None
    stored = {line.name: line for line in workspace.snapshot(gpu.plan_id).lines}
    assert stored[GPU_LINE].drivers["quantity"] == "12" and DELETED_LINE not in stored

    # One step in the history: undo brings the plan back exactly.
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    stored = {line.name: line for line in workspace.snapshot(gpu.plan_id).lines}
    assert stored[GPU_LINE].drivers["quantity"] == "8" and DELETED_LINE in stored
    assert len(ctx.lines) == 33
    assert window.summary.total.text() == total_before == "USD 1,357,795.26"


def test_cancel_at_the_preview_stores_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "support.xlsx"
    _export(qtbot, window, monkeypatch, path)
    _edit_workbook(path)
    seen = _answer(qtbot, monkeypatch, lambda d: d.buttons.rejected.emit())
    _import(qtbot, window, monkeypatch, path)
    assert len(seen) == 1
    assert len(window.ctx.lines) == 33 and window.ctx.undo_stack.count() == 0
    assert window.summary.total.text() == "USD 1,357,795.26"


def test_import_as_a_new_plan_leaves_the_source_plan_alone(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "support.xlsx"
    _export(qtbot, window, monkeypatch, path)
    _edit_workbook(path)
    _answer(qtbot, monkeypatch, lambda d: qtbot.mouseClick(d.new_button, Qt.MouseButton.LeftButton))
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Support, finance's version")
    monkeypatch.setattr(prompts, "ask_open_path", lambda *_a, **_k: path)
    with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=60_000):
        window.actions["file.import"].trigger()
    ctx = window.ctx
    assert ctx.plan is not None and ctx.plan.name == "Support, finance's version"
    assert len(ctx.lines) == 32
    assert sorted(p.name for p in ctx.plans) == sorted([SAMPLE, "Support, finance's version"])
    workspace = ctx.workspace
    assert workspace is not None
    source = workspace.find_plan(SAMPLE)
    assert source.id is not None and len(workspace.snapshot(source.id).lines) == 33


def test_the_change_list_is_a_well_behaved_model(qtmodeltester: object, window: MainWindow) -> None:
    from app.services.reimport import describe_reimport

    workspace, plan = window.ctx.workspace, window.ctx.plan
    assert workspace is not None and plan is not None and plan.id is not None
    current = workspace.snapshot(plan.id)
    lines = list(current.lines)
    lines[0] = replace(lines[0], vendor="Someone else")
    incoming = replace(current, lines=tuple(lines[:-1]))
    preview = describe_reimport(current, incoming)
    model = ChangeListModel(change_rows(current.plan, incoming.plan, preview))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 2
    assert model.index(0, 2).data() == f"vendor: {current.lines[0].vendor} → Someone else"


def _drop(window: MainWindow, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    where = QPointF(window.width() / 2, window.height() / 2)
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(
        where.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted(), "the window refused the drag"
    drop = QDropEvent(
        where, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(window, drop)


def test_a_broken_workbook_dropped_on_the_window_is_refused_naming_it(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    path = tmp_path / "Q3 budget.xlsx"
    path.write_bytes(b"this is not a zip file, whatever its name says")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "show_error", lambda _p, title, text: shown.append((title, text)))
    database_before = db_path.read_bytes()
    with qtbot.waitSignal(window.ctx.background.job_ended, timeout=30_000):
        _drop(window, path)
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "Import" and "Q3 budget.xlsx" in text and "nothing was stored" in text
    assert [p.name for p in window.ctx.plans] == [SAMPLE]
    assert db_path.read_bytes() == database_before


def test_a_plan_file_dropped_on_the_window_becomes_a_new_plan(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, plan = window.ctx.workspace, window.ctx.plan
    assert workspace is not None and plan is not None and plan.id is not None
    source = tmp_path / "support.budget.json"
    plan_json.write_file(workspace.snapshot(plan.id), source)
    monkeypatch.setattr(prompts, "ask_text", lambda *_a, **_k: "Dropped support plan")
    with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=30_000):
        _drop(window, source)
    assert window.ctx.plan is not None and window.ctx.plan.name == "Dropped support plan"
    assert window.summary.total.text() == "USD 1,357,795.26"


def test_the_window_does_not_take_other_files(window: MainWindow, tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    enter = QDragEnterEvent(
        QPointF(10, 10).toPoint(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
