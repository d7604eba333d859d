"""A training run's precision: the catalogue accelerator's dense peak at BF16, FP8 or FP16.

Shown beside a run priced from a catalogue accelerator and sized by peak and MFU.
Picking a precision enters that peak as ``peak_tflops`` (one undoable edit); a note
says what the catalogue does not give for the part (a precision, its power).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from app.domain.plan import CostModel, Line
from app.io.compute_catalogue import PRECISION_LABELS
from app.services.compute_fields import accelerator_of
from app.services.line_columns import fillable_column
from ui.context import AppContext
from ui.theme import set_role

PEAK_COLUMN = fillable_column("peak_tflops", "Peak TFLOPS (dense)")


class PrecisionPick(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._line: Line | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setAccessibleName("Precision of the run (sets the peak TFLOPS)")
        self.combo.setToolTip("The accelerator's dense peak at this precision, from the catalogue")
        self.combo.activated.connect(self._on_picked)
        layout.addWidget(self.combo)
        self.note = QLabel()
        self.note.setWordWrap(True)
        set_role(self.note, "hint")
        layout.addWidget(self.note)
        self.hide()

    def show_line(self, line: Line | None) -> None:
        self._line = line
        entry = None
        if line is not None and line.cost_model == CostModel.TRAINING_RUN:
            entry = self._ctx.edit_context().catalogue.get(line.catalogue_ref or "")
        spec = accelerator_of(entry) if entry is not None else None
        if line is None or entry is None or spec is None:
            self.hide()
            return
        sized_by_peak = "tokens_per_second" not in line.drivers
        self.combo.clear()
        current = -1
        peak = line.drivers.get("peak_tflops")
        for precision in spec.precisions:
            figure = entry.specs[f"{precision}_dense_tflops"]
            self.combo.addItem(f"{PRECISION_LABELS[precision]}: {figure} TFLOPS dense", figure)
            if current < 0 and peak is not None and Decimal(peak) == Decimal(figure):
                current = self.combo.count() - 1
        if current < 0:
            self.combo.insertItem(0, f"Peak as typed: {peak or '—'} TFLOPS", None)
            current = 0
        self.combo.setCurrentIndex(current)
        self.combo.setVisible(sized_by_peak and bool(spec.precisions))
        missing = spec.missing()  # at the part's first precision: only what it never gives
        if missing and spec.power_watts is None:
            power = line.drivers.get("power_watts", "0")
            missing[-1] += (
                ", so type its power to see energy"
                if Decimal(power) == 0
                else f"; the {power} W shown is not the catalogue's"
            )
        self.note.setText(
            f"The catalogue gives {spec.name} {'; '.join(missing)}." if missing else ""
        )
        self.note.setVisible(bool(missing))
        self.setVisible(self.combo.isVisibleTo(self) or bool(missing))

    def _on_picked(self, index: int) -> None:
        figure = self.combo.itemData(index)
        line = self._line
        if figure is None or line is None or line.id is None:
            return
        self._ctx.edit_line(line, PEAK_COLUMN, figure)
