"""Dialogs for a plan's settings (new plan, plan settings) and for choosing a plan to open.

Each dialog checks what was entered before it closes and says why a value is
refused, in the dialog. ``ask`` runs it modally; tests fill the widgets instead.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import InvalidValue
from app.domain.plan import PLAN_SETTINGS, CapexView, Plan
from app.domain.validation import check_plan, parse_date, parse_decimal
from app.services.line_fields import normalize_number, plain, refusal
from ui.editors.date_entry import DateEntry
from ui.plan_list import PLAN_ID_ROLE, PlanListModel
from ui.rate_table import RateTable
from ui.theme import set_role

Index = QModelIndex | QPersistentModelIndex
CURRENCIES = ("USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "CNY", "INR", "SEK", "NOK", "DKK")


FORM_LABELS = {
    "name": "Name",
    "description": "Description",
    "currency": "Currency",
    "start": "Start",
    "end": "End",
    "contingency_pct": "Contingency %",
    "capex_view": "Capital view",
    "fx_rates": "Exchange rates",
}
"""The dialog's words for a plan field, for messages about a refused value."""


class PlanSettingsDialog(QDialog):
    """Name, currency, horizon, contingency and capex view of a plan (new or existing)."""

    def __init__(
        self,
        plan: Plan,
        title: str,
        parent: QWidget | None = None,
        taken: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)  # room for the hints and messages, wrapped, never cut
        self._plan = plan
        self._taken = taken
        """Names of the database's other plans (a new plan may not take one)."""
        form = QFormLayout()
        self.name = QLineEdit(plan.name)
        self.description = QLineEdit(plan.description)
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.currency.setCurrentText(plan.currency)
        self.start = DateEntry()
        self.end = DateEntry()
        self.start.set_date(plan.start)
        self.end.set_date(plan.end)
        self.contingency = QLineEdit(plain(plan.contingency_pct))
        self.contingency.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.capex = QComboBox()
        self.capex.addItem("Cash: purchases count when paid", CapexView.CASH.value)
        self.capex.addItem("Amortized: spread over useful life", CapexView.AMORTIZED.value)
        self.capex.setCurrentIndex(max(self.capex.findData(plan.capex_view.value), 0))
        rows = (  # keep FORM_LABELS in step
            ("&Name", self.name),
            ("&Description", self.description),
            ("&Currency", self.currency),
            ("&Start", self.start),
            ("&End", self.end),
            ("Contingency &%", self.contingency),
            ("Capital &view", self.capex),
        )
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", ""))
            form.addRow(label, widget)
            if widget is self.currency:
                self.currency_note = QLabel(
                    "Amounts are not converted: every price and total keeps its number "
                    "in the new currency."
                )
                set_role(self.currency_note, "hint")
                self.currency_note.setWordWrap(True)
                self.currency_note.hide()
                form.addRow("", self.currency_note)
        if plan.id is not None:  # an existing plan's lines have amounts in its currency
            self.currency.currentTextChanged.connect(
                lambda text: self.currency_note.setVisible(text.strip().upper() != plan.currency)
            )
        self.rates = RateTable(plan)
        self.rates.table.itemChanged.connect(lambda _item: self._recheck())
        rates_label = QLabel("<b>Exchange rates</b>")
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
        layout.addLayout(form)
        layout.addWidget(rates_label)
        layout.addWidget(self.rates)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for line_edit in (self.name, self.description, self.start, self.end, self.contingency):
            line_edit.textChanged.connect(self._recheck)
        self.currency.currentTextChanged.connect(self._recheck)

    def plan(self) -> Plan:
        """The plan as entered (raises InvalidValue with the reason)."""
        text = normalize_number(self.contingency.text())
        contingency = parse_decimal("Contingency %", text or "0")
        plan = replace(
            self._plan,
            name=self.name.text().strip(),
            description=self.description.text().strip(),
            currency=self.currency.currentText().strip().upper(),
            start=parse_date("start", self.start.value()),
            end=parse_date("end", self.end.value()),
            contingency_pct=contingency,
            capex_view=CapexView(self.capex.currentData()),
            fx_rates=self.rates.rates(),
        )
        check_plan(plan)
        renamed = self._plan.id is None or plan.name != self._plan.name
        if plan.name in self._taken and renamed:
            raise InvalidValue("name", plan.name, "is taken: another plan has this name")
        return plan

    def _refusal(self) -> str | None:
        try:
            self.plan()
        except InvalidValue as exc:
            label = FORM_LABELS.get(exc.field, exc.field)
            if exc.field.startswith("fx_rates."):
                label = f"Rate for {exc.field.split('.', 1)[1]}"
            return refusal(InvalidValue(label, exc.value, exc.reason))
        return None

    def _recheck(self) -> None:
        """A message shown is kept in step as values change: gone once fixed."""
        if self.message.isHidden():
            return
        message = self._refusal()
        if message is None:
            self.message.clear()
            self.message.hide()
        else:
            self.message.setText(message)
        self.adjustSize()

    def show_refusal(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()
        self.adjustSize()

    def changes(self) -> dict[str, Any]:
        """The settings that differ from the plan the dialog opened with."""
        new = self.plan()
        old = self._plan
        return {f: getattr(new, f) for f in PLAN_SETTINGS if getattr(new, f) != getattr(old, f)}

    def accept(self) -> None:
        message = self._refusal()
        if message is not None:
            self.show_refusal(message)
            return
        super().accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        plan: Plan,
        title: str,
        taken: frozenset[str] = frozenset(),
        message: str = "",
    ) -> PlanSettingsDialog | None:
        """The dialog after OK, or None if cancelled; ``message`` is shown from the start
        (why the values it opens with were refused)."""
        dialog = cls(plan, title, parent, taken)
        if message:
            dialog.show_refusal(message)
        return dialog if dialog.exec() == QDialog.DialogCode.Accepted else None


class OpenPlanDialog(QDialog):
    """Pick one of the database's plans, searching by name."""

    def __init__(self, plans: tuple[Plan, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open Plan")
        self.model = PlanListModel()
        self.model.reset(plans)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search plans")
        self.search.setAccessibleName("Search plans by name")
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setAccessibleName("Plans")
        self.list.doubleClicked.connect(lambda _index: self.accept())
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> int | None:
        index = self.list.currentIndex()
        value = index.data(PLAN_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    @classmethod
    def ask(cls, parent: QWidget | None, plans: tuple[Plan, ...]) -> int | None:
        dialog = cls(plans, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
