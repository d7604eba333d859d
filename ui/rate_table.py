"""A plan's exchange rates in Plan Settings, and the question a foreign price asks.

The table edits the whole rate table (currency, rate, source, as-of date); the dialog
that holds it stores it as one undoable step. :func:`ask_rate` asks for the one rate a
catalogue price or a line needs when the plan has none for its currency.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InvalidValue
from app.domain.plan import FxRate, Plan
from app.domain.validation import parse_date, parse_decimal
from app.services.line_fields import normalize_number, refusal
from ui.theme import set_role

HEADERS = ("Currency", "Rate", "Source", "As of")  # "Rate" reads "EUR per unit" in a EUR plan


def read_rate(currency: str, rate: str, source: str, as_of: str) -> FxRate:
    """One rate as typed (``0,92`` and ``1,234.5`` read as numbers), or InvalidValue."""
    code = currency.strip().upper()
    where = f"Rate for {code or '(no currency)'}"
    if not code:
        raise InvalidValue("Currency", currency, "name the currency (ISO 4217 code, e.g. USD)")
    text = normalize_number(rate)
    if not text:
        raise InvalidValue(where, rate, "type how many plan-currency units one unit buys")
    parse_decimal(where, text)
    day = parse_date("As of", as_of.strip()) if as_of.strip() else None
    return FxRate(code, text, source.strip(), day)


class RateTable(QWidget):
    """Rows of currency, rate, source and as-of date, with Add and Remove."""

    def __init__(self, plan: Plan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = plan
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(
            [f"{plan.currency} per unit" if h == "Rate" else h for h in HEADERS]
        )
        self.table.setAccessibleName("Exchange rates")
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for rate in plan.fx_rates:
            self.add_row(rate.currency, rate.rate, rate.source, rate.as_of)
        self.table.setMinimumHeight(120)
        self.add_button = QPushButton("&Add rate")
        self.remove_button = QPushButton("&Remove rate")
        self.add_button.clicked.connect(lambda: self.add_row("", "", "", date.today()))
        self.remove_button.clicked.connect(self._remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        hint = QLabel(
            f"How many {plan.currency} one unit of each other currency buys, fixed for the "
            "plan; lines priced in it convert at this rate."
        )
        hint.setWordWrap(True)
        set_role(hint, "hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, currency: str, rate: str, source: str, as_of: date | None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        texts = (currency, rate, source, as_of.isoformat() if as_of else "")
        for column, text in enumerate(texts):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setCurrentCell(row, 0)
        return row

    def _remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def rates(self) -> tuple[FxRate, ...]:
        """The table as entered, in code order (raises InvalidValue naming the row)."""
        found = []
        for row in range(self.table.rowCount()):
            texts = [self._text(row, c) for c in range(len(HEADERS))]
            if not any(t.strip() for t in texts[:3]):
                continue  # an empty row left by Add
            found.append(read_rate(*texts))
        return tuple(sorted(found, key=lambda r: r.currency))

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""


class RateDialog(QDialog):
    """The rate for one currency the plan lacks: rate, source and as-of date."""

    def __init__(self, plan: Plan, currency: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Rate for {currency}")
        self.currency = currency
        intro = QLabel(
            f"This price is in {currency}; plan {plan.name!r} is in {plan.currency} and has "
            f"no rate for {currency} yet. How many {plan.currency} does 1 {currency} buy?"
        )
        intro.setWordWrap(True)
        self.rate = QLineEdit()
        self.rate.setAccessibleName(f"{plan.currency} per {currency}")
        self.source = QLineEdit()
        self.source.setPlaceholderText("e.g. ECB euro reference rate")
        self.as_of = QLineEdit(date.today().isoformat())
        form = QFormLayout()
        form.addRow(f"{plan.currency} per 1 {currency}:", self.rate)
        form.addRow("Source:", self.source)
        form.addRow("As of:", self.as_of)
        self.message = QLabel()
        set_role(self.message, "message")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def value(self) -> FxRate:
        rate = read_rate(self.currency, self.rate.text(), self.source.text(), self.as_of.text())
        if parse_decimal("Rate", rate.rate) <= 0:
            raise InvalidValue("Rate", rate.rate, "must be above 0")
        return rate

    def accept(self) -> None:
        try:
            self.value()
        except InvalidValue as exc:
            self.message.setText(refusal(exc))
            self.message.show()
            return
        super().accept()


def ask_rate(parent: QWidget | None, plan: Plan, currency: str) -> FxRate | None:
    """Ask for the plan's rate for ``currency``; None if the planner cancels."""
    dialog = RateDialog(plan, currency, parent)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
