"""What goes into a PDF budget pack: paper, sections, and whether pay is withheld.

Asked before Export PDF and before Print, with the planner's last answers filled in
(kept in the window's settings). The paper starts from the locale: US Letter where
Letter is the norm, A4 elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from app.io.pdf import SECTIONS
from ui.theme import set_role

PAPERS: tuple[tuple[str, str], ...] = (
    ("a4", "A4 (210 × 297 mm)"),
    ("letter", "US Letter (8.5 × 11 in)"),
)

SECTION_LABELS: dict[str, tuple[str, str]] = {
    "cover": ("Co&ver page", "The plan, its horizon and the total with contingency"),
    "summary": ("&Executive summary", "Totals by category, year and phase; the costliest lines"),
    "charts": ("C&harts", "Monthly cost by category, cumulative spend, shares"),
    "timeline": ("&Timeline", "Phases and every line as bars over the months"),
    "categories": ("Cost by &category", "A table per category with every line and its total"),
    "assumptions": (
        "&Assumptions and prices",
        "Plan settings, notes and every catalogue price used, with source and date",
    ),
    "compute": (
        "Co&mpute and energy",
        "Accelerator-hours, kWh and CO₂ of every training run, serving and powered line",
    ),
    "risk": (
        "Ris&k",
        "P10 to P95 of the subtotal from the lines' low and high estimates, the"
        " cumulative curve, the lines that drive the spread and the method",
    ),
    "signoff": ("&Sign-off", "Names, roles, dates and signatures"),
}
"""Each section as the pack itself heads it (with a mnemonic), and what it holds."""

REDACT_LABEL = "&Redact salaries (show pay only as one pooled People costs figure)"

LETTER_TERRITORIES = frozenset(
    {
        QLocale.Country.UnitedStates,
        QLocale.Country.Canada,
        QLocale.Country.Mexico,
        QLocale.Country.Philippines,
        QLocale.Country.Chile,
        QLocale.Country.Colombia,
        QLocale.Country.PuertoRico,
    }
)
"""Where US Letter, not A4, is the paper in the printer."""

_KEY_PAPER = "pdf_pack/paper"
_KEY_LEFT_OUT = "pdf_pack/left_out"
_KEY_REDACT = "pdf_pack/redact_salaries"


@dataclass(frozen=True)
class PackOptions:
    """The planner's choices, as :func:`app.io.pdf.write_pack` takes them."""

    paper: str
    sections: tuple[str, ...]
    redact_salaries: bool = False


def default_paper(locale: QLocale | None = None) -> str:
    """US Letter for the locales that use it, A4 for the rest of the world."""
    territory = (locale or QLocale()).territory()
    return "letter" if territory in LETTER_TERRITORIES else "a4"


def remembered(store: QSettings, locale: QLocale | None = None) -> PackOptions:
    """The last choices made (every section, unredacted, the locale's paper at first).

    The sections left out are kept rather than those included, so a section added in a
    later version is in the pack until the planner leaves it out.
    """
    paper = str(store.value(_KEY_PAPER, "", type=str) or "")
    if paper not in dict(PAPERS):
        paper = default_paper(locale)
    stored = store.value(_KEY_LEFT_OUT, [], type=list)
    left_out = {str(s) for s in stored} if isinstance(stored, list) else set()
    sections = tuple(s for s in SECTIONS if s not in left_out) or SECTIONS
    redact = bool(store.value(_KEY_REDACT, False, type=bool))
    return PackOptions(paper, sections, redact)


def remember(store: QSettings, options: PackOptions) -> None:
    store.setValue(_KEY_PAPER, options.paper)
    store.setValue(_KEY_LEFT_OUT, [s for s in SECTIONS if s not in options.sections])
    store.setValue(_KEY_REDACT, options.redact_salaries)
    store.sync()


class PackDialog(QDialog):
    """Paper, sections and redaction of a budget pack; OK needs at least one section."""

    def __init__(
        self, options: PackOptions, title: str, accept_text: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("pack-dialog")
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper")
        for key, label in PAPERS:
            self.paper.addItem(label, key)
        self.paper.setCurrentIndex(max(self.paper.findData(options.paper), 0))
        paper_label = QLabel("&Paper")
        paper_label.setBuddy(self.paper)
        form = QFormLayout()
        form.addRow(paper_label, self.paper)

        box = QGroupBox("Sections to include")
        box_layout = QVBoxLayout(box)
        self.sections: dict[str, QCheckBox] = {}
        for key in SECTIONS:
            label, hint = SECTION_LABELS.get(key, (key.capitalize(), ""))
            check = QCheckBox(label)
            check.setObjectName(f"section-{key}")
            check.setAccessibleName(label.replace("&", ""))
            check.setToolTip(hint)
            check.setChecked(key in options.sections)
            check.toggled.connect(self._on_section_toggled)
            box_layout.addWidget(check)
            self.sections[key] = check

        self.redact = QCheckBox(REDACT_LABEL)
        self.redact.setObjectName("redact-salaries")
        self.redact.setAccessibleName(REDACT_LABEL.replace("&", ""))
        self.redact.setToolTip(
            "Pay (the human category and every staff line) is left out of every line, "
            "section, category and phase figure, the charts' months and the assumptions; "
            "it shows only as one People costs figure, and a total that would give one "
            "person's pay away is printed as redacted."
        )
        self.redact.setChecked(options.redact_salaries)

        self.message = QLabel("Choose at least one section.")
        set_role(self.message, "message")
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(accept_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        layout.addWidget(self.redact)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._on_section_toggled()

    def options(self) -> PackOptions:
        """The choices as they stand in the dialog."""
        return PackOptions(
            paper=str(self.paper.currentData()),
            sections=tuple(key for key, check in self.sections.items() if check.isChecked()),
            redact_salaries=self.redact.isChecked(),
        )

    def _on_section_toggled(self, _checked: bool = False) -> None:
        chosen = any(check.isChecked() for check in self.sections.values())
        self.ok.setEnabled(chosen)
        self.message.setVisible(not chosen)

    def accept(self) -> None:
        if not self.options().sections:
            return
        super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, store: QSettings, title: str, accept_text: str
    ) -> PackOptions | None:
        """Ask modally, starting from the last choices; remember what was accepted."""
        dialog = cls(remembered(store), title, accept_text, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            options = dialog.options()
        finally:
            dialog.deleteLater()
        remember(store, options)
        return options
