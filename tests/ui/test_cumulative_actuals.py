"""The cumulative cost chart draws what was spent to date against the plan."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from app.services.actuals import AddActuals, typed_actual
from tests.ui.helpers import line_named, settle, show
from tests.ui.test_live_charts import cents, charts, shown
from ui.main_window import MainWindow


def test_the_actuals_series_follows_booking_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    pane = charts(window)
    shown(pane, pane.cumulative)
    chart = pane.cumulative
    assert chart.actual_values == []
    ctx = window.ctx
    assert ctx.plan is not None
    engineers = line_named(show(window, "human"), "ML engineers")
    booked = [
        typed_actual(ctx.plan, engineers, date(2027, 1, 20), "50000.10", "A"),
        typed_actual(ctx.plan, engineers, date(2027, 3, 2), "61000", "B"),
    ]
    assert ctx.run(AddActuals(booked))
    settle()
    shown(pane, chart)
    assert chart.actual_values == [5000010, 5000010, 11100010]  # to March, the last actual
    x, y = chart.actuals_curve.getData()
    assert cents(y) == chart.actual_values and list(x) == [0, 1, 2]
    assert "spent 111,000.10" in chart.describe(2, 0)
    ctx.undo_stack.undo()
    settle()
    shown(pane, chart)
    assert chart.actual_values == []
