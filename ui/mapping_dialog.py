"""Importing line items from a planner's own spreadsheet through a column mapping.

The dialog guesses which column feeds which line field from the headers (or takes the
mapping the planner corrected last time for the same headers), lets the planner fix it,
and previews every row with its problems (sheet, cell, reason) as the mapping changes.
Import is possible only once every row left in reads; nothing is stored before that.
"""

from __future__ import annotations

from dataclasses import replace

from openpyxl.utils.cell import get_column_letter
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.cost_models import DRIVERS, LABELS
from app.domain.errors import BudgetwrightError
from app.domain.money import format_display, grouped, minor_digits
from app.domain.plan import CostModel, PlanSnapshot
from app.domain.taxonomy import Taxonomy
from app.io.xlsx import (
    ColumnMapping,
    MappedPreview,
    RowPreview,
    SheetTable,
    guess_mapping,
    preview_mapped,
    read_table,
)
from app.io.xlsx.cells import text_of
from app.io.xlsx.mapping import LINE_FIELDS
from ui.mapping_memory import recalled_mapping, remember_mapping
from ui.mapping_model import SKIPPED_BY_YOU, RowPreviewModel
from ui.mapping_plan import PlanSettings
from ui.mapping_values import ValueTranslations
from ui.theme import set_role

FIELD_LABELS = {
    "name": "Line name",
    "category": "Category",
    "section": "Section",
    "item": "Item",
    "cost_model": "Cost model",
    "start": "Start",
    "end": "End",
    "vendor": "Vendor",
    "notes": "Notes",
    "amount": "Amount (whole cost)",
    **{spec.key: spec.label for specs in DRIVERS.values() for spec in specs},
}
NOT_MAPPED = "(not mapped)"
WRAPPED_ROWS = 500
"""Up to this many rows, each row is as tall as its problems' text (measuring costs time)."""
EVERY_ROW = "Every row: "
_COLUMN, _FIXED = "column:", "fixed:"


def column_choice(header: str) -> str:
    """A combo entry's data for "this field is in the column headed ``header``"."""
    return f"{_COLUMN}{header}"


def fixed_choice(value: str) -> str:
    """A combo entry's data for "every row has ``value`` in this field"."""
    return f"{_FIXED}{value}"


class MappingDialog(QDialog):
    """Sheet, header row, one combo per line field, and a live preview of the rows."""

    def __init__(
        self,
        table: SheetTable,
        taxonomy: Taxonomy,
        store: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import Lines from {table.path.name}")
        self.setObjectName("mapping-dialog")
        self._taxonomy = taxonomy
        self._store = store
        self._table = table
        self._left_out: set[int] = set()
        self._filling = False
        self.preview: MappedPreview | None = None

        self.sheet = QComboBox()
        self.sheet.setAccessibleName("Sheet")
        self.header_row = QSpinBox()
        self.header_row.setAccessibleName("Header row")
        self.header_row.setRange(1, 10_000)
        self.plan_name = QLineEdit(table.path.stem)
        self.plan_name.setAccessibleName("Name of the new plan")
        self.sheet.setMinimumContentsLength(24)
        self.sheet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.header_row.setMinimumWidth(90)
        self.plan_name.setMinimumWidth(360)
        where = QFormLayout()
        where.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for text, widget in (
            ("&Sheet", self.sheet),
            ("&Header row", self.header_row),
            ("&Plan name", self.plan_name),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            where.addRow(label, widget)
        self.plan_settings = PlanSettings()
        self.plan_settings.changed.connect(self._refresh)
        self.translations = ValueTranslations(taxonomy)
        self.translations.setMaximumHeight(150)
        self.translations.changed.connect(self._refresh, Qt.ConnectionType.QueuedConnection)
        self._translated: tuple[SheetTable, dict[str, int]] | None = None
        top = QHBoxLayout()
        top.addLayout(where)
        top.addSpacing(16)
        top.addWidget(self.plan_settings)
        top.addSpacing(16)
        top.addWidget(self.translations, 1)

        self.combos: dict[str, QComboBox] = {}
        columns_box = QGroupBox("Which column holds each field")
        grid = QGridLayout(columns_box)
        per_column = (len(LINE_FIELDS) + 2) // 3
        for n, key in enumerate(LINE_FIELDS):
            combo = QComboBox()
            combo.setObjectName(f"map-{key}")
            combo.setAccessibleName(FIELD_LABELS.get(key, key))
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
            combo.currentIndexChanged.connect(self._on_mapping_changed)
            label = QLabel(FIELD_LABELS.get(key, key))
            label.setBuddy(combo)
            row, col = n % per_column, (n // per_column) * 2
            grid.addWidget(label, row, col)
            grid.addWidget(combo, row, col + 1)
            self.combos[key] = combo
        for col in (1, 3, 5):
            grid.setColumnStretch(col, 1)

        self.counts = QLabel()
        self.counts.setObjectName("mapping-counts")
        set_role(self.counts, "heading")
        self.total = QLabel()
        self.total.setObjectName("mapping-total")
        set_role(self.total, "heading")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.problems = QLabel()
        self.problems.setObjectName("mapping-problems")
        set_role(self.problems, "message")
        self.problems.setWordWrap(True)
        self.model = RowPreviewModel(taxonomy, self)
        self.model.inclusion_changed.connect(
            self._on_model_inclusion_changed, Qt.ConnectionType.QueuedConnection
        )
        self.rows = QTableView()
        set_role(self.rows, "selection")
        self.rows.setTabKeyNavigation(False)
        self.rows.setObjectName("mapping-preview")
        self.rows.setAccessibleName("Rows as they would be imported")
        self.rows.setModel(self.model)
        self.rows.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows.setAlternatingRowColors(True)
        self.rows.setWordWrap(True)  # a row's problems are the column that matters
        rows_header = self.rows.verticalHeader()
        rows_header.hide()
        rows_header.setMinimumSectionSize(rows_header.defaultSectionSize())
        header = self.rows.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((56, 44, 170, 250, 95, 170, 110)):
            self.rows.setColumnWidth(col, width)

        self.skip_unreadable = QPushButton("&Leave Out Rows That Cannot Be Read")
        self.skip_unreadable.setObjectName("mapping-skip")
        self.skip_unreadable.clicked.connect(self._on_skip_unreadable_clicked)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText("&Import")
        self.import_button.setObjectName("mapping-import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.skip_unreadable)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(columns_box)
        tally = QHBoxLayout()
        tally.addWidget(self.counts, 1)
        tally.addWidget(self.total)
        layout.addLayout(tally)
        layout.addWidget(self.problems)
        layout.addWidget(self.rows, 1)
        layout.addLayout(bottom)
        self.resize(1100, 780)

        self.sheet.addItems(list(table.sheets))
        self.sheet.setCurrentText(table.sheet)
        self.header_row.setValue(table.header_row + 1)
        self.sheet.currentTextChanged.connect(self._on_sheet_changed)
        self.header_row.editingFinished.connect(self._on_header_row_edited)
        self._show_table(table)

    # ---- The table and its mapping

    def _show_table(self, table: SheetTable) -> None:
        """Offer the table's headers in every combo, filled with the best mapping known."""
        self._table = table
        self._left_out.clear()
        start = recalled_mapping(self._store, table.headers, table.sheet, table.header_row + 1)
        mapping = start if start is not None else guess_mapping(table)
        self.translations.set_values(mapping.values)
        self._filling = True
        try:
            for key, combo in self.combos.items():
                combo.clear()
                combo.addItem(NOT_MAPPED, None)
                for n, header in enumerate(table.headers):
                    if header:
                        combo.addItem(
                            f"{get_column_letter(n + 1)} · {header}", column_choice(header)
                        )
                for value, label in self._fixed_choices(key):
                    combo.addItem(f"{EVERY_ROW}{label}", fixed_choice(value))
                combo.setCurrentIndex(self._index_for(combo, key, mapping))
        finally:
            self._filling = False
        self.header_row.blockSignals(True)
        self.header_row.setValue(table.header_row + 1)
        self.header_row.blockSignals(False)
        self._refresh()

    def _fixed_choices(self, key: str) -> list[tuple[str, str]]:
        if key == "category":
            return [(c.key, c.label) for c in self._taxonomy.categories]
        if key == "cost_model":
            return [(m.value, LABELS[m]) for m in CostModel]
        return []

    @staticmethod
    def _index_for(combo: QComboBox, key: str, mapping: ColumnMapping) -> int:
        if key in mapping.columns:
            found = combo.findData(column_choice(mapping.columns[key]))
        elif key in mapping.defaults:
            found = combo.findData(fixed_choice(mapping.defaults[key]))
        else:
            found = 0
        return max(found, 0)

    def mapping(self) -> ColumnMapping:
        """The mapping as the combos show it now."""
        columns: dict[str, str] = {}
        defaults: dict[str, str] = {}
        for key, combo in self.combos.items():
            data = combo.currentData()
            if isinstance(data, str) and data.startswith(_COLUMN):
                columns[key] = data.removeprefix(_COLUMN)
            elif isinstance(data, str) and data.startswith(_FIXED):
                defaults[key] = data.removeprefix(_FIXED)
        name = self.plan_name.text().strip()
        return ColumnMapping(
            columns=columns,
            sheet=self._table.sheet,
            header_row=self._table.header_row + 1,
            defaults=defaults,
            plan=({"name": name} if name else {}) | self.plan_settings.values(),
            values=self.translations.values(),
        )

    def _refresh(self) -> None:
        """Read every row through the current mapping and show the outcome."""
        kept = tuple(r for r in self._table.rows if r.row + 1 not in self._left_out)
        preview = preview_mapped(replace(self._table, rows=kept), self.mapping(), self._taxonomy)
        self.preview = preview
        left_out = [RowPreview(r.row + 1, None, skipped=SKIPPED_BY_YOU) for r in self._table.rows]
        rows = [*preview.rows, *(r for r in left_out if r.row in self._left_out)]
        name_col = preview.columns.get("name")
        names = (
            {r.row + 1: text_of(r.value(name_col)).strip() for r in self._table.rows}
            if name_col is not None
            else {}
        )
        self.model.set_rows(sorted(rows, key=lambda r: r.row), names, self._amounts(preview))
        if self._translated != (self._table, preview.columns):
            self._translated = (self._table, dict(preview.columns))
            self.translations.show_columns(self._table, preview.columns)
        self.plan_settings.show_defaults(preview)
        if self.model.rowCount() <= WRAPPED_ROWS:
            self.rows.resizeRowsToContents()
        readable = len(preview.lines)
        broken = sum(1 for r in preview.rows if r.problems)
        skipped = sum(1 for r in rows if r.skipped)
        self.counts.setText(
            f"{readable} {'line' if readable == 1 else 'lines'} to import · "
            f"{broken} {'row' if broken == 1 else 'rows'} that cannot be read · "
            f"{skipped} skipped"
        )
        general = [p for p in preview.problems if p.cell == "-"]
        self.problems.setText("\n".join(f"{p.field}: {p.reason}" for p in general))
        self.problems.setVisible(bool(general))
        self.skip_unreadable.setEnabled(broken > 0)
        self.import_button.setEnabled(not preview.problems and readable > 0)

    def _amounts(self, preview: MappedPreview) -> dict[int, str]:
        """Each row's cost as shown, and the totals beside the counts."""
        plan, budget = preview.plan, preview.budget
        if plan is None or budget is None or not preview.lines:
            self.total.setText("")
            return {}
        digits = minor_digits(plan.currency)
        total = f"Total {format_display(budget.total, digits, plan.currency)}"
        if budget.contingency:
            lines = grouped(budget.subtotal, digits)
            extra = grouped(budget.contingency, digits)
            total = f"Lines {lines} + contingency {extra} · {total}"
        self.total.setText(total)
        return {row: grouped(amount, digits) for row, amount in preview.amounts.items()}

    # ---- The planner's changes

    def _on_mapping_changed(self) -> None:
        if not self._filling:
            self._refresh()

    def _on_sheet_changed(self, sheet: str) -> None:
        self._reload(sheet, None)

    def _on_header_row_edited(self) -> None:
        if self.header_row.value() != self._table.header_row + 1:
            self._reload(self._table.sheet, self.header_row.value())

    def _reload(self, sheet: str, header_row: int | None) -> None:
        try:
            table = read_table(self._table.path, sheet, header_row)
        except BudgetwrightError as exc:
            self.problems.setText(str(exc))
            self.problems.show()
            self.import_button.setEnabled(False)
            return
        self._show_table(table)

    def _on_model_inclusion_changed(self, row: int, included: bool) -> None:
        if included:
            self._left_out.discard(row)
        else:
            self._left_out.add(row)
        self._refresh()

    def _on_skip_unreadable_clicked(self) -> None:
        if self.preview is not None:
            self._left_out.update(r.row for r in self.preview.rows if r.problems)
            self._refresh()

    # ---- Answer

    def accept(self) -> None:
        if self.preview is None or self.preview.problems or not self.preview.lines:
            return
        remember_mapping(self._store, self._table.headers, self.mapping())
        super().accept()

    def snapshot(self) -> PlanSnapshot:
        """The plan to import (only once every row left in reads), named as typed now.

        The name does not change which rows read, so typing it re-reads nothing.
        """
        assert self.preview is not None
        found = self.preview.snapshot()
        name = self.plan_name.text().strip()
        return replace(found, plan=replace(found.plan, name=name)) if name else found

    @classmethod
    def ask(
        cls, parent: QWidget | None, table: SheetTable, taxonomy: Taxonomy, store: QSettings
    ) -> PlanSnapshot | None:
        """Ask modally; the plan the rows make, or None if the planner cancelled."""
        dialog = cls(table, taxonomy, store, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.snapshot()
        finally:
            dialog.deleteLater()
