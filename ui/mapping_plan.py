"""The new plan's settings in the mapping dialog: currency, dates and contingency.

Each field may be left empty: the currency then comes from the money columns' signs,
the dates from the lines and the contingency is 0 %. What is typed goes into the
mapping's ``[plan]`` table, so a mistake shows as a problem in the preview, like any
other, rather than a refusal after Import.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from app.io.xlsx import MappedPreview

FIELDS = (
    ("currency", "&Currency", "Currency of the new plan (ISO code such as USD)"),
    ("start", "S&tarts", "First day of the new plan (YYYY-MM-DD)"),
    ("end", "E&nds", "Last day of the new plan (YYYY-MM-DD)"),
    ("contingency_pct", "C&ontingency %", "Contingency of the new plan, in percent"),
)


class PlanSettings(QWidget):
    """Four optional fields; ``changed`` fires when one is edited (on Enter or leaving it)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for key, text, accessible in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"plan-{key}")
            edit.setAccessibleName(accessible)
            edit.setMinimumWidth(215)
            edit.editingFinished.connect(self._on_edited)
            label = QLabel(text)
            label.setBuddy(edit)
            form.addRow(label, edit)
            self.fields[key] = edit
        self.fields["currency"].setMaxLength(3)
        self._last = self.values()

    def values(self) -> dict[str, str]:
        """What the planner typed, for the mapping's ``[plan]`` table."""
        found = {key: edit.text().strip() for key, edit in self.fields.items()}
        if found["currency"]:
            found["currency"] = found["currency"].upper()
        return {key: value for key, value in found.items() if value}

    def show_defaults(self, preview: MappedPreview | None) -> None:
        """Say in each empty field what it will be: the sheet's currency, the lines' dates."""
        plan = preview.plan if preview is not None else None
        shown = {
            "currency": f"from the sheet: {plan.currency}" if plan else "from the sheet",
            "start": f"from the lines: {plan.start.isoformat()}" if plan else "from the lines",
            "end": f"from the lines: {plan.end.isoformat()}" if plan else "from the lines",
            "contingency_pct": "0",
        }
        typed = self.values()
        for key, edit in self.fields.items():
            edit.setPlaceholderText("" if key in typed else shown[key])

    def _on_edited(self) -> None:
        now = self.values()
        if now != self._last:
            self._last = now
            self.changed.emit()
