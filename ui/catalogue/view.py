"""The Catalogue view: search the current price book, filter by kind, edit an entry,
import a price book file as a new dated version (one undoable step each)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import BudgetwrightError, InvalidValue
from app.domain.plan import CatalogueEntry
from app.domain.validation import parse_date, parse_decimal
from app.services.line_fields import refusal
from ui import prompts
from ui.catalogue.models import ENTRY_ROLE, CatalogueFilter, CatalogueModel
from ui.context import AppContext
from ui.editors.date_entry import DateEntry
from ui.theme import set_role

FILES = "Price books (*.json *.csv);;All files (*)"


class CatalogueView(QDialog):
    """The price book as a searchable table with an entry form beside it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setObjectName("catalogue-view")
        self.setWindowTitle("Price Catalogue")
        self.resize(1280, 640)
        self.model = CatalogueModel(ctx.settings.stale_months(), self)
        self.proxy = CatalogueFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by name, key or source")
        self.search.setAccessibleName("Search the catalogue")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of price")
        self.kind.currentIndexChanged.connect(
            lambda _i: self.proxy.set_kind(str(self.kind.currentData() or ""))
        )
        self.import_button = QPushButton("&Import Price Book…")
        self.import_button.setToolTip(
            "Add a dated version of the price book from a JSON or CSV file (older versions are kept)"
        )
        self.import_button.clicked.connect(self.import_file)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.kind)
        bar.addWidget(self.import_button)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Catalogue prices")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((320, 140, 80, 70, 100, 130)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_row_changed)

        self.form = self._entry_form()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.form)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([960, 320])

        self.versions = QLabel()
        self.versions.setWordWrap(True)
        set_role(self.versions, "hint")
        self.message = QLabel()
        self.message.setWordWrap(True)
        set_role(self.message, "message")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.versions)

        ctx.bus.catalogue_changed.connect(self._on_bus_catalogue_changed)
        self._fill(ctx.catalogue)

    def _entry_form(self) -> QWidget:
        host = QWidget()
        form = QFormLayout(host)
        self.name = QLineEdit()
        self.price = QLineEdit()
        self.price.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.currency = QLineEdit()
        self.unit = QLineEdit()
        self.as_of = DateEntry()
        self.source = QLineEdit()
        self.uncertain = QCheckBox("The figure is approximate")
        for text, widget in (
            ("&Name", self.name),
            ("&Price", self.price),
            ("C&urrency", self.currency),
            ("U&nit", self.unit),
            ("&As of", self.as_of),
            ("&Source", self.source),
            ("", self.uncertain),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", "") or "Uncertain")
            form.addRow(label, widget)
        self.save_button = QPushButton("Sa&ve Entry")
        self.save_button.clicked.connect(self.save_entry)
        form.addRow("", self.save_button)
        self.key_label = QLabel()
        set_role(self.key_label, "hint")
        self.key_label.setWordWrap(True)
        form.addRow("", self.key_label)
        host.setEnabled(False)
        return host

    # ---- Showing

    def _fill(self, entries: tuple[CatalogueEntry, ...]) -> None:
        current = self.current_entry()
        key = current.key if current is not None else None
        self.model.stale_months = self._ctx.settings.stale_months()
        self.model.reset(entries)
        kinds = sorted({e.kind for e in entries})
        chosen = str(self.kind.currentData() or "")
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem("Every kind", "")
        for kind in kinds:
            self.kind.addItem(kind.replace("_", " ").capitalize(), kind)
        self.kind.setCurrentIndex(max(self.kind.findData(chosen), 0))
        self.kind.blockSignals(False)
        self.proxy.set_kind(str(self.kind.currentData() or ""))
        if key is not None:
            self.select_key(key)
        self._show_versions()

    def _show_versions(self) -> None:
        workspace = self._ctx.workspace
        if workspace is None:
            self.versions.clear()
            return
        from app.services.price_book import price_books

        books = workspace.read(price_books)
        listed = "; ".join(f"{b.id}. {b.label} (as of {b.as_of})" for b in books)
        self.versions.setText(
            f"Price book versions: {listed or 'none yet'}. Lines keep the prices they copied; "
            "Plan ▸ Reprice from Catalogue takes the current ones."
        )

    def select_key(self, key: str) -> bool:
        row = self.model.row_of(key)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        return True

    def current_entry(self) -> CatalogueEntry | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        entry = index.data(ENTRY_ROLE)
        return entry if isinstance(entry, CatalogueEntry) else None

    def _on_table_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.current_entry()
        self.form.setEnabled(entry is not None and self._ctx.workspace is not None)
        self._hide_message()
        if entry is None:
            return
        self.name.setText(entry.name)
        self.price.setText(entry.price)
        self.currency.setText(entry.currency)
        self.unit.setText(entry.unit)
        self.as_of.set_date(entry.as_of)
        self.source.setText(entry.source)
        for edit in (self.name, self.source):
            edit.setCursorPosition(0)  # the start of a long text, not its end
            edit.setToolTip(edit.text())
        self.uncertain.setChecked(entry.uncertain)
        self.key_label.setText(f"Key: {entry.key}")

    def _on_bus_catalogue_changed(self, entries: tuple[CatalogueEntry, ...]) -> None:
        self._fill(entries)

    # ---- Changing

    def edited_entry(self) -> CatalogueEntry | None:
        """The selected entry as the form has it (raises InvalidValue with the reason)."""
        entry = self.current_entry()
        if entry is None:
            return None
        price = self.price.text().strip()
        parse_decimal("Price", price)
        return replace(
            entry,
            name=self.name.text().strip(),
            price=price,
            currency=self.currency.text().strip().upper(),
            unit=self.unit.text().strip(),
            as_of=parse_date("As of", self.as_of.value()),
            source=self.source.text().strip(),
            uncertain=self.uncertain.isChecked(),
        )

    def save_entry(self) -> bool:
        from app.services.catalogue_commands import EditCatalogueEntry, check_entry

        try:
            entry = self.edited_entry()
            if entry is None:
                return False
            check_entry(entry)
        except InvalidValue as exc:
            self._show_message(refusal(exc))
            return False
        if entry == self.current_entry():
            return True
        return self._ctx.run(EditCatalogueEntry(entry), f"Edit catalogue price {entry.name}")

    def import_file(self) -> bool:
        path = prompts.ask_open_path(self, "Import Price Book", FILES)
        return path is not None and self.import_path(path)

    def import_path(self, path: Path) -> bool:
        """Add the file as a new version; a bad file is refused whole, naming row and field."""
        from app.io.catalogue_file import read_price_book
        from app.services.price_book import ImportPriceBook

        try:
            entries = read_price_book(path)
            command = ImportPriceBook(entries, str(path))
        except BudgetwrightError as exc:
            self._show_message(f"Not imported (nothing was changed): {exc}")
            return False
        self._hide_message()
        return self._ctx.run(command, f"Import price book {path.name}")

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _hide_message(self) -> None:
        self.message.clear()
        self.message.hide()
