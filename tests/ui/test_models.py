"""Every item model of the window passes Qt's model tester, also while the plan changes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from app.domain.taxonomy import CATEGORY_KEYS
from tests.ui.helpers import show
from ui.editors.month_costs import MonthCostModel
from ui.main_window import MainWindow
from ui.plan_list import PlanListModel


@pytest.mark.parametrize("category", CATEGORY_KEYS)
def test_each_category_table_and_its_filter_pass_the_model_tester(
    qtmodeltester: ModelTester, window: MainWindow, category: str
) -> None:
    editor = show(window, category)
    qtmodeltester.check(editor.model)
    qtmodeltester.check(editor.proxy)
    # the tester keeps watching while rows are added, changed, moved and removed
    editor.add_line()
    line = editor.current_line()
    assert line is not None and line.id is not None
    editor.model.setData(editor.model.index(editor.model.row_of(line.id) or 0, 0), "Tested line")
    editor.select_lines([line.id])
    editor.move_selected(-1)
    editor.table.sortByColumn(len(editor.columns) - 1, Qt.SortOrder.AscendingOrder)
    editor.proxy.set_text("tested")
    editor.proxy.set_text("")
    editor.delete_selected()
    window.actions["edit.undo"].trigger()
    window.actions["edit.redo"].trigger()


def test_the_navigator_share_phase_month_and_plan_models_pass_the_model_tester(
    qtmodeltester: ModelTester, window: MainWindow
) -> None:
    qtmodeltester.check(window.navigator.navigator_model)
    qtmodeltester.check(window.summary.shares)
    editor = show(window, "time")
    qtmodeltester.check(editor.phases)  # type: ignore[attr-defined]
    editor.add_phase()  # type: ignore[attr-defined]
    editor.select_lines([editor.model.line(0).id])  # type: ignore[list-item]
    qtmodeltester.check(editor.detail.months)
    qtmodeltester.check(window.switcher.model)


def test_empty_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(MonthCostModel())
    qtmodeltester.check(PlanListModel())


def test_the_navigator_follows_a_taxonomy_whose_sections_changed(window: MainWindow) -> None:
    model = window.navigator.navigator_model
    ctx = window.ctx
    data = ctx.taxonomy.category("data")
    fewer = replace(data, sections=data.sections[1:])
    ctx.taxonomy = replace(
        ctx.taxonomy,
        categories=tuple(fewer if c.key == "data" else c for c in ctx.taxonomy.categories),
    )
    model.refresh()
    top = model.index_of("data")
    assert model.rowCount(top) == len(data.sections) - 1
    shown = [model.keys(model.index(r, 0, top)) for r in range(model.rowCount(top))]
    assert shown == [("data", s.key) for s in data.sections[1:]]
    assert model.index(0, 0, top).data() == data.sections[1].label
