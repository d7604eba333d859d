"""The timeline shaped with the real mouse and keys: moves are stored, named and undone."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.plan import Line
from app.services.timeline_layout import RowKind
from tests.ui.helpers import settle, show, stored_lines
from ui.main_window import MainWindow
from ui.timeline.painting import HEADER, ROW
from ui.timeline.view import TimelineView

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier
PX_PER_DAY = 10.0


def timeline(window: MainWindow) -> TimelineView:
    window.schedule.show_timeline()
    settle()
    view = window.schedule.timeline().view
    view.set_zoom(PX_PER_DAY)  # a day is 10 px: moves snap to days
    return view


def free_line(window: MainWindow) -> Line:
    """A line that keeps its own dates (not its phase's) and runs more than a week."""
    return next(
        line
        for line in window.ctx.plan_lines()
        if not line.dates_from_phase and (line.end - line.start).days > 20
    )


def bar_points(view: TimelineView, key: str) -> tuple[int, int, int]:
    """Screen x of the bar's start and end and y of its middle, with the bar in view."""
    index = view.layout_.row_of(key) if view.layout_ else None
    assert index is not None
    view.ensure_visible(index)
    row = view.rows[index]
    assert row.start is not None
    view.scroll_to_day(row.start)
    bounds = view.frame().bar(index)
    assert bounds is not None
    y = HEADER + index * ROW - view.verticalScrollBar().value() + ROW // 2
    return round(bounds[0]), round(bounds[1]), y


def drag(
    view: TimelineView, start: QPoint, days: int, modifier: Qt.KeyboardModifier = NONE
) -> None:
    end = start + QPoint(round(days * PX_PER_DAY), 0)
    vp = view.viewport()
    QTest.mousePress(vp, LEFT, modifier, start)
    QTest.mouseMove(vp, start + QPoint((end.x() - start.x()) // 2, 0))
    QTest.mouseMove(vp, end)
    QTest.mouseRelease(vp, LEFT, modifier, end)
    settle()


def test_dragging_a_bar_moves_the_line_by_that_many_days_and_undo_restores_it(
    window: MainWindow, db_path: Path
) -> None:
    view = timeline(window)
    line = free_line(window)
    x0, x1, y = bar_points(view, f"line:{line.id}")
    drag(view, QPoint((x0 + x1) // 2, y), 9)
    plan = window.ctx.plan
    assert plan is not None
    moved = stored_lines(db_path, plan.name)[line.name]
    assert (moved.start, moved.end) == (line.start + timedelta(9), line.end + timedelta(9))
    assert window.ctx.undo_stack.undoText() == f"Move line {line.name} by +9 days"
    window.ctx.undo_stack.undo()
    back = stored_lines(db_path, plan.name)[line.name]
    assert (back.start, back.end) == (line.start, line.end)


def test_dragging_an_end_changes_only_that_end(window: MainWindow, db_path: Path) -> None:
    view = timeline(window)
    line = free_line(window)
    x0, x1, y = bar_points(view, f"line:{line.id}")
    drag(view, QPoint(x1 - 1, y), -4)
    plan = window.ctx.plan
    assert plan is not None
    moved = stored_lines(db_path, plan.name)[line.name]
    assert (moved.start, moved.end) == (line.start, line.end - timedelta(4))
    x0, x1, y = bar_points(view, f"line:{line.id}")
    drag(view, QPoint(x0 + 1, y), 3)
    moved = stored_lines(db_path, plan.name)[line.name]
    assert (moved.start, moved.end) == (line.start + timedelta(3), line.end - timedelta(4))
    assert window.ctx.undo_stack.undoText() == f"Move start of {line.name} by +3 days"


def test_dragging_a_phase_moves_the_lines_that_follow_it(window: MainWindow, db_path: Path) -> None:
    view = timeline(window)
    ctx = window.ctx
    following = [line for line in ctx.plan_lines() if line.dates_from_phase]
    assert following, "the sample plan has lines taking their phase's dates"
    phase = ctx.phases[following[0].phase_id or 0]
    x0, x1, y = bar_points(view, f"phase:{phase.id}")
    drag(view, QPoint((x0 + x1) // 2, y), 5)
    assert ctx.phases[phase.id or 0].start == phase.start + timedelta(5)
    plan = ctx.plan
    assert plan is not None
    stored = stored_lines(db_path, plan.name)
    for line in following:
        if line.phase_id == phase.id:
            assert stored[line.name].start == phase.start + timedelta(5)
            assert stored[line.name].end == phase.end + timedelta(5)
    assert ctx.undo_stack.undoText() == f"Move phase {phase.name} by +5 days"
    ctx.undo_stack.undo()
    assert ctx.phases[phase.id or 0].start == phase.start


def test_a_line_following_its_phase_is_refused_with_the_reason(window: MainWindow) -> None:
    view = timeline(window)
    line = next(line for line in window.ctx.plan_lines() if line.dates_from_phase)
    x0, x1, y = bar_points(view, f"line:{line.id}")
    drag(view, QPoint((x0 + x1) // 2, y), 6)
    assert window.ctx.lines[line.id or 0].start == line.start
    assert "takes its dates from the phase" in window.editors.messages.text


def test_a_phase_moved_before_the_one_it_waits_for_is_flagged_like_the_table(
    window: MainWindow,
) -> None:
    view = timeline(window)
    ctx = window.ctx
    phase = next(p for p in ctx.phases.values() if p.depends_on)
    x0, _x1, y = bar_points(view, f"phase:{phase.id}")
    drag(view, QPoint(x0 + 1, y), -14)  # its start goes back two weeks
    index = view.layout_.row_of(f"phase:{phase.id}") if view.layout_ else None
    assert index is not None
    row = view.rows[index]
    assert row.flag.startswith(f"starts {phase.start - timedelta(14)}, before")
    assert any(a.late and a.target == index for a in view.layout_.arrows)  # type: ignore[union-attr]


def test_arrow_keys_move_the_selected_bar_one_undo_step_each(window: MainWindow) -> None:
    view = timeline(window)
    ctx = window.ctx
    line = free_line(window)
    view.select_line(line.id or 0)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Right)
    QTest.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    settle()
    assert ctx.lines[line.id or 0].start == line.start + timedelta(8)
    assert ctx.undo_stack.undoText() == f"Move line {line.name} by +7 days"
    ctx.undo_stack.undo()
    assert ctx.lines[line.id or 0].start == line.start + timedelta(1)


def test_shift_dragging_a_phase_onto_another_links_them(window: MainWindow) -> None:
    view = timeline(window)
    ctx = window.ctx
    phases = sorted(ctx.phases.values(), key=lambda p: p.position)
    first, last = phases[0], phases[-1]
    assert first.key not in last.depends_on
    x0, x1, y = bar_points(view, f"phase:{first.id}")
    index = view.layout_.row_of(f"phase:{last.id}") if view.layout_ else None
    assert index is not None
    target_y = y + (index - view.layout_.row_of(f"phase:{first.id}")) * ROW  # type: ignore[union-attr,operator]
    vp = view.viewport()
    shift = Qt.KeyboardModifier.ShiftModifier
    QTest.mousePress(vp, LEFT, shift, QPoint((x0 + x1) // 2, y))
    QTest.mouseMove(vp, QPoint((x0 + x1) // 2, target_y))
    QTest.mouseRelease(vp, LEFT, shift, QPoint((x0 + x1) // 2, target_y))
    settle()
    assert first.key in ctx.phases[last.id or 0].depends_on
    assert ctx.undo_stack.undoText() == f"Make {last.name} wait for {first.name}"


def test_ctrl_wheel_zoom_keeps_the_date_under_the_cursor(window: MainWindow) -> None:
    view = timeline(window)
    x = view.viewport().width() * 2 // 3
    before = view.scale.day_at(view.horizontalScrollBar().value() + x - 230)
    for steps in (1, 1, -3):
        wheel = QWheelEvent(
            QPointF(x, 100),
            QPointF(view.viewport().mapToGlobal(QPoint(x, 100))),
            QPoint(),
            QPoint(0, 120 * steps),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.ControlModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(view.viewport(), wheel)
        after = view.scale.day_at(view.horizontalScrollBar().value() + x - 230)
        assert abs(after - before) < 1, (steps, before, after)
    assert view.scale.px_per_day != PX_PER_DAY


def test_selection_follows_both_ways(window: MainWindow, qtbot: QtBot) -> None:
    view = timeline(window)
    editor = show(window, "human")
    line = editor.model.line(2)
    editor.select_lines([line.id or 0])
    assert view.selected_key == f"line:{line.id}"
    other = next(ln for ln in window.ctx.plan_lines() if ln.category == "data")
    _x0, x1, y = bar_points(view, f"line:{other.id}")
    QTest.mouseClick(view.viewport(), LEFT, NONE, QPoint(x1 - 6, y))
    settle()
    assert window.editors.category == "data"
    current = window.editors.current()
    assert current is not None and current.current_line() == other


def test_the_editors_filter_filters_the_timeline(window: MainWindow) -> None:
    view = timeline(window)
    editor = show(window, "human")
    names = [line.name for line in window.ctx.category_lines("human")]
    QTest.keyClicks(editor.filter_box, "Legal review")
    settle()
    shown = {row.label for row in view.rows if row.kind is RowKind.LINE and row.colour == "human"}
    assert shown == {"Legal review of data licences"}
    editor.filter_box.clear()
    settle()
    shown = {row.label for row in view.rows if row.kind is RowKind.LINE and row.colour == "human"}
    assert shown == set(names)


def test_collapsing_a_category_hides_its_lines(window: MainWindow) -> None:
    view = timeline(window)
    index = view.layout_.row_of("cat:human") if view.layout_ else None
    assert index is not None
    view.ensure_visible(index)
    y = HEADER + index * ROW - view.verticalScrollBar().value() + ROW // 2
    QTest.mouseClick(view.viewport(), LEFT, NONE, QPoint(4, y))
    settle()
    assert not any(row.colour == "human" and row.kind is RowKind.LINE for row in view.rows)
    assert view.rows[index].collapsed


def test_the_tooltip_names_dates_model_total_and_the_month_under_the_mouse(
    window: MainWindow,
) -> None:
    from ui.timeline.tips import tooltip

    view = timeline(window)
    line = free_line(window)
    index = view.layout_.row_of(f"line:{line.id}") if view.layout_ else None
    assert index is not None
    text = tooltip(window.ctx, view.rows[index], line.start)
    budget = window.ctx.budget
    assert budget is not None
    cost = budget.cells[line.id or 0]
    from app.services.line_fields import grouped_amount

    assert f"{line.start.isoformat()} to {line.end.isoformat()}" in text
    assert f"Total: {grouped_amount(cost.total, 2)} USD" in text
    assert f"{grouped_amount(cost.amounts[0], 2)} USD" in text
    assert date(2000, 1, 1).isoformat() not in text


def test_escape_during_a_drag_stores_nothing(window: MainWindow) -> None:
    view = timeline(window)
    line = free_line(window)
    x0, x1, y = bar_points(view, f"line:{line.id}")
    vp = view.viewport()
    start = QPoint((x0 + x1) // 2, y)
    QTest.mousePress(vp, LEFT, NONE, start)
    QTest.mouseMove(vp, start + QPoint(60, 0))
    QTest.keyClick(view, Qt.Key.Key_Escape)
    QTest.mouseRelease(vp, LEFT, NONE, start + QPoint(60, 0))
    settle()
    assert window.ctx.lines[line.id or 0].start == line.start
    assert window.ctx.undo_stack.count() == 0


def test_the_timeline_button_shows_and_hides_the_timeline(window: MainWindow) -> None:
    action = window.actions["view.timeline"]
    action.trigger()
    settle()
    assert window.schedule.timeline_dock.isVisible() and action.isChecked()
    action.trigger()
    settle()
    assert not window.schedule.timeline_dock.isVisible() and not action.isChecked()


def test_the_cost_strip_labels_months_in_a_few_characters() -> None:
    # (the strip called a chart helper whose signature changed, and every paint failed)
    from ui.timeline.painting import compact

    assert [compact(v) for v in (0.0, 950.0, 12_500.0, 1_234_567.0, 2_000.0)] == [
        "0",
        "950",
        "12.5k",
        "1.2M",
        "2k",
    ]


def test_a_run_whose_end_follows_its_compute_shows_it_and_dragging_the_end_fixes_the_dates(
    window: MainWindow, db_path: Path
) -> None:
    from app.domain.plan import CostModel
    from app.engine.compute import accelerator_hours
    from ui.timeline.tips import tooltip

    view = timeline(window)
    ctx = window.ctx
    run = next(
        line
        for line in ctx.plan_lines()
        if line.cost_model == CostModel.TRAINING_RUN and not line.dates_fixed
    )
    key = f"line:{run.id}"
    row = view.rows[view.layout_.row_of(key) or 0] if view.layout_ else None
    assert row is not None and row.end_follows_compute
    hours, per = accelerator_hours(run.drivers)
    text = tooltip(ctx, row, run.start)
    assert f"End follows compute: {round(hours / per):,} accelerator-hours on 8 accelerators" in (
        text
    )
    steps = ctx.undo_stack.count()
    _x0, x1, y = bar_points(view, key)
    drag(view, QPoint(x1 - 1, y), 6)
    plan = ctx.plan
    assert plan is not None
    stored = stored_lines(db_path, plan.name)[run.name]
    assert (stored.start, stored.end, stored.dates_fixed) == (
        run.start,
        run.end + timedelta(6),
        True,
    )
    assert ctx.undo_stack.count() == steps + 1, "one undo step"
    assert ctx.undo_stack.undoText() == f"Move end of {run.name} by +6 days"
    fixed = view.rows[view.layout_.row_of(key) or 0] if view.layout_ else None
    assert fixed is not None and not fixed.end_follows_compute
    ctx.undo_stack.undo()
    settle()
    back = stored_lines(db_path, plan.name)[run.name]
    assert (back.end, back.dates_fixed) == (run.end, False)
    again = view.rows[view.layout_.row_of(key) or 0] if view.layout_ else None
    assert again is not None and again.end_follows_compute
