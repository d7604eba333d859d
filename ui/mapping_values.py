"""Translating a column's own words in the mapping dialog.

A planner's sheet says "GPU rental" where the plan needs a category, or "Annual
licence" where it needs a cost model. The planner picks a field; every distinct text of
its column is listed with what it should read as (a choice, or text typed). The
translations become the mapping's ``[values]`` table, exactly as in a TOML mapping.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.cost_models import LABELS
from app.domain.plan import CostModel
from app.domain.taxonomy import Taxonomy
from app.io.xlsx import SheetTable
from app.io.xlsx.cells import is_blank, text_of

AS_WRITTEN = "(as written)"
TRANSLATABLE = {
    "category": "Category",
    "section": "Section",
    "item": "Item",
    "cost_model": "Cost model",
    "period": "Billing period",
}
MAX_DISTINCT = 200


def distinct_texts(table: SheetTable, col: int) -> list[str]:
    """A column's different texts, in the order they first appear (at most MAX_DISTINCT)."""
    seen: dict[str, None] = {}
    for row in table.rows:
        value = row.value(col)
        if not is_blank(value):
            seen.setdefault(text_of(value).strip(), None)
            if len(seen) >= MAX_DISTINCT:
                break
    return list(seen)


class ValueTranslations(QWidget):
    """A field chooser and a two-column table: the sheet's text, and what it reads as."""

    changed = Signal()

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._taxonomy = taxonomy
        self._values: dict[str, dict[str, str]] = {}
        self._filling = False
        self.field = QComboBox()
        self.field.setObjectName("translate-field")
        self.field.setAccessibleName("Field whose words to translate")
        self.field.currentIndexChanged.connect(self._on_field_changed)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("translate-values")
        self.table.setAccessibleName("Words in the sheet and what they read as")
        self.table.setHorizontalHeaderLabels(["In the sheet", "Read as"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setTabKeyNavigation(False)
        label = QLabel("&Translate the words of")
        label.setBuddy(self.field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.field)
        layout.addWidget(self.table, 1)
        self._table: SheetTable | None = None
        self._columns: dict[str, int] = {}

    def values(self) -> dict[str, dict[str, str]]:
        """The translations, for the mapping's ``[values]`` table."""
        return {f: dict(t) for f, t in self._values.items() if t}

    def set_values(self, values: Mapping[str, Mapping[str, str]]) -> None:
        self._values = {f: dict(t) for f, t in values.items() if f in TRANSLATABLE}

    def show_columns(self, table: SheetTable, columns: Mapping[str, int]) -> None:
        """Offer the fields mapped to a column of ``table`` (keeping the one chosen)."""
        self._table = table
        self._columns = {f: c for f, c in columns.items() if f in TRANSLATABLE}
        current = self.field.currentData()
        self._filling = True
        try:
            self.field.clear()
            for key, label in TRANSLATABLE.items():
                if key in self._columns:
                    self.field.addItem(label, key)
            found = self.field.findData(current)
            self.field.setCurrentIndex(max(found, 0))
        finally:
            self._filling = False
        self._fill()

    def _choices(self, key: str) -> Sequence[tuple[str, str]]:
        if key == "category":
            return [(c.label, c.key) for c in self._taxonomy.categories]
        if key == "cost_model":
            return [(LABELS[m], m.value) for m in CostModel]
        if key == "period":
            return [("Per month", "month"), ("Per year", "year")]
        if key == "section":
            return [
                (f"{c.label} · {s.label}", s.key)
                for c in self._taxonomy.categories
                for s in c.sections
            ]
        return []

    def _on_field_changed(self) -> None:
        if not self._filling:
            self._fill()

    def _fill(self) -> None:
        key = self.field.currentData()
        self.table.setRowCount(0)
        self.table.setEnabled(isinstance(key, str))
        if not isinstance(key, str) or self._table is None:
            return
        texts = distinct_texts(self._table, self._columns[key])
        chosen = self._values.get(key, {})
        self.table.setRowCount(len(texts))
        for n, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(n, 0, item)
            combo = QComboBox()
            combo.setEditable(True)
            combo.setAccessibleName(f"Read {text} as")
            combo.addItem(AS_WRITTEN, None)
            for label, value in self._choices(key):
                combo.addItem(label, value)
            target = chosen.get(text)
            if target is not None:
                index = combo.findData(target)
                if index >= 0:
                    combo.setCurrentIndex(index)
                else:
                    combo.setEditText(target)
            combo.currentIndexChanged.connect(
                lambda _i, k=key, t=text, c=combo: self._on_chosen(k, t, c)
            )
            combo.lineEdit().editingFinished.connect(
                lambda k=key, t=text, c=combo: self._on_chosen(k, t, c)
            )
            self.table.setCellWidget(n, 1, combo)

    def _on_chosen(self, key: str, text: str, combo: QComboBox) -> None:
        data = combo.currentData()
        typed = combo.currentText().strip()
        if combo.itemText(combo.currentIndex()) == typed:  # a choice, or "(as written)"
            target = data if isinstance(data, str) else None
        else:  # text the planner typed
            target = typed or None
        translations = self._values.setdefault(key, {})
        if translations.get(text) == target:
            return
        if target is None:
            translations.pop(text, None)
        else:
            translations[text] = target
        self.changed.emit()
