"""The workbook's exchange rates are live inputs: LibreOffice recomputes them to the cent.

The EUR plan with USD and GBP lines is written; one copy has its USD rate changed in the
Rates sheet, as a finance partner would. After LibreOffice recalculates both, every line
month and total equals the engine's for the rates the workbook holds, and re-importing
reads the new rate back.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.engine.budget import Budget
from app.io.xlsx import read_workbook, write_workbook
from app.io.xlsx.layout import RATES, fx_name
from tests.currency_fixture import SNAPSHOT
from tests.io.xlsx.conftest import Recalc
from tests.io.xlsx.test_recalc import assert_engine_figures


def _set_rate(path: Path, target: Path, currency: str, rate: float) -> None:
    wb = openpyxl.load_workbook(path)
    sheet, cell = next(iter(wb.defined_names[fx_name(currency)].destinations))
    assert sheet == RATES
    wb[sheet][cell.replace("$", "")].value = rate
    wb.save(target)


@pytest.mark.slow
def test_libreoffice_recomputes_the_totals_from_the_rate_cells(
    recalc: Recalc, tmp_path: Path
) -> None:
    written = tmp_path / "fx.xlsx"
    write_workbook(SNAPSHOT, [], written)
    edited = tmp_path / "fx-dollar-at-par.xlsx"
    _set_rate(written, edited, "USD", 1.0)
    as_written, as_edited = recalc([written, edited])

    assert_engine_figures(written, SNAPSHOT)  # the stored values
    assert_engine_figures(as_written, SNAPSHOT)  # recomputed by LibreOffice

    back = read_workbook(as_edited)
    assert back.plan.fx_rate("USD") is not None
    assert Decimal(back.plan.fx_rate("USD").rate) == 1  # type: ignore[union-attr]
    assert back.plan.fx_rate("GBP") == SNAPSHOT.plan.fx_rate("GBP")  # untouched: exact
    assert_engine_figures(as_edited, back)
    before = Budget(SNAPSHOT.plan, [replace(x, id=i + 1) for i, x in enumerate(SNAPSHOT.lines)])
    after = Budget(back.plan, [replace(x, id=i + 1) for i, x in enumerate(back.lines)])
    assert after.total > before.total
