"""Hostile and broken files are refused quickly, in bounded memory, with exit status 2
and a message naming the file (and the sheet and cell when there is one); the
database is left exactly as it was."""

from __future__ import annotations

import time
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import openpyxl.xml
import pytest

from app.cli.main import main
from app.io.xlsx import write_workbook
from app.services.summary import plan_summary
from app.services.workspace import Workspace

FILES = Path(__file__).parent / "files"
SAMPLE = "Support assistant: fine-tune and serve"
BOMB = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "budget.db"
    Workspace.open(path).close()
    yield path


def state(db: Path) -> list[dict[str, object]]:
    workspace = Workspace.open(db)
    try:
        return [plan_summary(workspace.snapshot(p.id)) for p in workspace.plans() if p.id]
    finally:
        workspace.close()


def refused(db: Path, capsys: pytest.CaptureFixture[str], *args: str, seconds: float = 5) -> str:
    """Run the import; assert exit 2, a quick answer and an untouched database."""
    before = state(db)
    capsys.readouterr()
    started = time.perf_counter()
    status = main(["--db", str(db), "import", *args])
    elapsed = time.perf_counter() - started
    err = capsys.readouterr().err
    assert status == 2, err
    assert elapsed < seconds, f"took {elapsed:.1f} s"
    assert err.startswith("budgetwright: ") and err.count("\n") == 1, err
    assert state(db) == before
    return err


def exported(db: Path, path: Path) -> Path:
    workspace = Workspace.open(db)
    plan = workspace.find_plan(SAMPLE)
    assert plan.id is not None
    write_workbook(workspace.snapshot(plan.id), workspace.catalogue(), path)
    workspace.close()
    return path


def edited_export(
    db: Path, tmp_path: Path, sheet: str, cells: dict[tuple[str, int], object]
) -> tuple[Path, dict[str, str]]:
    """The sample exported, with ``cells`` ((header, row): value) overwritten in ``sheet``
    (a header may be given by its start); the workbook and the column letters by header."""
    wb = openpyxl.load_workbook(exported(db, tmp_path / "whole.xlsx"))
    ws = wb[sheet]
    header = {str(c.value): c.column_letter for c in ws[2]}
    for (title, row), value in cells.items():
        column = header.get(title) or next(
            letter for name, letter in header.items() if name.startswith(title)
        )
        ws[f"{column}{row}"] = value
    path = tmp_path / "Budget.xlsx"
    wb.save(path)
    return path, header


def replace_part(source: Path, target: Path, part: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, data if info.filename == part else zin.read(info))
    return target


def test_defusedxml_guards_openpyxl() -> None:
    assert openpyxl.xml.DEFUSEDXML


def test_not_a_zip(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "Budget.xlsx"
    path.write_text("Name,Amount\nGPUs,100\n")
    err = refused(db, capsys, str(path))
    assert str(path) in err and "not a zip archive" in err


def test_a_truncated_workbook(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    whole = exported(db, tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "Budget.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    err = refused(db, capsys, str(path))
    assert str(path) in err and "truncated or damaged" in err


def test_a_workbook_with_a_corrupt_part(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = exported(db, tmp_path / "whole.xlsx")
    path = replace_part(
        source, tmp_path / "Budget.xlsx", "xl/worksheets/sheet2.xml", b"<worksheet><sheetData><row"
    )
    err = refused(db, capsys, str(path))
    assert str(path) in err and "Computing Resources" in err


def test_an_encrypted_workbook(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = FILES / "encrypted.xlsx"
    err = refused(db, capsys, str(path))
    assert str(path) in err and "password-protected" in err


def test_a_legacy_xls(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = FILES / "legacy.xls"
    err = refused(db, capsys, str(path))
    assert str(path) in err and "legacy Excel 97-2003" in err and "save it as .xlsx" in err


def test_an_xml_entity_bomb(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = exported(db, tmp_path / "whole.xlsx")
    path = replace_part(source, tmp_path / "Budget.xlsx", "xl/worksheets/sheet2.xml", BOMB.encode())
    err = refused(db, capsys, str(path))
    assert f"{path}, sheet Computing Resources: declares XML entities" in err
    # Without our pre-check, defusedxml still stops openpyxl from expanding it.
    with pytest.raises(ValueError, match="Unable to read workbook"):
        openpyxl.load_workbook(path, read_only=True)


def test_a_decompression_bomb(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = exported(db, tmp_path / "whole.xlsx")
    path = tmp_path / "Budget.xlsx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/worksheets/sheet2.xml":
                zout.writestr(info.filename, zin.read(info))
                continue
            with zout.open(info.filename, "w", force_zip64=True) as part:
                part.write(
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                )
                block = b" " * (1 << 20)
                for _ in range(300):
                    part.write(block)
                part.write(b"</sheetData></worksheet>")
    assert path.stat().st_size < 3_000_000
    tracemalloc.start()
    try:
        err = refused(db, capsys, str(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "sheet Computing Resources: inflates to 314,572," in err and "decompression bomb" in err
    assert peak < 50 * 2**20


def million_rows(declared: bool) -> bytes:
    dimension = '<dimension ref="A1:C1000000"/>' if declared else '<dimension ref="A1"/>'
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>GPU {r}</t></is></c><c r="B{r}"><v>1</v></c></row>'
        for r in range(1, 1_000_001)
    )
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dimension}<sheetData>{rows}</sheetData></worksheet>"
    ).encode()


@pytest.fixture(scope="module")
def huge_sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, Path]:
    folder = tmp_path_factory.mktemp("huge")
    base = folder / "base.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Lines"
    wb.save(base)
    return {
        declared: replace_part(
            base,
            folder / f"million-{declared}.xlsx",
            "xl/worksheets/sheet1.xml",
            million_rows(declared),
        )
        for declared in (True, False)
    }


@pytest.mark.slow
@pytest.mark.parametrize("declared", [True, False], ids=["declared", "undeclared"])
def test_a_sheet_of_a_million_rows(
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    huge_sheets: dict[bool, Path],
    declared: bool,
) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[columns]\nname = "A"\nunit_cost = "B"\n[defaults]\ncategory = "computing"\n'
    )
    path = huge_sheets[declared]
    tracemalloc.start()
    try:
        err = refused(db, capsys, str(path), "--map", str(mapping), seconds=8)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert f"{path}, sheet Lines: more than 100,000 rows" in err
    assert peak < 200 * 2**20


def test_text_where_a_number_belongs(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, header = edited_export(db, tmp_path, "Computing Resources", {("Quantity", 3): "eight"})
    err = refused(db, capsys, str(path))
    assert (
        f"{path}, sheet Computing Resources, cell {header['Quantity']}3: quantity = 'eight': is not a number"
        in err
    )


def test_a_bad_milestone_names_its_own_cell(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, header = edited_export(db, tmp_path, "Phases", {("Milestone", 3): "maybe"})
    column = next(letter for name, letter in header.items() if name.startswith("Milestone"))
    err = refused(db, capsys, str(path), "--as", "Copy")
    assert f"sheet Phases, cell {column}3: milestone = 'maybe'" in err


def test_every_bad_row_is_listed_before_anything_is_written(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {("Quantity", 3): "eight", ("Start", 6): "next spring", ("Cost model", 7): "barter"}
    path, header = edited_export(db, tmp_path, "Computing Resources", bad)
    err = refused(db, capsys, str(path), "--as", "Copy")
    assert "3 problems, nothing imported" in err
    assert f"cell {header['Quantity']}3" in err
    assert f"cell {header['Start']}6: start = 'next spring': is not a date" in err
    assert f"cell {header['Cost model']}7: cost_model = 'barter': not a cost model" in err


def test_a_workbook_budgetwright_did_not_write_needs_a_mapping(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(db, capsys, str(FILES / "planner_libreoffice.xlsx"))
    assert "not a workbook Budgetwright wrote" in err and "--map" in err
