"""The Timeline and Charts docks, built the first time they are shown, and their wiring.

Nothing is built before the window's first paint unless the planner left a dock open
last time. Once built, the timeline and the category editors share one selection:
a bar selected selects the line in its editor and the other way round, and an
editor's filter hides the lines it hides from the timeline too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from ui.context import AppContext
from ui.editor_area import EditorArea
from ui.editors.category_editor import CategoryEditor

if TYPE_CHECKING:
    from ui.charts.pane import ChartsPane
    from ui.timeline.pane import TimelinePane


WIDE = 1280
"""Below this window width the charts dock opens at the bottom, not as a fourth column."""


class LazyDock(QDockWidget):
    """A dock whose content is made by ``build`` when the dock is first shown."""

    def __init__(
        self, title: str, name: str, build: Callable[[], QWidget], parent: QWidget
    ) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        self._build = build
        self.content: QWidget | None = None
        self.setWidget(QWidget())
        self.visibilityChanged.connect(self._on_visibility_changed)

    def ensure_built(self) -> QWidget:
        if self.content is None:
            self.content = self._build()
            self.setWidget(self.content)
        return self.content

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.ensure_built()


class ScheduleDocks(QObject):
    """Timeline (bottom) and Charts (right) docks of the main window."""

    def __init__(self, window: QMainWindow, ctx: AppContext, editors: EditorArea) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._editors = editors
        self._watched: set[str] = set()
        self._watching = False
        self.month: int | None = None
        """The month a chart click filters every category editor (and the timeline) to."""
        self.timeline_dock = LazyDock("Timeline", "timeline-dock", self._make_timeline, window)
        self.charts_dock = LazyDock("Charts", "charts-dock", self._make_charts, window)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.timeline_dock)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.charts_dock)
        self.timeline_dock.hide()
        self.charts_dock.hide()
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(0)
        self._filter_timer.timeout.connect(self._apply_filters)

    def connect_actions(self, actions: Mapping[str, QAction]) -> None:
        self.timeline_dock.visibilityChanged.connect(actions["view.timeline"].setChecked)
        self.charts_dock.visibilityChanged.connect(actions["view.charts"].setChecked)

    def toggle_timeline(self) -> None:
        if self.timeline_dock.isVisible():
            self.timeline_dock.hide()
        else:
            self.show_timeline()

    def toggle_charts(self) -> None:
        if self.charts_dock.isVisible():
            self.charts_dock.hide()
        else:
            self.show_charts()

    def show_timeline(self) -> None:
        """Show the timeline (the first time, a good part of the window's height)."""
        window = self._window
        self._show(self.timeline_dock, max(320, window.height() * 2 // 5), Qt.Orientation.Vertical)

    def show_charts(self) -> None:
        """Show the charts: beside the summary in a wide window; in a narrow one (where a
        fourth column would squeeze the navigator and the editor), beside the timeline."""
        dock, window = self.charts_dock, self._window
        if dock.content is None and window.width() < WIDE:
            window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            if self.timeline_dock.isVisible() and not self.timeline_dock.isFloating():
                window.splitDockWidget(self.timeline_dock, dock, Qt.Orientation.Horizontal)
            self._show(dock, window.width() * 2 // 5, Qt.Orientation.Horizontal)
            return
        self._show(dock, 420, Qt.Orientation.Horizontal)

    def _show(self, dock: LazyDock, size: int, orientation: Qt.Orientation) -> None:
        first = dock.content is None
        dock.show()
        dock.raise_()
        if first:
            window = self._window
            QTimer.singleShot(0, lambda: window.resizeDocks([dock], [size], orientation))

    # ---- Building

    def timeline(self) -> TimelinePane:
        from ui.timeline.pane import TimelinePane

        pane = self.timeline_dock.ensure_built()
        assert isinstance(pane, TimelinePane)
        return pane

    def charts(self) -> ChartsPane:
        from ui.charts.pane import ChartsPane

        pane = self.charts_dock.ensure_built()
        assert isinstance(pane, ChartsPane)
        return pane

    def _make_timeline(self) -> QWidget:
        from ui.timeline.pane import TimelinePane

        pane = TimelinePane(self._ctx)
        pane.view.line_selected.connect(self._on_timeline_line_selected)
        pane.view.line_activated.connect(self._on_timeline_line_activated)
        self._watch_editors()
        QTimer.singleShot(0, self._apply_filters)
        return pane

    def _make_charts(self) -> QWidget:
        from ui.charts.pane import ChartsPane

        pane = ChartsPane(self._ctx)
        pane.category_clicked.connect(self._show_category)
        pane.month_clicked.connect(self._on_charts_month_clicked)
        self._watch_editors()
        return pane

    # ---- One selection, one filter

    def _watch_editors(self) -> None:
        """Follow every category editor's selection and filter (once, whichever dock is first)."""
        if self._watching:
            return
        self._watching = True
        self._editors.category_shown.connect(self._watch)
        for category in list(self._editors.editors):
            self._watch(category)

    def _watch(self, category: str) -> None:
        if category in self._watched:
            return
        self._watched.add(category)
        editor = self._editors.editor(category)
        editor.table.selectionModel().currentRowChanged.connect(
            lambda _current, _previous, e=editor: self._on_editor_current_changed(e)
        )
        editor.month_filter_changed.connect(self._on_editor_month_filter_changed)
        editor.set_month(self.month)
        for signal in (
            editor.proxy.layoutChanged,
            editor.proxy.rowsInserted,
            editor.proxy.rowsRemoved,
            editor.proxy.modelReset,
        ):
            signal.connect(lambda *_args: self._filter_timer.start())

    def _on_editor_current_changed(self, editor: CategoryEditor) -> None:
        line = editor.current_line()
        if line is not None and line.id is not None and self.timeline_dock.content is not None:
            self.timeline().view.select_line(line.id)

    def _apply_filters(self) -> None:
        if self.timeline_dock.content is None:
            return
        hidden: set[int] = set()
        for editor in self._editors.editors.values():
            proxy = editor.proxy
            if not proxy.text and proxy.section is None and proxy.month is None:
                continue
            shown = {
                editor.model.line(proxy.mapToSource(proxy.index(r, 0)).row()).id
                for r in range(proxy.rowCount())
            }
            hidden.update(
                line.id
                for line in self._ctx.category_lines(editor.category)
                if line.id is not None and line.id not in shown
            )
        self.timeline().view.set_hidden(hidden)

    def _select_in_editor(self, line_id: int) -> CategoryEditor | None:
        line = self._ctx.lines.get(line_id)
        if line is None:
            return None
        editor = self._editors.show_category(line.category)
        editor.select_lines([line_id])
        return editor

    def _on_timeline_line_selected(self, line_id: int) -> None:
        self._select_in_editor(line_id)

    def _on_timeline_line_activated(self, line_id: int) -> None:
        editor = self._select_in_editor(line_id)
        if editor is not None:
            editor.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_category(self, category: str) -> None:
        self._editors.show_category(category)

    def _on_charts_month_clicked(self, month: int) -> None:
        """Filter every category editor (so the timeline too) to the month's lines."""
        from datetime import date

        self._set_month(month)
        if self.timeline_dock.content is not None:
            self.timeline().view.scroll_to_day(date(month // 12, month % 12 + 1, 1))

    def _on_editor_month_filter_changed(self, month: object) -> None:
        self._set_month(month if isinstance(month, int) else None)

    def _set_month(self, month: int | None) -> None:
        """One month filter for all editors: set in one (or cleared by its chip), set in all."""
        if month == self.month:
            return
        self.month = month
        for category in self._watched:
            self._editors.editor(category).set_month(month)
        self._filter_timer.start()
