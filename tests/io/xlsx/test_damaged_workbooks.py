"""A damaged or tampered workbook is refused whole, naming the file, sheet and cell,
never imported with lines lost or figures multiplied (issue 9, points 1 and 3)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from app.io.xlsx import read_workbook
from app.services.workspace import Workspace
from tests.io.xlsx.damage import patch_headers, rewrite, substitute
from tests.io.xlsx.test_bad_input import exported, refused

COMPUTING = "xl/worksheets/sheet2.xml"
HUMAN = "xl/worksheets/sheet3.xml"
PHASES = "xl/worksheets/sheet10.xml"
WORKBOOK = "xl/workbook.xml"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "budget.db"
    Workspace.open(path).close()
    yield path


@pytest.fixture
def sample(db: Path, tmp_path: Path) -> Path:
    return exported(db, tmp_path / "sample.xlsx")


def damaged(sample: Path, part: str, pattern: bytes, replacement: bytes) -> Path:
    return rewrite(sample, sample.with_name("Budget.xlsx"), substitute(part, pattern, replacement))


def test_the_sample_reads_whole(sample: Path) -> None:
    """The undamaged export the other tests start from imports (guards the patterns below)."""
    assert len(read_workbook(sample).lines) == 33


# ---- Point 1: inputs that ended in a traceback


def column_of(sample: Path, sheet: str, header: str) -> str:
    """The letter of the sheet's column whose first-row key (or hidden tag) is ``header``."""
    book = openpyxl.load_workbook(sample, read_only=True)
    try:
        row = next(book[sheet].iter_rows(min_row=1, max_row=1, values_only=True))
    finally:
        book.close()
    return get_column_letter(list(row).index(header) + 1)


@pytest.mark.parametrize(("header", "field"), [("id", "id"), ("position", "position")])
def test_an_infinite_hidden_number(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str], header: str, field: str
) -> None:
    column = column_of(sample, "Computing Resources", header)
    path = damaged(
        sample, COMPUTING, rf'(<c r="{column}3"[^>]*>)<v>[^<]*</v>'.encode(), rb"\1<v>1E+400</v>"
    )
    err = refused(db, capsys, str(path))
    assert f"sheet Computing Resources, cell {column}3: {field}" in err


def test_an_infinite_phase_id(db: Path, sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = damaged(sample, PHASES, rb'(<c r="H3"[^>]*>)<v>[^<]*</v>', rb"\1<v>1E+400</v>")
    err = refused(db, capsys, str(path))
    assert "sheet Phases, cell H3: id" in err


def test_a_defined_name_pointing_at_a_range(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged(sample, WORKBOOK, rb"Summary!\$B\$8<", rb"Summary!$B$8:$B$9<")
    err = refused(db, capsys, str(path))
    assert "ContingencyPct" in err and "not one cell" in err


def test_a_part_flagged_as_encrypted(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = patch_headers(
        rewrite(sample, sample.with_name("Budget.xlsx"), lambda n, d: d), COMPUTING, flags=1
    )
    err = refused(db, capsys, str(path))
    assert "sheet Computing Resources: the part is encrypted" in err


@pytest.mark.parametrize("method", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA, 99])
def test_compression_methods_excel_does_not_write(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str], method: int
) -> None:
    path = rewrite(sample, sample.with_name("Budget.xlsx"), lambda n, d: d)
    patch_headers(path, COMPUTING, method=method)
    err = refused(db, capsys, str(path))
    assert f"sheet Computing Resources: compressed with zip method {method}" in err


def test_an_entity_declared_after_a_long_comment(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    comment = b"<!--" + b"a long comment " * 2000 + b"-->"
    doctype = b'<!DOCTYPE w [<!ENTITY a "b">]>'
    path = damaged(sample, COMPUTING, rb"^(<\?xml[^>]*\?>)", rb"\1" + comment + doctype)
    err = refused(db, capsys, str(path))
    assert "sheet Computing Resources: declares XML entities" in err


def test_a_comment_alone_before_the_root_still_reads(sample: Path) -> None:
    comment = b"<!-- <!DOCTYPE is only text here --><?pi x?>" + b"<!--" + b"x" * 9000 + b" -->"
    path = damaged(sample, COMPUTING, rb"^(<\?xml[^>]*\?>)", rb"\1" + comment)
    assert len(read_workbook(path).lines) == 33


def test_unreadable_xml_is_one_line_naming_the_sheet(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged(sample, COMPUTING, rb"</sheetData>", b"</sheetDat>")
    err = refused(db, capsys, str(path))
    assert "sheet Computing Resources: cannot be read as a workbook" in err
    assert "Please see the exception" not in err


# ---- Point 3: nothing silently dropped


def test_a_sheet_missing_from_the_archive(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = rewrite(sample, sample.with_name("Budget.xlsx"), lambda n, d: None if n == HUMAN else d)
    err = refused(db, capsys, str(path))
    assert "sheet Human Resources: listed in the workbook but missing from the archive" in err


def test_two_sheets_with_one_name(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged(sample, WORKBOOK, rb'name="Human Resources"', rb'name="Computing Resources"')
    err = refused(db, capsys, str(path))
    assert "two sheets are named 'Computing Resources'" in err


def test_two_sheets_with_one_category_tag(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged(sample, HUMAN, rb"category=human", b"category=computing")
    err = refused(db, capsys, str(path))
    assert "sheet Human Resources, cell" in err and "same tag" in err


def test_a_duplicate_zip_entry(db: Path, sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = rewrite(sample, sample.with_name("Budget.xlsx"), lambda n, d: d, twice=COMPUTING)
    err = refused(db, capsys, str(path))
    assert f"two parts named {COMPUTING}" in err


@pytest.mark.parametrize(
    ("tag", "reason"),
    [
        (b"category=computin", "names no category"),
        (b"categry=computing", "missing or damaged"),
        (b"", "missing or damaged"),
    ],
)
def test_a_damaged_category_tag(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str], tag: bytes, reason: str
) -> None:
    column = column_of(sample, "Computing Resources", "category=computing")
    path = damaged(sample, COMPUTING, rb"category=computing", tag)
    err = refused(db, capsys, str(path))
    assert f"sheet Computing Resources, cell {column}1: tag" in err and reason in err


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        (b"#REF!", "is broken"),
        (b"Gone!$B$8", "which the workbook lacks"),
        (b"Summary!$B$40", "is empty"),
    ],
)
def test_a_broken_contingency_name(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str], target: bytes, reason: str
) -> None:
    path = damaged(sample, WORKBOOK, rb"Summary!\$B\$8<", target + b"<")
    err = refused(db, capsys, str(path))
    assert "ContingencyPct" in err or "contingency_pct" in err
    assert reason in err


@pytest.mark.parametrize("number", [b"1E-300", b"0", b"0.5"])
def test_a_date_cell_holding_no_plausible_date(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str], number: bytes
) -> None:
    path = damaged(
        sample, COMPUTING, rb'(<c r="G5"[^>]*>)<v>[^<]*</v>', rb"\1<v>" + number + b"</v>"
    )
    err = refused(db, capsys, str(path))
    assert "sheet Computing Resources, cell G5: start" in err


def test_a_dependency_on_a_missing_phase_names_its_cell(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = damaged(sample, PHASES, rb"(<c r=\"F4\"[^>]*><is><t>)[^<]*", rb"\1nowhere")
    err = refused(db, capsys, str(path))
    assert "sheet Phases, cell F4: depends_on = 'nowhere'" in err


@pytest.mark.parametrize(
    "cell",
    [
        b'<c r="I3" s="2" t="s"><v>999</v></c>',  # a shared text that does not exist
        b'<c r="I3" s="2"><v>eight</v></c>',  # a number cell holding text
        b'<c r="I3" s="2" t="b"><v>yes</v></c>',
        b'<c r="I3" s="2" t="d"><v>someday</v></c>',
    ],
)
def test_a_cell_the_library_cannot_read_is_named(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str], cell: bytes
) -> None:
    path = damaged(sample, COMPUTING, rb'<c r="I3"[^>]*><v>[^<]*</v></c>', cell)
    err = refused(db, capsys, str(path))
    assert "sheet Computing Resources, cell I3: cannot be read" in err


def test_an_escaped_lone_surrogate_stays_as_written(sample: Path) -> None:
    """Found by the fuzz test: ``_xD800_`` decoded to a lone surrogate, which no database
    or file can store (a traceback on import). A pair is one character; a lone one stays."""
    path = damaged(
        sample, COMPUTING, rb"<t>Fine-tuning cluster", b"<t>_x0007__xD800_ _xD83D__xDE00_ cluster"
    )
    names = {line.name for line in read_workbook(path).lines}
    assert "\x07_xD800_ \U0001f600 cluster: 8x H100 SXM" in names


def test_an_entity_after_a_byte_order_mark_and_a_comment(
    db: Path, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doctype = b'<!-- note --><!DOCTYPE w [<!ENTITY a "b">]>'
    path = damaged(sample, COMPUTING, rb"^(<\?xml[^>]*\?>)", b"\xef\xbb\xbf\\1" + doctype)
    err = refused(db, capsys, str(path))
    assert "sheet Computing Resources: declares XML entities" in err
