"""The editor area: one editor per category (made the first time it is shown) and the
message bar saying why a value was refused.

The Lines menu acts on the editor shown here, so the window only forwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ui.find_bar import FindBar
from ui.context import AppContext
from ui.editors.category_editor import CategoryEditor
from ui.editors.registry import editor_class
from ui.message_bar import MessageBar


class EditorArea(QWidget):
    """The stack of category editors and what the Lines menu does to the shown one."""

    category_shown = Signal(str)
    """The editor of this category is now the one shown."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._line_actions: Sequence[QAction] = ()
        self.setObjectName("editor-area")
        self.messages = MessageBar()
        self._find_bar: FindBar | None = None  # made on first use (not at start-up)
        self.stack = CurrentPageStack()
        self.editors: dict[str, CategoryEditor] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.messages)
        layout.addWidget(self.stack, 1)
        self.category = ""
        ctx.bus.edit_refused.connect(self.messages.show_refusal)
        ctx.bus.save_failed.connect(self.messages.show_failure)
        ctx.bus.saved.connect(self.messages.dismiss)
        ctx.bus.plan_opened.connect(lambda _opened: self.messages.dismiss())

    def set_line_actions(self, actions: Sequence[QAction]) -> None:
        """The Lines actions every editor shows as buttons (given once, before any editor)."""
        self._line_actions = actions

    # ---- Editors

    def editor(self, category: str) -> CategoryEditor:
        """The category's editor, made on first use."""
        found = self.editors.get(category)
        if found is None:
            found = editor_class(category)(self._ctx, self._line_actions)
            state = self._ctx.settings.splitter(f"editor-{category}")
            if state is not None:
                found.splitter.restoreState(state)
            self.editors[category] = found
            self.stack.addWidget(found)
        return found

    def current(self) -> CategoryEditor | None:
        return self.editors.get(self.category)

    def show_category(self, category: str, section: str | None = None) -> CategoryEditor:
        editor = self.editor(category)
        self.stack.setCurrentWidget(editor)
        editor.show_section(section)
        if category != self.category:
            self.category = category
            self.category_shown.emit(category)
        return editor

    def show_category_by_action(self, category: str) -> None:
        editor = self.show_category(category)
        editor.table.setFocus()

    # ---- The Lines menu

    def add_line(self) -> int | None:
        editor = self.current()
        return editor.add_line() if editor else None

    def duplicate_lines(self) -> list[int]:
        editor = self.current()
        return editor.duplicate_selected() if editor else []

    def delete_lines(self) -> int:
        editor = self.current()
        return editor.delete_selected() if editor else 0

    def move_up(self) -> bool:
        editor = self.current()
        return editor.move_selected(-1) if editor else False

    def move_down(self) -> bool:
        editor = self.current()
        return editor.move_selected(+1) if editor else False

    def focus_filter(self) -> None:
        editor = self.current()
        if editor:
            editor.focus_filter()

    @property
    def find_bar(self) -> FindBar:
        """The search over every category, above the editors."""
        if self._find_bar is None:
            from ui.find_bar import FindBar  # (loaded on use, not at start-up)

            self._find_bar = FindBar(self._ctx)
            self._find_bar.chosen.connect(self.show_line)
            layout = self.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(1, self._find_bar)  # under the messages
        return self._find_bar

    def find_lines(self) -> None:
        """Search every category's lines (Find Lines)."""
        self.find_bar.open_bar()

    def show_line(self, category: str, line_id: int) -> None:
        """Show a line in its category's editor, selected, whatever narrowed the table."""
        editor = self.show_category(category)
        editor.filter_box.clear()
        editor.show_section(None)
        editor.select_lines([line_id])
        editor.table.setFocus()


class CurrentPageStack(QStackedWidget):
    """A stack as small as the page shown (not its largest page): an editor visited once
    (the time editor's phases, say) no longer keeps the timeline dock short."""

    def __init__(self) -> None:
        super().__init__()
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()
