"""A category's lines as a table: a thin adapter over frozen Line values.

The model holds the category's lines in plan order and nothing else; text comes
from :mod:`app.services.line_fields`, amounts from the open plan's budget, and an
edit goes to the context as a command. The change bus tells it which rows changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.domain.cost_models import DRIVERS, LABELS
from app.domain.errors import InvalidValue
from app.domain.plan import CostModel, Line
from app.services.line_columns import ColumnSpec, FieldKind
from app.services.line_fields import (
    catalogue_choices,
    currency_choices,
    display_text,
    edit_text,
)
from ui.context import AppContext
from ui.editors.estimate_entry import estimate_value
from ui.theme import muted_colour

Index = QModelIndex | QPersistentModelIndex
ROLE = Qt.ItemDataRole
CHOICES_ROLE = ROLE.UserRole + 1
"""A list of ``(label, value)`` the cell may take (choices and catalogue picks)."""
LINE_ID_ROLE = ROLE.UserRole + 2
COLUMN_ROLE = ROLE.UserRole + 3
"""The cell's :class:`ColumnSpec`."""
_HANDLED = frozenset(
    {
        ROLE.DisplayRole,
        ROLE.EditRole,
        ROLE.TextAlignmentRole,
        ROLE.CheckStateRole,
        ROLE.ToolTipRole,
        ROLE.FontRole,
        ROLE.ForegroundRole,
        ROLE.AccessibleTextRole,
        CHOICES_ROLE,
        LINE_ID_ROLE,
        COLUMN_ROLE,
    }
)


def search_text(ctx: AppContext, line: Line) -> str:
    """What a search matches: name, vendor, notes, item and catalogue price (lower case)."""
    edit = ctx.edit_context()
    entry = edit.catalogue.get(line.catalogue_ref or "")
    item = edit.taxonomy.label(line.category, line.section, line.item)
    return " ".join((line.name, line.vendor, line.notes, item, entry.name if entry else "")).lower()


class LineTableModel(QAbstractTableModel):
    """One row per line of a category, one column per :class:`ColumnSpec`."""

    def __init__(self, ctx: AppContext, category: str, columns: tuple[ColumnSpec, ...]) -> None:
        super().__init__()
        self._ctx = ctx
        self.category = category
        self.columns = columns
        self._rows: list[Line] = []
        self._row_of: dict[int, int] = {}
        self._italic: QFont | None = None
        self._texts: dict[int | None, list[str | None]] = {}
        self._alignments = [_alignment(c) for c in columns]

    # ---- Reading

    def line(self, row: int) -> Line:
        return self._rows[row]

    def row_of(self, line_id: int) -> int | None:
        return self._row_of.get(line_id)

    def lines(self) -> tuple[Line, ...]:
        return tuple(self._rows)

    def costs_in(self, row: int, month: int) -> bool:
        """Whether the row's line costs something in ``month`` (the engine's cells)."""
        budget, line = self._ctx.budget, self._rows[row]
        if budget is None or line.id is None:
            return False
        cost = budget.cells.get(line.id)
        return cost is not None and cost.amount(month) != 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = ROLE.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == ROLE.DisplayRole else None
        if not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == ROLE.DisplayRole:
            plan = self._ctx.plan
            if column.kind is FieldKind.TOTAL and plan is not None:
                return f"{column.title} ({plan.currency})"
            if column.kind is FieldKind.MONEY and plan is not None:
                # with other currencies, a price in one shows its code in the cell
                return column.title if plan.fx_rates else f"{column.title} ({plan.currency})"
            return column.title
        if role == ROLE.ToolTipRole:
            return column.tip or column.title
        if role == ROLE.TextAlignmentRole:
            return _alignment(column)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        line = self._rows[index.row()]
        if not column.editable or not column.applies_to(line):
            return base
        if column.kind is FieldKind.FLAG:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = ROLE.DisplayRole) -> Any:
        # Called for every visible cell and role on each repaint: unhandled roles leave
        # first, alignments are precomputed, and display texts are cached per line.
        if role not in _HANDLED or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if not 0 <= row < len(self._rows):
            return None
        if role == ROLE.DisplayRole:
            return self._text(row, col)
        if role == ROLE.TextAlignmentRole:
            return self._alignments[col]
        line = self._rows[row]
        column = self.columns[col]
        if role in (ROLE.FontRole, ROLE.ForegroundRole):
            if not _follows_phase(line, column):
                return None
            return self._italic_font() if role == ROLE.FontRole else muted_colour()
        if role == ROLE.CheckStateRole:
            if column.kind is not FieldKind.FLAG:
                return None
            return Qt.CheckState.Checked if line.dates_from_phase else Qt.CheckState.Unchecked
        if role == ROLE.EditRole:
            return self._edit_value(line, column)
        if role == ROLE.ToolTipRole:
            return self._tooltip(line, column)
        if role == ROLE.AccessibleTextRole:
            return f"{column.title}: {self._text(row, col) or 'blank'}"
        if role == CHOICES_ROLE:
            return self.choices(line, column)
        if role == LINE_ID_ROLE:
            return line.id
        return column  # COLUMN_ROLE

    def _text(self, row: int, col: int) -> str | None:
        line = self._rows[row]
        texts = self._texts.get(line.id)
        if texts is None:
            texts = self._texts[line.id] = [None] * len(self.columns)
        text = texts[col]
        if text is None:
            column = self.columns[col]
            if column.kind is FieldKind.FLAG:
                return None
            text = display_text(line, column, self._ctx.edit_context(), self._total(line))
            texts[col] = text
        return text

    def sort_key(self, row: int, column_index: int) -> tuple[int, Any]:
        """A Python sort key for the cell: numbers as numbers, blanks last."""
        line = self._rows[row]
        column = self.columns[column_index]
        if not column.applies_to(line):
            return (1, "")
        if column.kind is FieldKind.TOTAL:
            return (0, self._total(line) or 0)
        if column.field == "driver" and column.kind is not FieldKind.PERIOD:
            return (0, Decimal(line.drivers[column.driver]))
        if column.kind is FieldKind.DATE:
            return (0, getattr(line, column.field))
        return (0, display_text(line, column, self._ctx.edit_context()).lower())

    def search_text(self, row: int) -> str:
        """What the filter box searches: name, vendor, notes, item and catalogue price."""
        return search_text(self._ctx, self._rows[row])

    def choices(self, line: Line, column: ColumnSpec) -> list[tuple[str, Any]]:
        return line_choices(self._ctx, line, column)

    # ---- Editing

    def setData(self, index: Index, value: Any, role: int = ROLE.EditRole) -> bool:
        if not index.isValid() or not (
            self.flags(index) & (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
        ):
            return False
        line = self._rows[index.row()]
        column = self.columns[index.column()]
        if role == ROLE.CheckStateRole and column.kind is FieldKind.FLAG:
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != ROLE.EditRole:
            return False
        try:
            value = estimate_value(self._ctx, line, column, value)
        except InvalidValue as exc:
            self._ctx.refuse(exc)
            return False
        return self._ctx.edit_line(line, column, value)

    # ---- Keeping up with the plan

    def reset(self, lines: Iterable[Line]) -> None:
        self.beginResetModel()
        self._texts.clear()
        self._rows = sorted(lines, key=_order)
        self._reindex()
        self.endResetModel()

    def apply(self, changed: Iterable[Line], removed: Iterable[int]) -> None:
        """Take a change set's lines: rows updated, inserted, removed and reordered."""
        removed = list(removed)
        for line_id in removed:
            self._texts.pop(line_id, None)
        gone = sorted((self._row_of[i] for i in removed if i in self._row_of), reverse=True)
        for row in gone:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self._reindex()
            self.endRemoveRows()
        reorder = False
        for line in changed:
            assert line.id is not None
            row = self._row_of.get(line.id)
            if line.category != self.category:
                if row is not None:
                    self.beginRemoveRows(QModelIndex(), row, row)
                    del self._rows[row]
                    self._reindex()
                    self.endRemoveRows()
                continue
            if row is None:
                row = _insertion_row(self._rows, line)
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.insert(row, line)
                self._reindex()
                self.endInsertRows()
                continue
            reorder |= self._rows[row].position != line.position
            self._rows[row] = line
            self._texts.pop(line.id, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        if reorder:
            self._sort_rows()

    def refresh_all(self) -> None:
        """Every cell again (the plan's currency or capex view changed every total)."""
        self._texts.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1)
            )

    def _sort_rows(self) -> None:
        self.layoutAboutToBeChanged.emit()
        old_ids = [line.id for line in self._rows]
        self._rows.sort(key=_order)
        self._reindex()
        persistent = self.persistentIndexList()
        moved = [self.index(self._row_of[old_ids[p.row()]], p.column()) for p in persistent]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _reindex(self) -> None:
        self._row_of = {line.id: row for row, line in enumerate(self._rows) if line.id is not None}

    # ---- Helpers

    def _total(self, line: Line) -> int | None:
        budget = self._ctx.budget
        if budget is None or line.id is None or line.id not in budget.cells:
            return None
        return budget.line_total(line.id)

    def _edit_value(self, line: Line, column: ColumnSpec) -> Any:
        kind = column.kind
        if kind is FieldKind.ITEM:
            return f"{line.section}/{line.item}"
        if kind is FieldKind.MODEL:
            return CostModel(line.cost_model).value
        if kind is FieldKind.PHASE:
            return line.phase_id
        if kind is FieldKind.CATALOGUE:
            return line.catalogue_ref or ""
        if kind is FieldKind.CURRENCY:
            plan = self._ctx.plan
            return line.currency or (plan.currency if plan is not None else "")
        if kind is FieldKind.DATE:
            return getattr(line, column.field)
        return edit_text(line, column)

    def _tooltip(self, line: Line, column: ColumnSpec) -> str | None:
        ctx = self._ctx.edit_context()
        if column.kind is FieldKind.CATALOGUE:
            entry = ctx.catalogue.get(line.catalogue_ref or "")
            if entry is not None:
                doubt = "\nUncertain: check before relying on it." if entry.uncertain else ""
                return (
                    f"{entry.name}\n{entry.currency} {entry.price} per {entry.unit}, "
                    f"as of {line.catalogue_as_of or entry.as_of}\nSource: {entry.source}{doubt}"
                )
        if _follows_phase(line, column):
            phase = ctx.phases.get(line.phase_id) if line.phase_id is not None else None
            return f"From the phase {phase.name!r}: moves when the phase moves" if phase else None
        if column.field == "name":
            budget = self._ctx.budget
            if budget is not None and line.id in budget.flagged:
                return f"{line.name}\nRuns outside the plan's dates; its cost still counts."
            return line.name
        if not column.applies_to(line):
            model = LABELS[CostModel(line.cost_model)]
            drivers = ", ".join(s.label for s in DRIVERS[CostModel(line.cost_model)])
            return f"Not used by a {model} line ({drivers})"
        return column.tip or None

    def _italic_font(self) -> QFont:
        if self._italic is None:
            self._italic = QFont()
            self._italic.setItalic(True)
        return self._italic


def _order(line: Line) -> tuple[int, int]:
    return (line.position, line.id or 0)


def _insertion_row(rows: list[Line], line: Line) -> int:
    key = _order(line)
    for row, other in enumerate(rows):
        if _order(other) > key:
            return row
    return len(rows)


def _follows_phase(line: Line, column: ColumnSpec) -> bool:
    return line.dates_from_phase and column.kind is FieldKind.DATE


def _alignment(column: ColumnSpec) -> Qt.AlignmentFlag:
    horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter


def line_choices(ctx: AppContext, line: Line, column: ColumnSpec) -> list[tuple[str, Any]]:
    """The values a choice or catalogue field offers, as ``(label, value)``."""
    kind = column.kind
    if kind is FieldKind.PERIOD:
        return [("Monthly", "month"), ("Yearly", "year")]
    if kind is FieldKind.MODEL:
        return [(LABELS[m], m.value) for m in CostModel]
    if kind is FieldKind.ITEM:
        category = ctx.taxonomy.category(line.category)
        return [
            (f"{s.label} › {i.label}", f"{s.key}/{i.key}")
            for s in category.sections
            for i in s.items
        ]
    if kind is FieldKind.PHASE:
        return [("(no phase)", None)] + [(p.name, p.id) for p in ctx.phases.values()]
    if kind is FieldKind.CURRENCY:
        return list(currency_choices(ctx.plan)) if ctx.plan is not None else []
    if kind is FieldKind.CATALOGUE:
        entries = catalogue_choices(line, ctx.catalogue)
        return [("(no catalogue price)", "")] + [(e.name, e.key) for e in entries]
    return []
