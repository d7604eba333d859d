"""Thin table models over the catalogue's entries and over a reprice preview."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from app.domain.money import grouped
from app.domain.plan import CatalogueEntry
from app.domain.price_book import is_stale, months_old
from app.services.reprice import PriceChange, RepricePreview
from ui.theme import error_colour

Index = QModelIndex | QPersistentModelIndex
Role = Qt.ItemDataRole
ENTRY_ROLE = Role.UserRole + 1
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CatalogueModel(QAbstractTableModel):
    """The current price book's entries, one a row; the entries stay the context's."""

    COLUMNS = ("Name", "Kind", "Price", "Currency", "Unit", "As of", "Key")

    def __init__(self, stale_months: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[CatalogueEntry] = []
        self.stale_months = stale_months
        self.today = date.today()

    def reset(self, entries: Sequence[CatalogueEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> CatalogueEntry:
        return self._entries[row]

    def row_of(self, key: str) -> int:
        return next((r for r, e in enumerate(self._entries) if e.key == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return self.COLUMNS[section] if 0 <= section < len(self.COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = index.column()
        if role == ENTRY_ROLE:
            return entry
        stale = is_stale(entry.as_of, self.today, self.stale_months)
        if role in (Role.DisplayRole, Role.AccessibleTextRole):
            values = (
                entry.name,
                entry.kind.replace("_", " "),
                entry.price,
                entry.currency,
                entry.unit,
                f"{entry.as_of} (stale)" if stale else str(entry.as_of),
                entry.key,
            )
            return values[column]
        if role == Role.ToolTipRole:
            tip = f"{entry.name}\nSource: {entry.source}"
            if stale:
                tip += f"\nStale: {months_old(entry.as_of, self.today)} months old"
            if entry.uncertain:
                tip += "\nUncertain: " + entry.specs.get("uncertain_reason", "an estimate")
            return tip
        if role == Role.TextAlignmentRole and column == 2:
            return RIGHT
        if role == Role.ForegroundRole and column == 5 and stale:
            return error_colour()
        return None


class CatalogueFilter(QSortFilterProxyModel):
    """Entries whose name, key or source holds the search text, of the chosen kind."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.kind = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_kind(self, kind: str) -> None:
        self.beginFilterChange()
        self.kind = kind
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CatalogueModel)
        entry = model.entry(source_row)
        if self.kind and entry.kind != self.kind:
            return False
        if not self.text:
            return True
        return any(self.text in s.casefold() for s in (entry.name, entry.key, entry.source))


class RepriceModel(QAbstractTableModel):
    """A reprice preview: each line's old and new price and totals."""

    COLUMNS = (
        "Line",
        "Catalogue key",
        "Copied price",
        "Price now",
        "Total before",
        "Total after",
        "Change",
    )

    def __init__(self, found: RepricePreview, digits: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.found = found
        self.digits = digits

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.found.changes)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            return self.COLUMNS[section] if 0 <= section < len(self.COLUMNS) else None
        return None

    def money(self, amount: int | None) -> str:
        if amount is None:
            return "–"
        return grouped(amount, self.digits)

    def _values(self, c: PriceChange) -> tuple[str, ...]:
        was = f"{c.old_price} {c.old_currency} ({c.old_as_of or 'no date'})"
        now = f"{c.new_price} {c.new_currency} ({c.new_as_of})"
        change = self.money(c.line_change) if c.repriceable else f"not repriced: {c.note}"
        if c.repriceable and c.line_change > 0:
            change = "+" + change
        return (
            c.line,
            c.key,
            was,
            now,
            self.money(c.old_line_total),
            self.money(c.new_line_total),
            change,
        )

    def data(self, index: Index, role: int = Role.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.found.changes):
            return None
        change = self.found.changes[index.row()]
        if role in (Role.DisplayRole, Role.AccessibleTextRole):
            return self._values(change)[index.column()]
        if role == Role.ToolTipRole and not change.repriceable:
            return change.note
        if role == Role.TextAlignmentRole and index.column() >= 4:
            return RIGHT
        return None
