"""Slow work runs off the GUI thread with a progress indicator, and can be cancelled."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.services.plan_commands import EditPlan
from benchmarks.large_plan import store_large_plan
from tests.ui.conftest import open_window
from ui.background import BackgroundWork, Cancelled, Progress


def test_work_runs_in_a_pool_thread_and_reports_progress_and_result(qtbot: QtBot) -> None:
    work = BackgroundWork()
    threads: list[int] = []
    steps: list[tuple[int, int]] = []
    results: list[object] = []
    work.job_progressed.connect(lambda _job, done, total: steps.append((done, total)))

    def slow(progress: Progress) -> str:
        threads.append(threading.get_ident())
        for step in range(1, 4):
            progress.report(step, 3)
        return "done"

    with qtbot.waitSignal(work.job_ended, timeout=5_000):
        work.run("Counting", slow, results.append, lambda exc: results.append(exc))
    assert results == ["done"]
    assert threads and threads[0] != threading.get_ident()
    qtbot.waitUntil(lambda: steps[-1:] == [(3, 3)])
    assert not work.busy


def test_cancelling_stops_the_work_without_a_result(qtbot: QtBot) -> None:
    work = BackgroundWork()
    started = threading.Event()
    outcome: list[object] = []

    def endless(progress: Progress) -> None:
        started.set()
        while True:
            progress.check()
            time.sleep(0.005)

    job = work.run("Endless", endless, outcome.append, outcome.append)
    assert started.wait(5)
    with qtbot.waitSignal(work.job_ended, timeout=5_000):
        job.cancel()
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)


def test_a_large_plan_opens_in_the_background_with_progress_while_the_window_answers(
    qtbot: QtBot, db_path: Path, settings_path: Path
) -> None:
    large = store_large_plan(db_path, 3_000)
    window = open_window(qtbot, db_path, settings_path)
    seen: list[tuple[int, int]] = []
    window.ctx.background.job_progressed.connect(
        lambda _job, done, total: seen.append((done, total))
    )
    shown_busy: list[bool] = []
    window.ctx.background.job_started.connect(
        lambda _job: shown_busy.append(window.status.progress.isVisibleTo(window))
    )

    with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=60_000):
        window.ctx.open_plan(large)
        assert window.ctx.loading and not window.editors.current().isEnabled()  # type: ignore[union-attr]
        assert window.status.saved_text.startswith("Opening Large plan")
    assert shown_busy == [True]
    assert seen and seen[-1] == (3_000, 3_000)
    assert len(window.ctx.lines) == 3_000
    assert window.editors.current().isEnabled()  # type: ignore[union-attr]
    assert not window.status.progress.isVisibleTo(window)
    assert window.status.lines.text() == "3,000 lines"


def test_undo_waits_while_another_plan_opens(
    qtbot: QtBot, db_path: Path, settings_path: Path
) -> None:
    large = store_large_plan(db_path, 3_000)
    window = open_window(qtbot, db_path, settings_path)
    plan = window.ctx.plan
    assert plan is not None and plan.id is not None
    assert window.ctx.run(EditPlan(plan.id, contingency_pct=plan.contingency_pct + 1), "Edit")
    undo = window.actions["edit.undo"]
    assert undo.isEnabled()
    with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=60_000):
        window.ctx.open_plan(large)
        assert not undo.isEnabled(), "no undo of the plan being left while the next opens"
        assert not window.history.widget().isEnabled()
    assert not undo.isEnabled()  # the new plan's history is empty
    assert window.history.widget().isEnabled()
