"""Beside a line's monthly costs: a training run's chain from model to CO₂, serving's
fleet month by month against an API price, and any line's energy and CO₂.

Thin: every figure comes from ``app.services.compute_view``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from app.domain.money import grouped
from app.domain.plan import CostModel, Line
from app.io.compute_catalogue import grid_intensities
from app.services.compute_view import (
    Step,
    energy_steps,
    serving_view,
    token_prices,
    training_chain,
)
from app.services.line_columns import fillable_column
from ui.context import AppContext
from ui.editors.precision_pick import PrecisionPick
from ui.theme import set_role

DEFAULT_API_PRICE = "0.60"
GRID_COLUMN = fillable_column("grid_kgco2_per_kwh", "Grid kg CO₂ per kWh")


class ComputePanel(QWidget):
    """Shown for training runs, serving and lines with power; hidden for the rest."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._line: Line | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.heading = QLabel()
        set_role(self.heading, "heading")
        layout.addWidget(self.heading)
        self.api_price = QComboBox()
        self.api_price.setEditable(True)
        self.api_price.setAccessibleName("API price per million tokens to compare with")
        self.api_price.setToolTip(
            "Price per million tokens of the same demand through an API: pick one from the"
            " catalogue or type one"
        )
        self.api_price.currentTextChanged.connect(lambda _text: self._refresh())
        layout.addWidget(self.api_price)
        self.grid = QComboBox()
        self.grid.setAccessibleName("Typical grid intensity to use for this line")
        self.grid.setToolTip("Typical grid intensities by region, with their year and source")
        self.grid.addItem("Grid intensity: pick a region…", None)
        self._grid_read = False
        self.grid.activated.connect(self._on_grid_picked)
        layout.addWidget(self.grid)
        self.precision = PrecisionPick(ctx)
        layout.addWidget(self.precision)
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setAccessibleName("Compute, energy and CO2 of the selected line")
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.body)
        self.setMaximumWidth(360)
        self.hide()

    def show_line(self, line: Line | None) -> None:
        self._line = line
        self.precision.show_line(line)
        if line is not None and line.cost_model == CostModel.SERVING and not self.api_price.count():
            self._fill_prices()
        if line is not None and "power_watts" in line.drivers and not self._grid_read:
            self._grid_read = True
            for pick in grid_intensities():
                label = f"{pick.region} {pick.year}: {pick.kg_co2_per_kwh} kg/kWh ({pick.source})"
                self.grid.addItem(label, pick.kg_co2_per_kwh)
        self._refresh()

    def _fill_prices(self) -> None:
        catalogue = dict(self._ctx.edit_context().catalogue)
        self.api_price.blockSignals(True)
        for entry in token_prices(catalogue):
            self.api_price.addItem(f"{entry.price} — {entry.name}", entry.price)
        if not self.api_price.count():
            self.api_price.addItem(DEFAULT_API_PRICE, DEFAULT_API_PRICE)
        self.api_price.blockSignals(False)

    def price(self) -> Decimal | None:
        text = self.api_price.currentText().split("—")[0].strip()
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None
        return value if value.is_finite() and value >= 0 else None

    def _refresh(self) -> None:
        line, plan, budget = self._line, self._ctx.plan, self._ctx.budget
        if line is None or plan is None:
            self.hide()
            return
        serving = line.cost_model == CostModel.SERVING
        self.api_price.setVisible(serving)
        self.grid.setVisible("power_watts" in line.drivers and self.grid.count() > 1)
        if line.cost_model == CostModel.TRAINING_RUN:
            self.heading.setText("From model and data to cost")
            html = _steps(training_chain(line, budget, plan.currency))
        elif serving:
            self.heading.setText("Demand, fleet and an API")
            html = self._serving_html(line) + _steps(energy_steps(line))
        elif "power_watts" in line.drivers:
            self.heading.setText("Energy and CO₂")
            html = _steps(energy_steps(line))
        else:
            self.hide()
            return
        self.body.setText(html)
        self.show()

    def _on_grid_picked(self, index: int) -> None:
        value = self.grid.itemData(index)
        line = self._line
        self.grid.setCurrentIndex(0)
        if value is None or line is None or line.id is None:
            return
        self._ctx.edit_line(line, GRID_COLUMN, value)

    def _serving_html(self, line: Line) -> str:
        price = self.price()
        plan, budget = self._ctx.plan, self._ctx.budget
        if price is None or plan is None or budget is None:
            return "<p>Type an API price per million tokens to compare.</p>"
        view = serving_view(line, budget.digits, price, budget.fx(line))
        digits = budget.digits
        rows = "".join(
            f"<tr><td>{m.month}</td><td align='right'>{float(m.demand):,.0f}</td>"
            f"<td align='right'>{m.accelerators}</td>"
            f"<td align='right'>{grouped(m.self_hosted, digits)}</td>"
            f"<td align='right'>{grouped(m.api, digits)}</td></tr>"
            for m in view.months
        )
        crossover = view.crossover or "never"
        return (
            "<table cellspacing='0' cellpadding='2'>"
            "<tr><th align='left'>Month</th><th>Demand (tokens)</th><th>Accel.</th>"
            f"<th>Self-hosted</th><th>API</th></tr>{rows}"
            f"<tr><th align='left'>Total</th><td></td><td></td>"
            f"<th align='right'>{grouped(view.self_hosted_total, digits)}</th>"
            f"<th align='right'>{grouped(view.api_total, digits)}</th></tr></table>"
            f"<p>Self-hosting stays cheaper from: <b>{crossover}</b></p>"
        )


def _steps(steps: list[Step]) -> str:
    rows = "".join(
        f"<tr><td>{escape(s.label)}</td><td align='right'><b>{escape(s.value)}</b></td></tr>"
        + (f"<tr><td colspan='2'><small>{escape(s.note)}</small></td></tr>" if s.note else "")
        for s in steps
    )
    return f"<table cellspacing='0' cellpadding='2'>{rows}</table>"
