"""Reading one cell the way a planner meant it: text, numbers, dates and yes/no.

Workbooks come from Excel, LibreOffice, Google Sheets and people: numbers typed as
text with currency signs and thousands separators, dates as serial numbers or in
several written forms, control characters escaped as ``_xHHHH_``. Each reader returns
a plain value or raises ``ValueError`` with the reason a planner can act on.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from xlsxwriter.utility import xl_col_to_name

from app.io.xlsx.exact import natural_text

_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_SPACES = dict.fromkeys(map(ord, " \u00a0\u202f\u2009\u2007'’"), None)
_ISO_CODE = re.compile(r"^[A-Z]{3}\s*|\s*[A-Z]{3}$")
_GROUPED = re.compile(r"^\d{1,3}([.,])\d{3}(\1\d{3})*$")
_EPOCH_1900 = datetime(1899, 12, 30)
_MAX_SERIAL = 2_958_465  # 9999-12-31
FIRST_YEAR = 1900  # a date before this is a number read as a date (0 or 1E-300 is 1899-12-30)
MAX_HIDDEN = (1 << 63) - 1  # ids and positions are SQLite integers


def address(row: int, col: int) -> str:
    """``K7`` for 0-based ``row`` 6 and ``col`` 10."""
    return f"{xl_col_to_name(col)}{row + 1}"


def decode(text: str) -> str:
    """Undo the ``_xHHHH_`` escapes spreadsheet files use for control characters.

    A surrogate pair of escapes is one character; a lone surrogate is no character at
    all (it could not be stored), so its escape stays as written.
    """
    if "_x" not in text:
        return text
    text = _PAIR.sub(lambda m: _joined(int(m.group(1), 16), int(m.group(2), 16)), text)
    return _ESCAPE.sub(_escaped, text)


_PAIR = re.compile(r"_x(D[89ABab][0-9A-Fa-f]{2})__x(D[C-Fc-f][0-9A-Fa-f]{2})_")


def _joined(high: int, low: int) -> str:
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _escaped(match: re.Match[str]) -> str:
    code = int(match.group(1), 16)
    return match.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text_of(value: object) -> str:
    """A cell as text: numbers as typed, dates as ISO, escapes decoded, blank as ``""``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return decode(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return natural_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def hidden_number(value: object, *, least: int = 0) -> int | None:
    """A hidden id or position cell as written (a whole number), None when blank.

    Anything else (text, a fraction, ``1E+400`` read as infinity) means the hidden cell
    was edited or damaged, and is refused rather than guessed.
    """
    if is_blank(value):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("is not a whole number (a hidden cell was edited?)")
    if isinstance(value, float) and not (value.is_integer() and abs(value) <= MAX_HIDDEN):
        raise ValueError("is not a whole number in range (a hidden cell was edited?)")
    number = int(value)
    if not least <= number <= MAX_HIDDEN:
        raise ValueError(f"is out of range ({least} to {MAX_HIDDEN:,})")
    return number


def hidden_id(value: object) -> int | None:
    """A hidden id cell (0 and below are rows never saved)."""
    return hidden_number(value, least=-MAX_HIDDEN)


def flag_of(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = text_of(value).strip().lower()
    if text in ("true", "yes", "y", "1", "x", "✓"):
        return True
    if text in ("false", "no", "n", "0", ""):
        return False
    raise ValueError("is not yes or no (TRUE/FALSE)")


def decimal_of(value: object, *, percent: bool = False, decimal_comma: bool = False) -> str:
    """The exact decimal text of a number cell, or of number-like text.

    ``"$1,234.50"`` → ``"1234.50"``; ``"(12)"`` → ``"-12"``; ``"85%"`` → ``"0.85"``, or
    ``"85"`` for a ``percent`` field (one kept in percent, such as overhead).
    """
    if isinstance(value, bool):
        raise ValueError("is TRUE/FALSE, not a number")
    if isinstance(value, int | float):
        if isinstance(value, float) and (value != value or value in (float("inf"), -float("inf"))):
            raise ValueError("is not a finite number")
        return natural_text(value)
    if isinstance(value, date):
        raise ValueError("is a date, not a number")
    text = text_of(value).strip()
    if not text:
        raise ValueError("is empty")
    negative = text.startswith("(") and text.endswith(")")
    if negative:
        text = text[1:-1].strip()
    scaled = text.endswith("%")
    text = text.rstrip("%").strip()
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Sc")
    text = _ISO_CODE.sub("", text.strip()).translate(_SPACES)
    if text.startswith("-"):
        negative, text = not negative, text[1:]
    elif text.startswith("+"):
        text = text[1:]
    number = _plain(text, decimal_comma)
    try:
        parsed = Decimal(number)
    except InvalidOperation:
        raise ValueError("is not a number") from None
    if not parsed.is_finite():
        raise ValueError("is not a finite number")
    if scaled and not percent:
        parsed = parsed.scaleb(-2)
        number = format(parsed, "f")
    return f"-{number}" if negative and parsed != 0 else number


def _plain(text: str, decimal_comma: bool) -> str:
    """Digits with ``.`` as the only separator, reading ``,`` and ``.`` as the file meant."""
    if "," in text and "." in text:
        point = "," if text.rindex(",") > text.rindex(".") else "."
        group = "." if point == "," else ","
        return text.replace(group, "").replace(point, ".")
    sep = "," if "," in text else "." if "." in text else None
    if sep is None:
        return text
    grouped = _GROUPED.match(text) is not None
    thousands = grouped and ((sep == "," and not decimal_comma) or (sep == "." and decimal_comma))
    if thousands or text.count(sep) > 1:
        return text.replace(sep, "")
    return text.replace(sep, ".")


class DateOrder(StrEnum):
    """How to read ``03/04/2027``: day first, month first, or decide from the column."""

    AUTO = "auto"
    DMY = "DMY"
    MDY = "MDY"
    YMD = "YMD"


_NUMERIC_DATE = re.compile(r"^(\d{1,4})[./\-](\d{1,2})[./\-](\d{1,4})$")
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    name.lower(): i for i, name in enumerate(calendar.month_abbr) if name
}


def date_of(
    value: object,
    epoch: datetime = _EPOCH_1900,
    order: DateOrder = DateOrder.AUTO,
    *,
    end_of_month: bool = False,
) -> date:
    """A date cell, a serial number, or text in a common written form.

    ``end_of_month`` reads a bare month (``Mar 2027``) as its last day, for end dates.
    """
    if isinstance(value, datetime | date):
        return plausible(value.date() if isinstance(value, datetime) else value)
    if isinstance(value, time):
        raise ValueError("is a time of day, not a date")
    if isinstance(value, bool):
        raise ValueError("is TRUE/FALSE, not a date")
    if isinstance(value, int | float):
        if not 1 <= value <= _MAX_SERIAL:
            raise ValueError("is a number, not a date")
        return plausible((epoch + timedelta(days=int(value))).date())
    text = text_of(value).strip()
    if not text:
        raise ValueError("is empty")
    try:
        day = _written_date(text, order, end_of_month)
    except ValueError as exc:
        raise ValueError(f"is not a date ({exc})") from None
    return plausible(day)


def plausible(day: date) -> date:
    """A date a plan can mean: not the 1899/1900 a stray number turns into."""
    if day.year < FIRST_YEAR:
        raise ValueError(f"is {day.isoformat()}, a number shown as a date, not a plan date")
    return day


def numeric_date_parts(text: str) -> tuple[int, int, int] | None:
    """The three numbers of ``03/04/2027``-like text (for guessing a column's order)."""
    match = _NUMERIC_DATE.match(text.strip())
    if match is None or len(match.group(1)) == 4:
        return None
    a, b, c = (int(g) for g in match.groups())
    return a, b, c


def _written_date(text: str, order: DateOrder, end_of_month: bool) -> date:
    head = text.split("T")[0].split(" ")[0] if re.match(r"^\d{4}-\d\d-\d\d", text) else text
    match = _NUMERIC_DATE.match(head)
    if match is not None:
        a, b, c = (int(g) for g in match.groups())
        if len(match.group(1)) == 4 or order is DateOrder.YMD:
            return date(_full_year(a), b, c)
        if order is DateOrder.AUTO and "." in head:
            order = DateOrder.DMY  # 03.04.2027 is day-first wherever dots are written
        return _day_month(a, b, _full_year(c), order)
    words = re.findall(r"[A-Za-z]+|\d+", text)
    month = next((_MONTHS[w.lower()] for w in words if w.lower() in _MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    if month is None or not numbers:
        raise ValueError("write it as YYYY-MM-DD")
    year = _full_year(next((n for n in numbers if n > 31), numbers[-1]))
    days = [n for n in numbers if n <= 31 and _full_year(n) != year]
    if not days:
        last = calendar.monthrange(year, month)[1]
        return date(year, month, last if end_of_month else 1)
    return date(year, month, days[0])


def _day_month(a: int, b: int, year: int, order: DateOrder) -> date:
    if order is DateOrder.DMY:
        return date(year, b, a)
    if order is DateOrder.MDY:
        return date(year, a, b)
    if a > 12 >= b:
        return date(year, b, a)
    if b > 12 >= a or a == b:
        return date(year, a, b)
    raise ValueError(f"{a}/{b} could be day/month or month/day; set date_order in the mapping")


def _full_year(year: int) -> int:
    return 2000 + year if year < 100 else year
