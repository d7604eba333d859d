"""Cell editors for the line tables: text, amounts, dates, choices and catalogue picks.

A typed value is checked before the editor lets go: on Enter or Tab a refused value
keeps the editor open, marked, and the reason is announced (the category editor
shows it beside the table). Leaving by clicking elsewhere still goes through the
same rules in the model, so nothing invalid is ever stored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.services.estimates import HINTS
from app.services.line_columns import ColumnSpec
from ui.editors.date_entry import DateEntry
from ui.editors.fields import widen_popup
from ui.editors.line_model import CHOICES_ROLE, COLUMN_ROLE
from ui.theme import mark_invalid

Index = QModelIndex | QPersistentModelIndex
Checker = Callable[[QModelIndex, object], "str | None"]
COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


def _column(index: Index) -> ColumnSpec | None:
    column = index.data(COLUMN_ROLE)
    return column if isinstance(column, ColumnSpec) else None


class CheckedDelegate(QStyledItemDelegate):
    """Base: keeps the editor open on Enter/Tab while its value would be refused."""

    refused = Signal(str)
    """A value was refused where it was typed; the sentence says why."""

    def __init__(self, check: Checker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._check = check
        self._indexes: dict[int, QPersistentModelIndex] = {}

    def value(self, editor: QWidget) -> object:
        raise NotImplementedError

    def _remember(self, editor: QWidget, index: Index) -> QWidget:
        self._indexes[id(editor)] = QPersistentModelIndex(index)
        column = _column(index)
        editor.setAccessibleName(column.title if column else "Cell")
        return editor

    def destroyEditor(self, editor: QWidget, index: Index) -> None:
        self._indexes.pop(id(editor), None)
        super().destroyEditor(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        model.setData(index, self.value(editor), Qt.ItemDataRole.EditRole)

    def _commit(self, editor: QWidget) -> None:
        """Store the editor's value now (a pick), unless it would be refused."""
        index = self._indexes.get(id(editor))
        if index is not None and index.isValid():
            message = self._check(QModelIndex(index), self.value(editor))
            if message is not None:
                mark_invalid(editor, True)
                self.refused.emit(message)
                return
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.FocusOut
            and isinstance(watched, QWidget)
            and not watched.isVisible()
        ):
            # The view is dropping this editor (its row was filtered out or deleted).
            # Qt removes only its default delegate's filter, so a column delegate still
            # sees the focus leave; committing now would go to a row that is gone.
            return False
        if (
            isinstance(watched, QWidget)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in COMMIT_KEYS
        ):
            index = self._indexes.get(id(watched))
            if index is not None and index.isValid():
                message = self._check(QModelIndex(index), self.value(watched))
                mark_invalid(watched, message is not None)
                if message is not None:
                    self.refused.emit(message)
                    return True
        return super().eventFilter(watched, event)


class TextDelegate(CheckedDelegate):
    """Names and other free text; also numbers and money, right-aligned."""

    def __init__(
        self, check: Checker, numeric: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(check, parent)
        self._numeric = numeric

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if self._numeric:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        column = _column(index)
        if column is not None:
            editor.setPlaceholderText(HINTS.get(column.field, ""))
        return self._remember(editor, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setText("" if value is None else str(value))
        editor.selectAll()

    def value(self, editor: QWidget) -> object:
        assert isinstance(editor, QLineEdit)
        return editor.text()


class AmountDelegate(TextDelegate):
    """Quantities, rates and prices: typed as text and read exactly (no float on the way)."""

    def __init__(self, check: Checker, parent: QObject | None = None) -> None:
        super().__init__(check, numeric=True, parent=parent)


class DateDelegate(CheckedDelegate):
    """Start and end dates: typed whole (ISO or the locale's form) or picked in a calendar."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = DateEntry(parent)
        editor.setFrame(False)
        editor.picked.connect(lambda: self._commit(editor))
        return self._remember(editor, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, DateEntry)
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(value, date):
            editor.set_date(value)
        editor.selectAll()

    def value(self, editor: QWidget) -> object:
        assert isinstance(editor, DateEntry)
        return editor.value()


class ChoiceDelegate(CheckedDelegate):
    """A pick from a short list (item, cost model, period, phase): stored when picked."""

    editable = False

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QComboBox(parent)
        editor.setEditable(self.editable)
        choices: list[tuple[str, Any]] = index.data(CHOICES_ROLE) or []
        for label, value in choices:
            editor.addItem(label, value)
        self._decorate(editor, index)
        editor.activated.connect(lambda _row: self._commit(editor))
        return self._remember(editor, index)

    def _decorate(self, editor: QComboBox, index: Index) -> None:
        """Per-item extras (the catalogue adds sources as tooltips)."""

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        current = index.data(Qt.ItemDataRole.EditRole)
        row = editor.findData(current)
        editor.setCurrentIndex(max(row, 0))

    def value(self, editor: QWidget) -> object:
        assert isinstance(editor, QComboBox)
        row = editor.currentIndex()
        if self.editable:
            row = editor.findText(editor.currentText())
            if row < 0:
                return editor.currentText()
        return editor.itemData(row) if row >= 0 else None


class CatalogueDelegate(ChoiceDelegate):
    """A catalogue price, searched by any part of its name; picking fills the rate."""

    editable = True

    def __init__(
        self, check: Checker, sources: Callable[[str], str], parent: QObject | None = None
    ) -> None:
        super().__init__(check, parent)
        self._sources = sources

    def _decorate(self, editor: QComboBox, index: Index) -> None:
        editor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = QCompleter(editor.model(), editor)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        editor.setCompleter(completer)
        for row in range(editor.count()):
            key = editor.itemData(row)
            if key:
                editor.setItemData(row, self._sources(str(key)), Qt.ItemDataRole.ToolTipRole)
        editor.lineEdit().setPlaceholderText("Type to search the catalogue")
        widen_popup(editor)
