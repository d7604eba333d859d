"""Keyboard and screen-reader reach: mnemonics, standard shortcuts, accessible names."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from app.domain.taxonomy import CATEGORY_KEYS
from tests.ui.helpers import show
from ui import prompts
from ui.actions import ACTIONS
from ui.main_window import MainWindow


def _interactive(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisibleTo(root)
        and not isinstance(w, QMenu)
        and w.objectName() != "qt_scrollarea_viewport"
        and type(w).__name__ not in ("QScrollBar", "QTabBar", "QSplitterHandle")
        and not (w.parentWidget() and type(w.parentWidget()).__name__ in ("QComboBox", "QDateEdit"))
    ]


def test_every_interactive_widget_of_every_editor_has_an_accessible_name(
    window: MainWindow,
) -> None:
    for category in CATEGORY_KEYS:
        editor = show(window, category)
        editor.select_lines([editor.model.line(0).id])  # type: ignore[list-item]
    window.history.show()
    unnamed = [
        f"{type(w).__name__} {w.objectName()!r} ({w.toolTip()!r})"
        for w in _interactive(window)
        if not w.accessibleName()
    ]
    assert unnamed == []


def test_menus_have_mnemonics_and_each_menu_uses_a_letter_once(window: MainWindow) -> None:
    bar_letters = []
    for menu in window.menus.values():
        title = menu.title()
        assert "&" in title
        bar_letters.append(title[title.index("&") + 1].lower())
        letters = []
        for action in menu.actions():
            if action.isSeparator() or not action.text():
                continue
            text = action.text()
            assert "&" in text, f"{text!r} has no mnemonic"
            letters.append(text[text.index("&") + 1].lower())
        assert len(letters) == len(set(letters)), f"{title}: {letters}"
    assert len(bar_letters) == len(set(bar_letters))


@pytest.mark.parametrize(
    ("action_id", "key"),
    [
        ("edit.undo", QKeySequence.StandardKey.Undo),
        ("edit.redo", QKeySequence.StandardKey.Redo),
        ("file.new_plan", QKeySequence.StandardKey.New),
        ("file.open_plan", QKeySequence.StandardKey.Open),
        ("file.print", QKeySequence.StandardKey.Print),
        ("file.quit", QKeySequence.StandardKey.Quit),
        ("edit.find", QKeySequence.StandardKey.Find),
        ("lines.delete", QKeySequence.StandardKey.Delete),
    ],
)
def test_standard_actions_use_the_platform_shortcuts(
    window: MainWindow, action_id: str, key: QKeySequence.StandardKey
) -> None:
    assert window.actions[action_id].shortcuts() == QKeySequence.keyBindings(key)


def test_every_action_is_in_a_menu_and_the_shortcut_list_is_generated(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_menus = {a.objectName() for m in window.menus.values() for a in m.actions()}
    assert {spec.id for spec in ACTIONS} <= in_menus
    shown: list[str] = []
    monkeypatch.setattr(prompts, "show_info", lambda _p, _t, text: shown.append(text))
    window.actions["help.shortcuts"].trigger()
    assert "Add Line" in shown[0] and "Ctrl+Shift+N" in shown[0] and "Undo" in shown[0]


@pytest.mark.parametrize("category", ["computing", "time"])
def test_tab_runs_switcher_navigator_editor(
    qtbot: QtBot, window: MainWindow, category: str
) -> None:
    """Pressing Tab from the plan switcher reaches the navigator, then the shown editor's
    tools, its table and the detail form, before anything else of the window."""
    editor = show(window, category)
    window.activateWindow()
    window.switcher.combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.switcher.combo)
    visited: list[QWidget] = []
    for _ in range(20):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert visited[0] is window.navigator
    name = editor.detail.fields["name"].widget
    assert editor.table in visited and name in visited
    assert visited.index(editor.table) < visited.index(name)
    # nothing outside the editor comes between the navigator and the detail form
    assert all(editor.isAncestorOf(w) for w in visited[1 : visited.index(name) + 1])


def test_line_tool_buttons_are_buttons_bound_to_the_actions(window: MainWindow) -> None:
    editor = show(window, "data")
    for action_id, button in editor.tool_buttons.items():
        assert isinstance(button, QAbstractButton)
        assert button.defaultAction() is window.actions[action_id]  # type: ignore[attr-defined]
        assert button.accessibleName()


def test_tab_leaves_the_month_by_month_table(qtbot: QtBot, window: MainWindow) -> None:
    """A read-only table is one stop for Tab, not a trap that cycles through its cells."""
    editor = show(window, "human")
    table = editor.detail.month_table
    window.activateWindow()
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table
