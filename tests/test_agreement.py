"""The summary, the workbook and the PDF pack show the same figures to the cent."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

from app.io.xlsx.layout import NAME_CONTINGENCY, NAME_SUBTOTAL, NAME_TOTAL
from tests.io.pdf.pdftools import text_pages


def budgetwright(db: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def named(workbook_path: Path, name: str) -> Decimal:
    workbook = load_workbook(workbook_path, data_only=True)
    sheet, cell = next(iter(workbook.defined_names[name].destinations))
    return Decimal(str(workbook[sheet][cell.replace("$", "")].value)).quantize(Decimal("0.01"))


def test_summary_workbook_and_pack_agree_to_the_cent(tmp_path: Path) -> None:
    db = tmp_path / "b.db"
    summary = json.loads(budgetwright(db, "summary", "1", "--json"))
    budgetwright(db, "export", "1", "--xlsx", str(tmp_path / "plan.xlsx"))
    budgetwright(db, "pdf", "1", "--out", str(tmp_path / "pack.pdf"))

    workbook = tmp_path / "plan.xlsx"
    assert named(workbook, NAME_SUBTOTAL) == Decimal(summary["subtotal"])
    assert named(workbook, NAME_CONTINGENCY) == Decimal(summary["contingency"])
    assert named(workbook, NAME_TOTAL) == Decimal(summary["total"])

    pack = "\n".join(text_pages(tmp_path / "pack.pdf"))
    for key in ("subtotal", "contingency", "total"):
        assert f"{Decimal(summary[key]):,}" in pack
    for amount in summary["by_category"].values():
        assert f"{Decimal(amount):,}" in pack
