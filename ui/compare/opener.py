"""Plan → Compare: one compare view per window, made when first asked for; a line
double-clicked in it opens in its category's editor."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow

from ui.context import AppContext
from ui.editor_area import EditorArea

if TYPE_CHECKING:
    from ui.compare.view import CompareView


class CompareOpener(QObject):
    """Shows the compare view and opens its lines in the window's editors."""

    def __init__(self, window: QMainWindow, ctx: AppContext, editors: EditorArea) -> None:
        super().__init__(window)
        self._window = window
        self._ctx = ctx
        self._editors = editors
        self.view: CompareView | None = None

    def show(self) -> CompareView:
        """Show the view (again: with the plans and baselines as they are now)."""
        from ui.compare.view import CompareView

        if self.view is None:
            self.view = CompareView(self._ctx, self._window)
            self.view.line_activated.connect(self.open_line)
        else:
            self.view.fill_choices()
            self.view.refresh()
        self.view.show()
        self.view.raise_()
        return self.view

    def open_line(self, line_id: int) -> None:
        line = self._ctx.lines.get(line_id)
        if line is None:
            return
        editor = self._editors.show_category(line.category)
        editor.select_lines([line_id])
        self._window.activateWindow()
        editor.table.setFocus(Qt.FocusReason.OtherFocusReason)
