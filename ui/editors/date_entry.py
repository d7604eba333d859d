"""A date typed whole, as planners write it, with a calendar to pick from.

``2027-03-01`` always works; so does the system locale's short form (``1/3/2027`` is
the 1st of March in a British locale and the 3rd of January in an American one).
The text is read only when the planner is done with it, so nothing clamps a day
while it is typed (a spin box turned ``2027-02-31`` into the 28th and stored that):
a date that does not exist stays in the field, refused, with the reason shown.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QLocale, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QLineEdit, QWidget

ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _locale_formats(locale: QLocale) -> list[str]:
    """The locale's short date form, with one- or two-digit days and months and a
    four-digit year (``M/d/yyyy`` for ``M/d/yy``)."""
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    simple = re.sub(r"y+", "yyyy", re.sub(r"M{1,2}", "M", re.sub(r"d{1,2}", "d", short)))
    return list(dict.fromkeys([simple, short]))


def typed_date(text: str, locale: QLocale | None = None) -> date | str:
    """The date the planner typed, or the text as typed (for the rules to refuse, saying how).

    ISO first (``2027-03-01``), then the locale's short form."""
    t = text.strip()
    found = ISO.fullmatch(t)
    if found:
        try:
            return date(*(int(part) for part in found.groups()))
        except ValueError:
            return t
    for form in _locale_formats(locale or QLocale()):
        q = QDate.fromString(t, form)
        if q.isValid() and q.year() >= 1000:
            return date(q.year(), q.month(), q.day())
    return t


def _calendar_icon(colour: QColor) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(colour, 1.2))
    painter.drawRect(2, 3, 12, 11)
    painter.drawLine(2, 6, 14, 6)
    painter.drawLine(5, 1, 5, 4)
    painter.drawLine(11, 1, 11, 4)
    for x in (5, 8, 11):
        for y in (9, 12):
            painter.drawPoint(x, y)
    painter.end()
    return QIcon(pixmap)


class DateEntry(QLineEdit):
    """A line edit for one date; :meth:`value` is a date, or the text if it is not one."""

    picked = Signal()
    """A day was picked in the calendar (the field is done, as on Enter)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("YYYY-MM-DD")
        sample = QLocale().toString(QDate(2027, 3, 1), QLocale.FormatType.ShortFormat)
        self.setToolTip(f"Type a date as 2027-03-01 or {sample}, or pick it from the calendar")
        self.calendar_action = QAction(
            _calendar_icon(self.palette().text().color()), "Pick from a calendar", self
        )
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.triggered.connect(self.pick)
        self._menu: QWidget | None = None

    def set_date(self, day: date) -> None:
        self.setText(day.isoformat())

    def value(self) -> date | str:
        return typed_date(self.text())

    def pick(self) -> None:
        """Show a calendar below the field; a click there sets the date."""
        from PySide6.QtWidgets import QCalendarWidget, QMenu, QWidgetAction  # (on use)

        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setGridVisible(False)
        current = self.value()
        if isinstance(current, date):
            calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)
        calendar.clicked.connect(lambda q: self._picked(q, menu))
        self._menu = menu
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.mapToGlobal(QPoint(0, self.height())))

    def _picked(self, q: QDate, menu: QWidget) -> None:
        self.set_date(date(q.year(), q.month(), q.day()))
        menu.close()
        self.setFocus()
        self.picked.emit()
