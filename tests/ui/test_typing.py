"""Data entry as planners type (issue 9 point 6): what is typed in the real widgets is
what is stored."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from app.domain.plan import blank_plan
from tests.ui.helpers import (
    add_line_with_button,
    cell,
    line_named,
    open_editor,
    pick_in_cell,
    show,
    stored_lines,
    type_into_cell,
    type_into_field,
)
from ui.editors.date_entry import typed_date
from ui.main_window import MainWindow
from ui.plan_dialogs import PlanSettingsDialog

SAMPLE = "Support assistant: fine-tune and serve"
CLUSTER = "Fine-tuning cluster: 8x H100 SXM"
EXPERIMENTS = "Experiments: 2x A100 80GB"  # a usage line with a utilization


def test_a_bare_85_is_85_percent_in_the_table_and_in_the_detail_form(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor = show(window, "computing")
    cluster = line_named(editor, CLUSTER)
    type_into_cell(qtbot, editor, cluster.id, "utilization", "85")
    assert window.ctx.lines[cluster.id].drivers["utilization"] == "0.85"

    _editor, field = type_into_field(qtbot, window, "computing", EXPERIMENTS, "utilization", "60")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "60 %"
    stored = stored_lines(db_path, SAMPLE)
    assert stored[CLUSTER].drivers["utilization"] == "0.85"
    assert stored[EXPERIMENTS].drivers["utilization"] == "0.6"


def test_no_two_actions_share_a_key(window: MainWindow) -> None:
    owners: dict[str, list[str]] = {}
    for action_id, action in window.actions.items():
        for keys in action.shortcuts():
            owners.setdefault(keys.toString(), []).append(action_id)
    shared = {keys: ids for keys, ids in owners.items() if len(ids) > 1}
    assert shared == {}
    assert [k.toString() for k in window.actions["lines.duplicate"].shortcuts()] == ["Ctrl+D"]
    assert [k.toString() for k in window.actions["lines.delete"].shortcuts()] == ["Del"]


def test_ctrl_d_in_the_table_duplicates_the_line_once(qtbot: QtBot, window: MainWindow) -> None:
    editor = show(window, "computing")
    cluster = line_named(editor, CLUSTER)
    editor.select_lines([cluster.id])
    editor.table.setFocus()
    before = len(editor.model.lines())
    qtbot.keyClick(editor.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(editor.model.lines()) == before + 1)
    assert window.ctx.undo_stack.count() == 1


@pytest.mark.qt_log_ignore("Ambiguous shortcut")
def test_an_ambiguous_shortcut_is_a_qt_warning_the_suite_fails_on(qtbot: QtBot, qtlog: Any) -> None:
    # The suite fails on every Qt warning (qt_log_level_fail = WARNING in pyproject);
    # this shows that two actions on one key do produce one.
    host = QWidget()
    qtbot.addWidget(host)
    for _ in range(2):
        action = QAction("Twice", host)
        action.setShortcut(QKeySequence("Ctrl+D"))
        host.addAction(action)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    host.setFocus()
    qtbot.keyClick(host, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert any("Ambiguous shortcut" in record.message for record in qtlog.records)


def test_ctrl_z_in_a_detail_field_stores_the_typed_value_then_undoes_it(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    _editor, fte = type_into_field(qtbot, window, "human", "ML engineers", "fte", "3")
    qtbot.keyClick(fte, Qt.Key.Key_Return)
    assert stored_lines(db_path, SAMPLE)["ML engineers"].drivers["fte"] == "3"
    annual = window.editors.editor("human").detail.fields["annual_cost"].widget
    assert isinstance(annual, QLineEdit)
    annual.setFocus()
    annual.selectAll()
    qtbot.keyClicks(annual, "200000")  # typed, not stored yet
    qtbot.keyClick(annual, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # the typed value was stored, and that step is the one undone
    assert window.actions["edit.redo"].text() == "&Redo Edit ML engineers: Annual cost"
    assert annual.text() == "246250"
    assert stored_lines(db_path, SAMPLE)["ML engineers"].drivers["annual_cost"] == "246250"
    qtbot.keyClick(annual, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert fte.text() == "2"
    assert stored_lines(db_path, SAMPLE)["ML engineers"].drivers["fte"] == "2"
    qtbot.keyClick(annual, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(annual, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert (fte.text(), annual.text()) == ("3", "200000")
    stored = stored_lines(db_path, SAMPLE)["ML engineers"].drivers
    assert (stored["fte"], stored["annual_cost"]) == ("3", "200000")


def test_an_ampersand_in_a_name_shows_as_one_in_the_menu_and_the_history(
    qtbot: QtBot, window: MainWindow
) -> None:
    editor = show(window, "software")
    seats = line_named(editor, "GitHub Team seats")
    type_into_cell(qtbot, editor, seats.id, "name", "R&D seats")
    editor.select_lines([seats.id])
    window.actions["lines.duplicate"].trigger()
    undo = window.actions["edit.undo"]
    assert undo.text() == "&Undo Duplicate R&&D seats", "&& is how a menu shows one &"
    window.history.show()
    history = window.history.widget()
    texts = [history.model().index(r, 0).data() for r in range(history.model().rowCount())]
    assert "Duplicate R&D seats" in texts
    undo.trigger()
    assert window.actions["edit.redo"].text() == "&Redo Duplicate R&&D seats"


def test_a_date_is_typed_whole_in_a_cell(qtbot: QtBot, window: MainWindow, db_path: Path) -> None:
    editor = show(window, "software")
    seats = line_named(editor, "GitHub Team seats")
    type_into_cell(qtbot, editor, seats.id, "end", "2027-10-31")
    assert stored_lines(db_path, SAMPLE)["GitHub Team seats"].end == date(2027, 10, 31)
    assert cell(editor, seats.id, "end").data() == "2027-10-31"


def test_a_date_in_the_locales_short_form_is_read_and_tab_leaves_the_field(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    try:
        _editor, field = type_into_field(
            qtbot, window, "software", "GitHub Team seats", "end", "1/11/2027"
        )
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not field
        assert stored_lines(db_path, SAMPLE)["GitHub Team seats"].end == date(2027, 11, 1)
        assert field.text() == "2027-11-01", "shown back as the form writes dates"
    finally:
        QLocale.setDefault(before)


def test_a_day_that_does_not_exist_is_refused_and_nothing_clamped_is_stored(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor, field = type_into_field(
        qtbot, window, "software", "GitHub Team seats", "end", "2027-02-31"
    )
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.property("invalid") is True
    assert field.text() == "2027-02-31"
    assert "End: “2027-02-31” is not a date" in window.editors.messages.text
    assert window.ctx.finish_editing() is True  # nothing pending: the refusal stands
    window.actions["lines.add"].trigger()  # another action runs: still nothing stored
    assert stored_lines(db_path, SAMPLE)["GitHub Team seats"].end == date(2027, 12, 31)

    seats = line_named(editor, "GitHub Team seats")
    widget = type_into_cell(qtbot, editor, seats.id, "end", "2027-02-29")
    assert widget.isVisible() and widget.property("invalid") is True
    qtbot.keyClick(widget, Qt.Key.Key_Escape)
    assert stored_lines(db_path, SAMPLE)["GitHub Team seats"].end == date(2027, 12, 31)


def test_the_locale_decides_what_1_3_2027_means() -> None:
    uk = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    us = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    de = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert typed_date("1/3/2027", uk) == date(2027, 3, 1)
    assert typed_date("1/3/2027", us) == date(2027, 1, 3)
    assert typed_date("1.3.2027", de) == date(2027, 3, 1)
    assert typed_date(" 2027-03-01 ", us) == date(2027, 3, 1)
    for text in ("2027-02-31", "31/2/2027", "soon", "20270101", ""):
        assert typed_date(text, uk) == text.strip()


def test_find_searches_every_category_and_shows_where_each_line_is(
    qtbot: QtBot, window: MainWindow
) -> None:
    show(window, "computing")
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.editors.find_bar
    assert bar.isVisible() and bar.box.hasFocus()
    qtbot.keyClicks(bar.box, "engineers")
    found = [bar.results.item(r).text() for r in range(bar.results.count())]
    assert found, "the shown category (Computing) has no engineers; Human Resources has"
    assert any("ML engineers" in text and "Human Resources" in text for text in found)
    assert bar.count.text() == f"{len(found)} line" + ("" if len(found) == 1 else "s")
    qtbot.keyClick(bar.box, Qt.Key.Key_Down)
    ml = next(r for r in range(len(found)) if found[r].startswith("ML engineers"))
    bar.results.setCurrentRow(ml)
    qtbot.keyClick(bar.results, Qt.Key.Key_Return)
    editor = window.editors.current()
    assert editor is not None and editor.category == "human"
    assert [line.name for line in editor.selected_lines()] == ["ML engineers"]
    assert window.navigator.navigator_model.keys(window.navigator.currentIndex())[0] == "human"
    qtbot.keyClick(bar.box, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_new_plan_starts_in_the_coming_year_and_keeps_what_was_typed_over_a_taken_name(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def run(dialog: PlanSettingsDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.show()
        seen["start"], seen["end"] = dialog.start.text(), dialog.end.text()
        dialog.name.selectAll()
        qtbot.keyClicks(dialog.name, SAMPLE)  # the sample plan's name: taken
        dialog.currency.setCurrentText("EUR")
        dialog.contingency.selectAll()
        qtbot.keyClicks(dialog.contingency, "12")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        seen["refused"] = dialog.message.text()
        seen["message fits"] = dialog.message.height() >= dialog.message.heightForWidth(
            dialog.message.width()
        )
        seen["kept"] = (dialog.currency.currentText(), dialog.contingency.text())
        qtbot.keyClicks(dialog.name, " 2")  # fixed: the stale message goes
        seen["after fix"] = (dialog.message.isVisible(), dialog.message.text())
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(PlanSettingsDialog, "exec", run)
    with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=10_000):
        window.actions["file.new_plan"].trigger()
    year = date.today().year + 1
    assert (seen["start"], seen["end"]) == (f"{year}-01-01", f"{year}-12-31")
    assert seen["refused"] == f"Name: “{SAMPLE}” is taken: another plan has this name"
    assert seen["message fits"]
    assert seen["kept"] == ("EUR", "12")
    assert seen["after fix"] == (False, "")
    plan = window.ctx.plan
    assert plan is not None
    assert (plan.name, plan.currency, str(plan.contingency_pct)) == (f"{SAMPLE} 2", "EUR", "12")
    assert plan.start == date(year, 1, 1)


def test_the_window_is_usable_at_1024_by_700(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    editor = show(window, "computing")
    editor.select_lines([line_named(editor, CLUSTER).id])
    QApplication.processEvents()
    nav = window.navigator
    metrics = nav.fontMetrics()
    for row in range(nav.navigator_model.rowCount()):
        index = nav.navigator_model.index(row, 0)
        text = index.data()
        room = nav.visualRect(index).width() - nav.iconSize().width() - 8
        assert room >= metrics.horizontalAdvance(text), f"{text} is cut in the navigator"
    # the detail form shows every field whole, one column under another, and scrolls
    form = editor.detail
    viewport = form._scroll.viewport()
    for key, field in form.fields.items():
        left = field.widget.mapTo(viewport, field.widget.rect().topLeft()).x()
        assert left >= 0 and left + field.widget.width() <= viewport.width() + 1, key
    assert form._scroll.verticalScrollBar().maximum() > 0, "it scrolls rather than clips"
    count = form.fields["quantity"].widget
    assert isinstance(count, QLineEdit) and count.visibleRegion().boundingRect().width() > 40


def test_column_headers_are_never_narrower_than_their_titles(window: MainWindow) -> None:
    for category in ("computing", "human", "data", "time"):
        table = show(window, category).table
        header = table.horizontalHeader()
        metrics = header.fontMetrics()
        model = table.model()
        for col in range(model.columnCount()):
            title = str(model.headerData(col, Qt.Orientation.Horizontal))
            assert header.sectionSize(col) >= metrics.horizontalAdvance(title) + 12, title


def test_data_offers_labelling_and_preference_pair_prices_in_a_list_wide_enough_to_read(
    qtbot: QtBot, window: MainWindow, db_path: Path
) -> None:
    editor, line_id = add_line_with_button(qtbot, window, "data")
    combo = open_editor(qtbot, editor, cell(editor, line_id, "catalogue"))
    assert isinstance(combo, QComboBox)
    names = [combo.itemText(r) for r in range(combo.count())]
    assert "RLHF preference pair (Surge)" in names
    assert "Ground Truth/MTurk image classification (per labeler)" in names
    widest = max(combo.fontMetrics().horizontalAdvance(name) for name in names)
    assert combo.view().minimumWidth() >= widest, "every name can be read whole"
    assert combo.completer().popup().minimumWidth() >= widest
    qtbot.keyClick(combo, Qt.Key.Key_Escape)
    pick_in_cell(qtbot, editor, line_id, "catalogue", "RLHF preference pair (Surge)")
    line = window.ctx.lines[line_id]
    assert line.catalogue_ref == "rlhf_pair_surge"
    stored = next(v for v in stored_lines(db_path, SAMPLE).values() if v.id == line_id)
    assert stored.drivers["unit_cost"] == line.catalogue_price

    detail = editor.detail.fields["catalogue"].widget
    assert isinstance(detail, QComboBox)
    assert detail.view().minimumWidth() >= widest


def test_a_new_plan_may_not_keep_a_default_name_already_taken(qtbot: QtBot) -> None:
    dialog = PlanSettingsDialog(blank_plan(), "New Plan", None, frozenset({"New plan"}))
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.message.text() == "Name: “New plan” is taken: another plan has this name"
    assert dialog.result() != PlanSettingsDialog.DialogCode.Accepted


def test_phase_names_keep_their_width_in_a_narrow_window(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1024, 700)
    editor = show(window, "time")
    table = editor.phase_table  # type: ignore[attr-defined]
    header = table.horizontalHeader()
    metrics = table.fontMetrics()
    names = [table.model().index(r, 0).data() for r in range(table.model().rowCount())]
    assert header.sectionSize(0) >= max(metrics.horizontalAdvance(n) for n in names) + 8
