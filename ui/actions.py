"""Every window action as data: id, title (with mnemonic), menu, shortcut and handler.

Menus, tool buttons and the keyboard-shortcut list are generated from this table,
and tests trigger actions by id. A handler is a dotted path on the window
(``plans.new_plan``); undo and redo come from the undo stack itself so their titles
name the step they would undo.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from app.domain.taxonomy import CATEGORY_KEYS, standard_taxonomy

Key = QKeySequence.StandardKey
Shortcut = Key | str | None


@dataclass(frozen=True)
class ActionSpec:
    """One action of the window."""

    id: str
    title: str
    menu: str
    handler: str | None
    shortcut: Shortcut = None
    tip: str = ""
    checkable: bool = False
    editor_scope: bool = False
    """The shortcut works only while a lines table has the focus (Delete must not
    delete lines while the planner is in a field of the detail form)."""
    separator_before: bool = False
    short: str = ""
    """The text on a tool button, where the menu title is too long."""


MENUS = (
    ("file", "&File"),
    ("edit", "&Edit"),
    ("plan", "&Plan"),
    ("lines", "&Lines"),
    ("view", "&View"),
    ("help", "&Help"),
)


def _category_actions() -> tuple[ActionSpec, ...]:
    taxonomy = standard_taxonomy()
    return tuple(
        ActionSpec(
            f"view.category.{key}",
            f"&{n} {taxonomy.label(key).replace(' Resources', '')}",
            "view",
            f"editors.show_category_by_action:{key}",
            f"Ctrl+{n}",
            f"Show the {taxonomy.label(key)} editor",
        )
        for n, key in enumerate(CATEGORY_KEYS, start=1)
    )


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "file.new_plan", "&New Plan…", "file", "plans.new_plan", Key.New, "Start a new plan"
    ),
    ActionSpec(
        "file.open_plan",
        "&Open Plan…",
        "file",
        "plans.open_plan",
        Key.Open,
        "Open another plan of this database",
    ),
    ActionSpec(
        "file.open_server",
        "Open &Server…",
        "file",
        "servers.open_server",
        None,
        "Open a team's PostgreSQL database in a new window",
    ),
    ActionSpec(
        "file.import",
        "&Import…",
        "file",
        "files.import_file",
        "Ctrl+I",
        "Import a plan from a workbook or a .budget.json file",
        separator_before=True,
    ),
    ActionSpec(
        "file.export_excel",
        "Export to &Excel…",
        "file",
        "files.export_excel",
        "Ctrl+E",
        "Write the plan to an Excel workbook",
    ),
    ActionSpec(
        "file.export_pdf",
        "Export P&DF…",
        "file",
        "files.export_pdf",
        "Ctrl+Shift+E",
        "Write the plan's PDF budget pack",
    ),
    ActionSpec(
        "file.print",
        "&Print…",
        "file",
        "files.print_pack",
        Key.Print,
        "See the PDF budget pack's pages in a preview and print them",
    ),
    ActionSpec(
        "file.quit",
        "&Quit",
        "file",
        "close",
        Key.Quit,
        "Close the window (everything is already saved)",
        separator_before=True,
    ),
    ActionSpec("edit.undo", "&Undo", "edit", None, Key.Undo),
    ActionSpec("edit.redo", "&Redo", "edit", None, Key.Redo),
    ActionSpec(
        "edit.find",
        "&Find Lines…",
        "edit",
        "editors.find_lines",
        Key.Find,
        "Find lines in every category by name, vendor, notes or item",
        separator_before=True,
    ),
    ActionSpec(
        "edit.preferences",
        "Pr&eferences…",
        "edit",
        "catalogue.preferences",
        None,
        "How old a copied price may be before it is marked stale",
        separator_before=True,
    ),
    ActionSpec(
        "plan.rename", "&Rename…", "plan", "plans.rename_plan", "Ctrl+R", "Rename the open plan"
    ),
    ActionSpec(
        "plan.duplicate",
        "D&uplicate…",
        "plan",
        "plans.duplicate_plan",
        None,
        "Copy the open plan under a new name",
    ),
    ActionSpec(
        "plan.scenario",
        "New S&cenario…",
        "plan",
        "plans.new_scenario",
        None,
        "Copy the open plan into a scenario that compares with it line by line",
    ),
    ActionSpec(
        "plan.baseline",
        "Save &Baseline…",
        "plan",
        "plans.save_baseline",
        None,
        "Freeze the open plan and its costs under a name (never changes afterwards)",
    ),
    ActionSpec(
        "plan.compare",
        "Co&mpare…",
        "plan",
        "compare.show",
        None,
        "Compare two plans, or the plan with one of its baselines",
    ),
    ActionSpec(
        "plan.delete",
        "&Delete Plan…",
        "plan",
        "plans.delete_plan",
        None,
        "Delete the open plan (asks first)",
    ),
    ActionSpec(
        "plan.reprice",
        "Re&price from Catalogue…",
        "plan",
        "catalogue.reprice",
        None,
        "Preview, then take the catalogue's current prices into lines that copied older ones",
        separator_before=True,
    ),
    ActionSpec(
        "plan.settings",
        "Plan &Settings…",
        "plan",
        "plans.plan_settings",
        "Ctrl+,",
        "Currency, dates, contingency and capital view",
        separator_before=True,
    ),
    ActionSpec(
        "lines.add",
        "&Add Line",
        "lines",
        "editors.add_line",
        "Ctrl+Shift+N",
        "Add a line to this category",
        short="Add",
    ),
    ActionSpec(
        "lines.duplicate",
        "D&uplicate Lines",
        "lines",
        "editors.duplicate_lines",
        "Ctrl+D",
        "Copy the selected lines",
        short="Duplicate",
    ),
    ActionSpec(
        "lines.delete",
        "&Delete Lines",
        "lines",
        "editors.delete_lines",
        "Del",  # not Key.Delete: on KDE that adds Ctrl+D, which Duplicate owns
        "Delete the selected lines",
        short="Delete",
        editor_scope=True,
    ),
    ActionSpec(
        "lines.up",
        "Move U&p",
        "lines",
        "editors.move_up",
        "Ctrl+Shift+Up",
        "Move the selected lines up",
        short="Up",
        separator_before=True,
    ),
    ActionSpec(
        "lines.down",
        "Move Do&wn",
        "lines",
        "editors.move_down",
        "Ctrl+Shift+Down",
        "Move the selected lines down",
        short="Down",
    ),
    *_category_actions(),
    ActionSpec(
        "view.timeline",
        "&Timeline",
        "view",
        "schedule.toggle_timeline",
        "Ctrl+T",
        "Show the phases and lines on a timeline you can shape with the mouse",
        checkable=True,
        separator_before=True,
    ),
    ActionSpec(
        "view.charts",
        "&Charts",
        "view",
        "schedule.toggle_charts",
        "Ctrl+Shift+H",
        "Show the cumulative cost, cost by phase and category shares",
        checkable=True,
    ),
    ActionSpec(
        "view.risk",
        "&Risk",
        "view",
        "risk.toggle",
        "Ctrl+Shift+K",
        "Show the Monte Carlo percentiles of the subtotal and set the contingency from them",
        checkable=True,
    ),
    ActionSpec(
        "view.catalogue",
        "Price Catalo&gue…",
        "view",
        "catalogue.show_catalogue",
        None,
        "Search, edit and import the price book the lines copy their prices from",
        separator_before=True,
    ),
    ActionSpec(
        "view.variance",
        "&Budget vs Actual",
        "view",
        "variance.toggle",
        "Ctrl+Shift+B",
        "Show what was spent against the budget, by category and month, overspends marked",
        checkable=True,
    ),
    ActionSpec(
        "view.history",
        "Undo &History",
        "view",
        "toggle_history",
        "Ctrl+H",
        "Show every step that can be undone",
        checkable=True,
        separator_before=True,
    ),
    ActionSpec(
        "help.shortcuts",
        "&Keyboard Shortcuts",
        "help",
        "show_shortcuts",
        Key.HelpContents,
        "Every action and its keys",
    ),
    ActionSpec("help.about", "&About Budgetwright", "help", "show_about"),
)

LINE_ACTIONS = ("lines.add", "lines.duplicate", "lines.delete", "lines.up", "lines.down")


def _resolve(owner: object, handler: str) -> Callable[[], object]:
    path, _sep, argument = handler.partition(":")
    target = operator.attrgetter(path)(owner)
    if argument:
        return lambda: target(argument)
    return lambda: target()


def build_actions(
    owner: QObject, provided: Mapping[str, QAction], specs: tuple[ActionSpec, ...] = ACTIONS
) -> dict[str, QAction]:
    """A QAction per spec, connected to its handler on ``owner`` (or taken from ``provided``)."""
    actions: dict[str, QAction] = {}
    for spec in specs:
        action = provided.get(spec.id) or QAction(spec.title, owner)
        action.setObjectName(spec.id)
        if spec.id not in provided:
            action.setText(spec.title)
        if spec.shortcut is not None:
            if isinstance(spec.shortcut, Key):
                action.setShortcuts(spec.shortcut)
            else:
                action.setShortcut(QKeySequence(spec.shortcut))
        if spec.short:
            action.setIconText(spec.short)
        if spec.tip:
            action.setToolTip(spec.tip)
            action.setStatusTip(spec.tip)
        action.setCheckable(spec.checkable)
        if spec.editor_scope:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if spec.handler is not None:
            run = _resolve(owner, spec.handler)
            action.triggered.connect(lambda _checked=False, run=run: run())
        actions[spec.id] = action
    return actions


def build_menus(
    bar: QMenuBar, actions: Mapping[str, QAction], specs: tuple[ActionSpec, ...] = ACTIONS
) -> dict[str, QMenu]:
    menus = {key: bar.addMenu(title) for key, title in MENUS}
    for key, menu in menus.items():
        menu.setObjectName(f"menu-{key}")
    for spec in specs:
        menu = menus[spec.menu]
        if spec.separator_before:
            menu.addSeparator()
        menu.addAction(actions[spec.id])
    return menus


def shortcut_table(actions: Mapping[str, QAction], specs: tuple[ActionSpec, ...] = ACTIONS) -> str:
    """The generated list of actions and their keys (rich text)."""
    rows = []
    for spec in specs:
        keys = ", ".join(
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in actions[spec.id].shortcuts()
        )
        title = spec.title.replace("&", "").replace("…", "")
        rows.append(f"<tr><td>{escape(title)}</td><td>&nbsp;&nbsp;<b>{escape(keys)}</b></td></tr>")
    return f"<table>{''.join(rows)}</table>"
