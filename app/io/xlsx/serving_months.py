"""Serving's Monthly cells as live formulas, where a spreadsheet gives the engine's cents.

A month's accelerators are max(min_accelerators, ⌈demand × peak_to_average ÷
(tokens_per_second × 86,400 × days in the month)⌉) and its cost accelerators × active
days × the rate per accelerator-day, rounded to the cent (DESIGN.md "Compute-sized
lines"). A spreadsheet works in binary floating point, so before writing the formula
the export evaluates it the same way, month by month: where a quotient lands within
a hair of a whole number (or a cost of a half cent) the spreadsheet might round the
other way, and that line's months are written as the engine's numbers instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from app.domain.plan import Line
from app.engine.calendar import active_days, month_index, month_lengths
from app.engine.compute import serving_accelerators
from app.io.xlsx.exact import cell_number
from app.io.xlsx.formulas import month_template_refs

Ref = Callable[[str], str]
SNAP = 1e-9  # relative distance from a whole number within which a float is not trusted


def _or(driver: Ref, key: str, default: str) -> str:
    ref = driver(key)
    return f'IF({ref}="",{default},{ref})'


def serving_template(
    line: Line, row: int, driver: Ref, digits: int, amounts: Sequence[int], fx: float = 1.0
) -> str | None:
    """The Monthly cell formula (``{c}`` for the column letter), or None to write numbers.

    ``amounts`` are the engine's cells of the line (minor units, from its start month).
    """
    if not _floats_agree(line, digits, amounts, fx):
        return None
    refs = month_template_refs(row)
    demand = f"({driver('tokens_per_month')}+{driver('growth_per_month')}*{refs.k})"
    capacity = f"({driver('tokens_per_second')}*86400*{refs.days})"
    need = f"ROUNDUP({demand}*{_or(driver, 'peak_to_average', '1')}/{capacity},0)"
    accelerators = f"MAX({_or(driver, 'min_accelerators', '0')},{need})"
    return f"=ROUND({accelerators}*{refs.active}*{refs.rate},{digits})"


def _floats_agree(line: Line, digits: int, amounts: Sequence[int], fx: float = 1.0) -> bool:
    """True if the formula, evaluated in doubles, gives the engine's count and cents."""
    d = line.drivers
    tpm, growth = cell_number(d["tokens_per_month"]), cell_number(d["growth_per_month"])
    peak = cell_number(d.get("peak_to_average", "1"))
    tps = cell_number(d["tokens_per_second"])
    floor = cell_number(d.get("min_accelerators", "0"))
    rate = cell_number(d["unit_cost"]) * 24 * fx
    first = month_index(line.start)
    days = active_days(line.start, line.end)
    counts = serving_accelerators(d, first, len(days))
    lengths = month_lengths(first, first + len(days))
    scale = 10**digits
    return len(amounts) == len(days) and all(
        _count_agrees((tpm + growth * k) * peak / (tps * 86400 * dim), floor, count)
        and _cents_agree(count * active * rate * scale, amount)
        for k, (active, dim, count, amount) in enumerate(
            zip(days, lengths, counts, amounts, strict=True)
        )
    )


def _count_agrees(quotient: float, floor: float, count: int) -> bool:
    nearest = round(quotient)
    if quotient != nearest and abs(quotient - nearest) <= SNAP * max(1.0, abs(quotient)):
        return False  # a hair from a whole number: the spreadsheet may round either way
    return max(floor, math.ceil(quotient)) == count


def _cents_agree(minor: float, amount: int) -> bool:
    """Rounds half-up to the engine's amount, and not from within a hair of a half unit."""
    off_half = abs(minor - math.floor(minor) - 0.5) > SNAP * max(1.0, abs(minor))
    return off_half and math.floor(minor + 0.5) == amount
