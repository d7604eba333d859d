"""Regenerates the committed fixture workbooks (run by hand; the tests only read them).

    .venv/bin/python tests/io/xlsx/files/make_fixtures.py

- ``planner_libreoffice.xlsx``: a planner's budget sheet (title banner merged over
  the columns, header on row 4, columns in their own order, blank rows, dates as
  dates, text and serial numbers, money as text with symbols and separators, formula
  totals, subtotal rows), saved by LibreOffice Calc.
- ``planner_google_sheets.xlsx``: the same content in the shape Google Sheets exports:
  no ``<dimension>`` element and a formatted but empty grid down to row 1000.
- ``legacy.xls``: an Excel 97-2003 workbook written by LibreOffice.
- ``encrypted.xlsx``: a password-protected workbook (password "secret"), made with
  msoffcrypto-tool in a throwaway virtual environment (not a project dependency):
  ``OOXMLFile(open(plain, "rb")).encrypt("secret", out)``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

HERE = Path(__file__).parent


def planner_sheet(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Budget FY27"
    ws["A1"] = "Project Falcon: compute and team budget"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:I1")
    ws["A2"] = "Prepared by finance, draft 3"
    ws.append([])
    ws.append(
        ["Supplier", "Line item", "Category", "Start", "End", "Qty", "Unit price", "Total", "Notes"]
    )
    rows = [
        [
            "Lambda",
            "Fine-tuning GPUs (8x H100)",
            "Compute",
            date(2027, 3, 1),
            date(2027, 6, 30),
            8,
            "$2,990.00",
            None,
            "per GPU-month",
        ],
        [
            "",
            "Experiment GPUs",
            "Cloud Resources",
            "15/01/2027",
            "28/02/2027",
            "2",
            "$1,950.50",
            None,
            "text dates, day first",
        ],
        [None, None, None, None, None, None, None, None, None],
        ["", "ML engineer", "People", 46388, 46752, 1, 12500, None, "serial-number dates"],
        [
            "JetBrains",
            "IDE seats",
            "Software",
            date(2027, 1, 1),
            date(2027, 12, 31),
            "10",
            "$ 55",
            None,
            "",
        ],
        [None, "Subtotal", None, None, None, None, None, None, None],
        [
            "AWS",
            "Checkpoint storage",
            "Infrastructure",
            date(2027, 3, 1),
            date(2027, 12, 31),
            "1,200",
            "0.023",
            None,
            "GB",
        ],
        [None, "Total", None, None, None, None, None, None, None],
    ]
    for values in rows:
        ws.append(values)
        r = ws.max_row
        if values[1] and values[5] is not None:
            ws.cell(r, 8, f"=F{r}*G{r}")
    ws.column_dimensions["B"].width = 30
    wb.save(path)


def libreoffice_copy(source: Path, target: Path, fmt: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--norestore",
                f"-env:UserInstallation={profile.as_uri()}",
                "--convert-to",
                fmt,
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        produced = Path(tmp) / f"{source.stem}.{fmt.split(':')[0]}"
        shutil.copy(produced, target)


def google_sheets_shape(source: Path, target: Path) -> None:
    """Drop the dimension and pad a formatted empty grid, as Google Sheets exports do."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                text = re.sub(r"<dimension [^>]*/>", "", text)
                pad = "".join(f'<row r="{r}"><c r="A{r}" s="0"/></row>' for r in range(40, 1001))
                text = text.replace("</sheetData>", pad + "</sheetData>")
                data = text.encode("utf-8")
            zout.writestr(info, data)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "planner.xlsx"
        planner_sheet(plain)
        libreoffice_copy(plain, HERE / "planner_libreoffice.xlsx", "xlsx")
        google_sheets_shape(HERE / "planner_libreoffice.xlsx", HERE / "planner_google_sheets.xlsx")
        libreoffice_copy(plain, HERE / "legacy.xls", "xls")
    print("wrote", *sorted(p.name for p in HERE.glob("*.xls*")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
