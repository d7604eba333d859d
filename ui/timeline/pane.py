"""The timeline with its zoom controls: zoom out, a zoom slider, zoom in, fit the plan, today."""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ui.compare.picker import BaselinePicker
from ui.context import AppContext
from ui.timeline.scale import MAX_PX_PER_DAY, MIN_PX_PER_DAY
from ui.timeline.view import TimelineView

STEPS = 200


def _to_slider(px_per_day: float) -> int:
    span = math.log(MAX_PX_PER_DAY / MIN_PX_PER_DAY)
    return round(STEPS * math.log(px_per_day / MIN_PX_PER_DAY) / span)


def _from_slider(value: int) -> float:
    span = math.log(MAX_PX_PER_DAY / MIN_PX_PER_DAY)
    return MIN_PX_PER_DAY * math.exp(span * value / STEPS)


class TimelinePane(QWidget):
    """Zoom controls above the timeline view."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline-pane")
        self.view = TimelineView(ctx)
        tools = QHBoxLayout()
        tools.setContentsMargins(4, 2, 4, 0)
        hint = QLabel(
            "Drag a bar to move it, its ends to change dates; Shift+drag a phase onto another "
            "to link them. Ctrl+wheel zooms."
        )
        hint.setObjectName("timeline-hint")
        hint.setToolTip(hint.text())
        # cut short in a narrow dock rather than widen it (and squeeze the window's columns)
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        tools.addWidget(hint, 1)
        self.zoom_out = self._button("−", "Zoom out", lambda: self._step(1 / 1.5))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, STEPS)
        self.slider.setFixedWidth(140)
        self.slider.setAccessibleName("Timeline zoom")
        self.slider.setToolTip("Zoom: from years to days")
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.zoom_in = self._button("+", "Zoom in", lambda: self._step(1.5))
        self.fit = self._button("Fit", "Zoom to fit the whole plan", self.view.fit)
        self.today = self._button(
            "Today", "Scroll to today", lambda: self.view.scroll_to_day(date.today())
        )
        self.baseline = BaselinePicker(ctx.baseline)
        tools.addWidget(self.baseline)
        for widget in (self.zoom_out, self.slider, self.zoom_in, self.fit, self.today):
            tools.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        self.view.zoomed.connect(self._on_view_zoomed)

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        return button

    def _step(self, factor: float) -> None:
        self.view.set_zoom(self.view.scale.px_per_day * factor)

    def _on_slider_value_changed(self, value: int) -> None:
        if _to_slider(self.view.scale.px_per_day) != value:
            self.view.set_zoom(_from_slider(value))

    def _on_view_zoomed(self, px_per_day: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(_to_slider(px_per_day))
        self.slider.blockSignals(False)
