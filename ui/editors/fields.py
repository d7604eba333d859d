"""One widget per kind of line field, for the detail form.

Each field shows a line's value, hands back what the planner entered, and says when
the planner is done with it (Enter, leaving the field, a pick, a tick); the form
then checks and stores the value.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app.domain.plan import Line
from app.services.estimates import HINTS
from app.services.line_columns import ColumnSpec, FieldKind
from app.services.line_fields import edit_text
from ui.editors.date_entry import DateEntry

Choices = list[tuple[str, Any]]


class Field(QObject):
    """A labelled input for one :class:`ColumnSpec` of a line."""

    committed = Signal()
    """The planner finished entering a value."""

    def __init__(self, column: ColumnSpec, widget: QWidget) -> None:
        super().__init__(widget)
        self.column = column
        self.widget = widget
        widget.setAccessibleName(column.title)
        if column.tip and column.tip != column.title:
            widget.setToolTip(column.tip)
            widget.setAccessibleDescription(column.tip)

    def show(self, line: Line, choices: Choices) -> None:
        raise NotImplementedError

    def value(self) -> object:
        raise NotImplementedError

    def pending(self) -> bool:
        """True while the widget holds an entry that is neither stored nor refused yet
        (typed, but the planner has not left the field or pressed Enter)."""
        return False


class TextField(Field):
    def __init__(self, column: ColumnSpec) -> None:
        edit = QLineEdit()
        if column.numeric:
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edit.setPlaceholderText(HINTS.get(column.field, ""))
        super().__init__(column, edit)
        self.edit = edit
        edit.editingFinished.connect(self._finished)
        self._shown = ""

    def _finished(self) -> None:
        if self.edit.text() != self._shown or self.edit.property("invalid"):
            self.committed.emit()

    def pending(self) -> bool:
        return self.edit.text() != self._shown and not self.edit.property("invalid")

    def show(self, line: Line, choices: Choices) -> None:
        self._shown = edit_text(line, self.column) if self.column.applies_to(line) else ""
        self.edit.setText(self._shown)
        self.edit.setCursorPosition(0)  # show the start of a long name

    def value(self) -> object:
        return self.edit.text()


class NotesField(Field):
    """Several lines of notes; stored when the planner leaves the box."""

    def __init__(self, column: ColumnSpec) -> None:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setMaximumHeight(72)
        super().__init__(column, edit)
        self.edit = edit
        self._shown = ""
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self.edit.toPlainText() != self._shown:
            self.committed.emit()
        return False

    def show(self, line: Line, choices: Choices) -> None:
        self._shown = line.notes
        if self.edit.toPlainText() != line.notes:
            self.edit.setPlainText(line.notes)

    def value(self) -> object:
        return self.edit.toPlainText()

    def pending(self) -> bool:
        return self.edit.toPlainText() != self._shown


class DateField(Field):
    """A date typed whole or picked; read when the planner is done with it."""

    def __init__(self, column: ColumnSpec) -> None:
        edit = DateEntry()
        super().__init__(column, edit)
        self.edit = edit
        self._shown = ""
        edit.editingFinished.connect(self._finished)
        edit.picked.connect(self._finished)

    def _finished(self) -> None:
        if self.edit.text() != self._shown or self.edit.property("invalid"):
            self.committed.emit()

    def pending(self) -> bool:
        return self.edit.text() != self._shown and not self.edit.property("invalid")

    def show(self, line: Line, choices: Choices) -> None:
        day: date = getattr(line, self.column.field)
        self._shown = day.isoformat()
        self.edit.setText(self._shown)

    def value(self) -> object:
        return self.edit.value()


class ChoiceField(Field):
    """A pick from a list; the catalogue's list can be searched by typing."""

    def __init__(self, column: ColumnSpec) -> None:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        super().__init__(column, combo)
        self.combo = combo
        self._choices: Choices = []
        self._values: list[Any] = []
        if column.kind is FieldKind.CATALOGUE:
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = QCompleter(combo.model(), combo)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            combo.setCompleter(completer)
            combo.lineEdit().setPlaceholderText("Type to search the catalogue")
        combo.activated.connect(lambda _row: self.committed.emit())

    def show(self, line: Line, choices: Choices) -> None:
        if choices != self._choices:
            # the labels in one call (the catalogue has some 200); values stay here
            self.combo.clear()
            self.combo.addItems([label for label, _value in choices])
            self._choices = choices
            self._values = [value for _label, value in choices]
            if self.column.kind is FieldKind.CATALOGUE:
                widen_popup(self.combo)
        current = _current(line, self.column)
        self.combo.setCurrentIndex(self._values.index(current) if current in self._values else 0)
        if self.combo.isEditable():
            self.combo.lineEdit().setCursorPosition(0)

    def value(self) -> object:
        if self.combo.isEditable():
            row = self.combo.findText(self.combo.currentText())
            return self._values[row] if row >= 0 else self.combo.currentText()
        row = self.combo.currentIndex()
        return self._values[row] if row >= 0 else None


class FlagField(Field):
    def __init__(self, column: ColumnSpec) -> None:
        box = QCheckBox("Follow the phase")
        super().__init__(column, box)
        self.box = box
        box.clicked.connect(lambda _checked: self.committed.emit())

    def show(self, line: Line, choices: Choices) -> None:
        self.box.setChecked(line.dates_from_phase)

    def value(self) -> object:
        return self.box.isChecked()


def widen_popup(combo: QComboBox) -> None:
    """Make the combo's list (and its search's) wide enough to read every name whole."""
    metrics = combo.fontMetrics()
    names = [combo.itemText(row) for row in range(combo.count())]
    widest = max((metrics.horizontalAdvance(name) for name in names), default=0)
    screen = combo.screen().availableGeometry().width() if combo.screen() else 1600
    width = min(widest + 48, screen - 40)  # the scroll bar, the frame
    combo.view().setMinimumWidth(width)
    completer = combo.completer()
    if completer is not None:
        completer.popup().setMinimumWidth(width)


def _current(line: Line, column: ColumnSpec) -> object:
    if column.kind is FieldKind.ITEM:
        return f"{line.section}/{line.item}"
    if column.kind is FieldKind.MODEL:
        return str(line.cost_model)
    if column.kind is FieldKind.PHASE:
        return line.phase_id
    if column.kind is FieldKind.CATALOGUE:
        return line.catalogue_ref or ""
    if column.kind is FieldKind.CURRENCY:
        return line.currency  # None: the first choice, the plan's own
    return line.drivers.get(column.driver)


def make_field(column: ColumnSpec) -> Field:
    kind = column.kind
    if kind is FieldKind.DATE:
        return DateField(column)
    if kind is FieldKind.FLAG:
        return FlagField(column)
    if kind in (
        FieldKind.ITEM,
        FieldKind.MODEL,
        FieldKind.PERIOD,
        FieldKind.PHASE,
        FieldKind.CATALOGUE,
        FieldKind.CURRENCY,
    ):
        return ChoiceField(column)
    if column.field == "notes":
        return NotesField(column)
    return TextField(column)
