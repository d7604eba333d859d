"""Reading the Rates sheet back: the plan's exchange rates, exactly as entered.

A rate the planner left alone reads back as the exact text the hidden sheet keeps; a
rate changed in the spreadsheet is read as the cell's number. Each problem names the
Rates sheet and the cell.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.plan import FxRate
from app.io.xlsx.cells import address, date_of, decimal_of, is_blank, text_of
from app.io.xlsx.exact import same_number
from app.io.xlsx.layout import RATES
from app.io.xlsx.problems import Problems
from app.io.xlsx.rows import stream_rows
from app.io.xlsx.sheet_rates import AS_OF_COL, FIRST_ROW, RATE_COL, SOURCE_COL


def read_rates(wb: Any, path: Path, meta: dict[str, str], problems: Problems) -> tuple[FxRate, ...]:
    """The rates on the Rates sheet (none without the sheet), in code order."""
    if RATES not in wb.sheetnames:
        return ()
    try:
        exact = json.loads(meta.get("fx_rates") or "{}")
    except ValueError:
        exact = {}
    found: list[FxRate] = []
    for row, cells in stream_rows(wb[RATES], path, first=FIRST_ROW, max_col=AS_OF_COL + 1):
        cells = cells + (None,) * (AS_OF_COL + 1 - len(cells))
        if all(is_blank(c) for c in cells):
            continue
        code = text_of(cells[0]).strip().upper()
        value = cells[RATE_COL]
        text = exact.get(code) if isinstance(exact, dict) else None
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if isinstance(text, str) and number and same_number(value, text):
            rate = text
        else:
            try:
                rate = _tidy(decimal_of(value))
            except (ValueError, ArithmeticError) as exc:
                cell = address(row, RATE_COL)
                problems.add(RATES, cell, f"rate {code}", text_of(value), str(exc))
                continue
        as_of = None
        if not is_blank(cells[AS_OF_COL]):
            try:
                as_of = date_of(cells[AS_OF_COL], wb.epoch)
            except ValueError as exc:
                cell = address(row, AS_OF_COL)
                problems.add(RATES, cell, "as_of", text_of(cells[AS_OF_COL]), str(exc))
                continue
        found.append(FxRate(code, rate, text_of(cells[SOURCE_COL]), as_of))
    return tuple(sorted(found, key=lambda r: r.currency))


def _tidy(text: str) -> str:
    value = Decimal(text)
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return f"{value.normalize():f}"
