"""Where a line's price comes from: the catalogue entry, its source, date and specs.

Planners must defend every number; the card shows the copied price with its date
and source, the hardware specs, a doubt the catalogue records, and whether the
catalogue has moved on since the price was copied.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.domain.plan import CatalogueEntry, Line
from app.domain.price_book import STALE_MONTHS, is_stale, months_old
from ui.theme import Card

SPEC_LABELS = {
    "memory_gb": "Memory (GB)",
    "mem_bw_tbps": "Memory bandwidth (TB/s)",
    "bf16_dense_tflops": "BF16 dense (TFLOPS)",
    "fp8_dense_tflops": "FP8 dense (TFLOPS)",
    "tdp_w": "Power (W)",
    "provider": "Provider",
    "instance_type": "Instance type",
    "gpus_per_instance": "GPUs per instance",
    "pricing": "Pricing",
    "fp16_dense_tflops": "FP16 dense (TFLOPS)",
    "spec_note": "Note",
}


def stale_html(line: Line, stale_months: int, today: date | None = None) -> str:
    """A warning when the copied price is ``stale_months`` old or more ("" if not)."""
    today = today or date.today()
    if not is_stale(line.catalogue_as_of, today, stale_months):
        return ""
    assert line.catalogue_as_of is not None
    age = months_old(line.catalogue_as_of, today)
    return (
        f"<b>Stale:</b> the copied price is {age} months old (stale from {stale_months}); "
        "check it, or import a newer price book and reprice (Plan ▸ Reprice from Catalogue)."
    )


def card_html(
    line: Line,
    entry: CatalogueEntry | None,
    stale_months: int = STALE_MONTHS,
    today: date | None = None,
) -> str:
    """The card's text (rich text, escaped)."""
    if line.catalogue_ref is None:
        return "<i>No catalogue price: the rate is the planner's own estimate.</i>"
    stale = stale_html(line, stale_months, today)
    if entry is None:
        return (
            f"<b>{escape(line.catalogue_ref)}</b><br>Copied price {escape(line.catalogue_price or '')}"
            f" as of {line.catalogue_as_of}; the catalogue no longer has this entry."
            + (f"<br>{stale}" if stale else "")
        )
    parts = [
        f"<b>{escape(entry.name)}</b>",
        f"{escape(line.catalogue_currency or entry.currency)} "
        f"{escape(line.catalogue_price or entry.price)} per "
        f"{escape(entry.unit)}, as of {line.catalogue_as_of or entry.as_of}",
        f"Source: {escape(entry.source)}",
    ]
    reason = entry.specs.get("uncertain_reason")
    if entry.uncertain:
        why = escape(reason) if reason else "the catalogue marks this price as an estimate"
        parts.append(f"<b>Uncertain:</b> {why}.")
    if stale:
        parts.append(stale)
    if (line.catalogue_price, line.catalogue_as_of) != (entry.price, entry.as_of):
        parts.append(
            f"The catalogue now says {escape(entry.currency)} {escape(entry.price)} as of "
            f"{entry.as_of} (Plan ▸ Reprice from Catalogue takes it)."
        )
    specs = [
        f"{escape(SPEC_LABELS.get(k, k.replace('_', ' ')))}: <b>{escape(v)}</b>"
        for k, v in entry.specs.items()
        if k not in ("uncertain_reason", "spec_source")
    ]
    if specs:
        parts.append(" · ".join(specs))
    if datasheet := entry.specs.get("spec_source"):
        parts.append(f"Specs: {escape(datasheet)}")
    return "<br>".join(parts)


class PriceCard(Card):
    """A framed, selectable text about the selected line's catalogue price."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setAccessibleName("Catalogue price and source")
        layout.addWidget(self.label)

    def show_price(
        self, line: Line | None, entry: CatalogueEntry | None, stale_months: int = STALE_MONTHS
    ) -> None:
        self.label.setText("" if line is None else card_html(line, entry, stale_months))

    def text(self) -> str:
        return self.label.text()
