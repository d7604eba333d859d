"""Time and size the PDF budget pack, and compare it with what it must beat.

Run: ``.venv/bin/python benchmarks/bench_pdf.py [--lines 10000] [--skip-soffice]``.
Prints one line per figure, and a verdict per target:

- the sample plan's pack: at most 1.5 s;
- a 10,000-line plan's pack: at most 1.5x the time reportlab needs to lay out the same
  rows as bare tables (chunked ``Table(repeatRows=1)`` of plain strings, the fastest
  plain-reportlab way, with the pack's own stream setting), and faster than LibreOffice
  converting the plan's workbook to PDF (``soffice --headless --convert-to pdf``); all
  three measured side by side in this run;
- the 10,000-line pack's peak memory (a subprocess's ``ru_maxrss``): at most 400 MB.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from app.domain.errors import BudgetwrightError
from app.domain.plan import CatalogueEntry, PlanSnapshot
from app.domain.taxonomy import standard_taxonomy
from app.io.pdf import render_pack, with_line_ids, write_pack
from app.io.pdf.fonts import SANS, SANS_BOLD, register
from app.io.pdf.pack import Pack, Page
from app.io.pdf.sections.categories import columns, line_cells
from app.services.workspace import Workspace
from benchmarks.large_plan import large_plan

SAMPLE_LIMIT = 1.5
BARE_FACTOR = 1.5
MEMORY_LIMIT_MB = 400


def timed(work: Callable[[], object], repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - began)
    return best


def bare_tables(snapshot: PlanSnapshot, out: Path, chunk: int = 200) -> None:
    """The same rows as the pack's category tables, laid out by plain reportlab."""
    register()
    pack = Pack(with_line_ids(snapshot), {}, standard_taxonomy(), Page(A4), date.today())
    cols = columns(pack)
    header = [c.title for c in cols]
    rows = [line_cells(pack, line) for line in pack.snapshot.lines]
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), SANS, 7.5, 9),
            ("FONT", (0, 0), (-1, 0), SANS_BOLD, 7.5, 9),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (-2, 0), (-1, -1), "RIGHT"),
        ]
    )
    story = [
        Table(
            [header, *rows[i : i + chunk]],
            colWidths=[c.width for c in cols],
            repeatRows=1,
            style=style,
        )
        for i in range(0, len(rows), chunk)
    ]
    doc = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=36, rightMargin=36, initialFontName=SANS
    )
    doc.build(story)


def workbook(snapshot: PlanSnapshot, catalogue: list[CatalogueEntry], out: Path) -> str:
    """The plan's workbook: the exporter's if it is built, else the same rows via XlsxWriter."""
    from app.io.xlsx import write_workbook

    try:
        write_workbook(snapshot, catalogue, out)
        return "app.io.xlsx.write_workbook"
    except BudgetwrightError:
        pass
    import xlsxwriter

    pack = Pack(with_line_ids(snapshot), {}, standard_taxonomy(), Page(A4), date.today())
    book = xlsxwriter.Workbook(str(out))
    money = book.add_format({"num_format": "#,##0.00"})
    for category, lines in pack.lines_by_category.items():
        sheet = book.add_worksheet(category.title())
        sheet.write_row(0, 0, ["Line", "Model", "Drivers", "Start", "End", "Rate", "Total"])
        for r, line in enumerate(lines, start=1):
            cells = line_cells(pack, line)
            sheet.write_row(r, 0, cells[:5])
            sheet.write_number(r, 6, pack.total_of(line) / 100, money)
        sheet.write_formula(len(lines) + 1, 6, f"=SUM(G2:G{len(lines) + 1})", money)
    book.close()
    return "XlsxWriter directly (app.io.xlsx.write_workbook is still a stub)"


def soffice_to_pdf(xlsx: Path, folder: Path, profile: Path) -> None:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(xlsx),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )


def peak_memory_mb(count: int, out: Path) -> float:
    """Peak resident memory of a fresh process writing the ``count``-line pack."""
    code = (
        "import resource, sys; sys.path.insert(0, sys.argv[1]);"
        "from pathlib import Path;"
        "from benchmarks.bench_pdf import large_plan;"
        "from app.io.pdf import write_pack;"
        "write_pack(large_plan(int(sys.argv[2])), [], Path(sys.argv[3]));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    root = str(Path(__file__).resolve().parents[1])
    # The child reports its own peak: RUSAGE_CHILDREN would also count LibreOffice.
    done = subprocess.run(
        [sys.executable, "-c", code, root, str(count), str(out)],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.split()[-1]) / 1024


def verdict(ok: bool) -> str:
    return "ok" if ok else "TOO SLOW/BIG"


def main() -> int:
    parser = argparse.ArgumentParser(description="Time the PDF budget pack.")
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--skip-soffice", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        workspace = Workspace.open(folder / "b.db")
        sample_plan = workspace.plans()[0]
        assert sample_plan.id is not None
        snapshot, catalogue = workspace.snapshot(sample_plan.id), workspace.catalogue()
        first = timed(lambda: write_pack(snapshot, catalogue, folder / "sample.pdf"))
        warm = timed(lambda: write_pack(snapshot, catalogue, folder / "sample.pdf"), repeat=5)
        print(
            f"sample pack, first in process (fonts loaded): {first:.3f} s  "
            f"[{verdict(first <= SAMPLE_LIMIT)}, limit {SAMPLE_LIMIT} s]"
        )
        print(f"sample pack, warm (best of 5):               {warm:.3f} s")
        began = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "app.cli.main",
                "pdf",
                "1",
                "--db",
                str(folder / "b.db"),
                "--out",
                str(folder / "cli.pdf"),
            ],
            check=True,
            capture_output=True,
            cwd=Path(__file__).resolve().parents[1],
        )
        cli = time.perf_counter() - began
        print(
            f"sample pack, `budgetwright pdf` cold process: {cli:.3f} s (interpreter start included)"
        )

        big = large_plan(args.lines)
        ours = timed(lambda: render_pack(big, catalogue), repeat=2)
        size = len(render_pack(big, catalogue))
        bare = timed(lambda: bare_tables(big, folder / "bare.pdf"), repeat=2)
        only_tables = timed(lambda: render_pack(big, catalogue, sections=["categories"]), repeat=2)
        print(f"{args.lines}-line pack (all sections):         {ours:.3f} s, {size / 1e6:.1f} MB")
        print(f"{args.lines}-line category tables alone:        {only_tables:.3f} s")
        print(f"{args.lines} rows as bare reportlab tables:     {bare:.3f} s")
        ratio = ours / bare
        print(
            f"pack / bare tables:                        {ratio:.2f}x  "
            f"[{verdict(ratio <= BARE_FACTOR)}, limit {BARE_FACTOR}x]"
        )
        if args.skip_soffice or not shutil.which("soffice"):
            print("LibreOffice: skipped")
        else:
            xlsx = folder / "large.xlsx"
            how = workbook(big, catalogue, xlsx)
            profile = folder / "lo-profile"
            tiny = folder / "tiny.xlsx"
            import xlsxwriter

            book = xlsxwriter.Workbook(str(tiny))
            book.add_worksheet().write(0, 0, "warm-up")
            book.close()
            soffice_to_pdf(tiny, folder, profile)  # first start sets the profile up
            office = timed(lambda: soffice_to_pdf(xlsx, folder, profile))
            print(
                f"LibreOffice xlsx -> pdf ({how}): {office:.3f} s  "
                f"[{verdict(ours < office)}: pack must be faster]"
            )
        peak = peak_memory_mb(args.lines, folder / "big.pdf")
        print(
            f"{args.lines}-line pack peak memory (subprocess):  {peak:.0f} MB  "
            f"[{verdict(peak <= MEMORY_LIMIT_MB)}, limit {MEMORY_LIMIT_MB} MB]"
        )
        workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
