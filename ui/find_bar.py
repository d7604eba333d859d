"""Find lines in every category: a search box over the whole plan, each match shown
with its category and section; choosing one shows it in its editor, selected.

The category editors' own filter boxes narrow one table; this finds across all of
them (a planner looking for "H100" need not know it was filed under Computing).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.services.line_fields import counted
from ui.context import AppContext
from ui.editors.line_model import search_text
from ui.theme import set_role

MAX_SHOWN = 200
LINE_ROLE = Qt.ItemDataRole.UserRole + 1


class FindBar(QWidget):
    """A search over every line of the plan; hidden until Find Lines asks for it."""

    chosen = Signal(str, int)
    """The planner chose a match: ``(category, line id)``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("find-bar")
        self.box = QLineEdit()
        self.box.setPlaceholderText("Find lines in every category: name, vendor, notes, item")
        self.box.setClearButtonEnabled(True)
        self.box.setAccessibleName("Find lines in every category")
        self.count = QLabel()
        set_role(self.count, "hint")
        close = QToolButton()
        close.setText("Close")
        close.setAutoRaise(True)
        close.setAccessibleName("Close the search")
        close.clicked.connect(self.close_bar)
        self.results = QListWidget()
        self.results.setAccessibleName("Lines found")
        self.results.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.box, 1)
        top.addWidget(self.count)
        top.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.results)
        self.box.textChanged.connect(lambda _text: self.refresh())
        self.box.returnPressed.connect(self._choose_first)
        self.box.installEventFilter(self)
        self.results.installEventFilter(self)
        self.results.itemActivated.connect(self._choose)
        self.results.itemClicked.connect(self._choose)
        ctx.bus.lines_changed.connect(lambda _changed, _removed: self._refresh_if_shown())
        ctx.bus.plan_opened.connect(lambda _opened: self._refresh_if_shown())
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()
        self.refresh()

    def close_bar(self) -> None:
        self.hide()

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """The matches of what is typed (every word, in any order), in plan order."""
        words = self.box.text().lower().split()
        self.results.clear()
        if not words or self._ctx.plan is None:
            self.results.hide()
            self.count.clear()
            return
        taxonomy = self._ctx.taxonomy
        found = [
            line
            for line in self._ctx.plan_lines()
            if all(word in search_text(self._ctx, line) for word in words)
        ]
        for line in found[:MAX_SHOWN]:
            where = (
                f"{taxonomy.label(line.category)} › {taxonomy.label(line.category, line.section)}"
            )
            item = QListWidgetItem(f"{line.name}    ({where})")
            item.setData(LINE_ROLE, (line.category, line.id))
            item.setToolTip(where)
            self.results.addItem(item)
        self.count.setText(counted(len(found), "line"))
        self.results.setVisible(bool(found))
        shown = min(len(found), 8)  # as tall as its rows, up to eight
        rows = self.results.sizeHintForRow(0) * shown if shown else 0
        self.results.setFixedHeight(rows + 2 * self.results.frameWidth() + 4)
        if found:
            self.results.setCurrentRow(0)

    def _choose_first(self) -> None:
        item = self.results.currentItem() or self.results.item(0)
        if item is not None:
            self._choose(item)

    def _choose(self, item: QListWidgetItem) -> None:
        category, line_id = item.data(LINE_ROLE)
        self.chosen.emit(category, line_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if watched is self.box and event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus()
                return True
        return super().eventFilter(watched, event)
