"""The Budget vs Actual dock shows the variance command's figures, overspends marked."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from app.services.actuals import AddActuals, plan_variance, typed_actual
from tests.ui.helpers import line_named, settle, show
from ui.main_window import MainWindow


def test_the_panel_shows_the_variance_and_marks_overspends(
    qtbot: QtBot, window: MainWindow
) -> None:
    ctx = window.ctx
    assert ctx.plan is not None and ctx.plan.id is not None and ctx.workspace is not None
    assert window.variance.dock.content is None  # nothing built before it is asked for
    window.actions["view.variance"].trigger()
    settle()
    assert window.actions["view.variance"].isChecked()
    panel = window.variance.panel()
    assert panel.result is not None and panel.result.as_of is None
    assert panel.over == set()

    engineers = line_named(show(window, "human"), "ML engineers")  # 53,354.17 a month
    booked = typed_actual(ctx.plan, engineers, date(2027, 2, 15), "60000.00", "PAY-2")
    assert ctx.run(AddActuals([booked]))
    settle()
    report = plan_variance(ctx.workspace, ctx.plan.id).as_json()
    assert report["as_of"] == "2027-02"
    result = panel.result
    assert result is not None and result.as_json() == report
    human = next(r for r in range(panel.categories.rowCount())
                 if panel.categories.item(r, 0).text() == "Human Resources")  # fmt: skip
    shown = [panel.categories.item(human, c).text() for c in range(1, 6)]
    figures = report["by_category"]["human"]
    assert shown == [
        f"{float(figures[k]):,.2f}"
        for k in ("budget_to_date", "actual_to_date", "variance_to_date",
                  "budget_at_completion", "forecast_at_completion")
    ]  # fmt: skip
    # February: 60,000.00 spent against the month's budget (all categories)
    february = next(r for r in range(panel.months.rowCount())
                    if panel.months.item(r, 0).text() == "2027-02")  # fmt: skip
    feb = report["by_month"]["2027-02"]
    assert panel.months.item(february, 2).text() == f"{float(feb['actual']):,.2f}"
    over = float(feb["variance"]) > 0
    assert (("month", february, 3) in panel.over) == over
    # as of January: nothing spent yet, everything under budget
    panel.as_of.setCurrentIndex(panel.as_of.findData(2027 * 12))
    panel.as_of.activated.emit(panel.as_of.currentIndex())
    assert panel.result is not None and panel.result.as_of == 2027 * 12
    assert panel.result.actual_to_date == 0
    assert not any(kind == "category" for kind, _, _ in panel.over)
    window.ctx.undo_stack.undo()
    settle()
    assert panel.result is not None and panel.result.actual_to_date == 0


def test_an_overspent_category_is_marked(qtbot: QtBot, window: MainWindow) -> None:
    ctx = window.ctx
    assert ctx.plan is not None
    engineers = line_named(show(window, "human"), "ML engineers")
    booked = typed_actual(ctx.plan, engineers, date(2027, 1, 31), "900000", "BIG")
    assert ctx.run(AddActuals([booked]))
    window.actions["view.variance"].trigger()
    settle()
    panel = window.variance.panel()
    human = next(r for r in range(panel.categories.rowCount())
                 if panel.categories.item(r, 0).text() == "Human Resources")  # fmt: skip
    assert ("category", human, 3) in panel.over
    assert panel.categories.item(human, 3).toolTip().startswith("Over budget by")
    assert "over budget" in panel.headline.text()
