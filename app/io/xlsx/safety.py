"""Opening a workbook nobody vouched for: refuse quickly, in bounded memory, and say why.

Before openpyxl sees a file we check what it is (a zip with a workbook inside, not an
encrypted or legacy .xls compound file), that no part would inflate past sane sizes
(a decompression bomb), and that no XML part declares entities (defusedxml also
refuses those; the pre-check names the sheet). Anything openpyxl still trips over
becomes a :class:`BadInput` naming the file.
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree.ElementTree import ParseError

import openpyxl
import openpyxl.xml
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl.utils.exceptions import CellCoordinatesException

from app.domain.errors import BadInput, BudgetwrightError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument"

MAX_PART_BYTES = 1 << 30  # one XML part, inflated
MAX_TOTAL_BYTES = 3 << 30  # the whole archive, inflated
MAX_RATIO = 200  # inflated / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 16 << 20
MAX_SHARED_STRINGS = 256 << 20
PEEK = 4096

# Errors openpyxl and the XML and zip layers raise on malformed input.
READ_ERRORS: tuple[type[BaseException], ...] = (
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    EOFError,
    OSError,
    zipfile.BadZipFile,
    zlib.error,
    ParseError,
    DefusedXmlException,
    ArithmeticError,  # 1E+400 read as infinity, then made an int
    RuntimeError,  # zipfile: "is encrypted, password required"
    NotImplementedError,  # zipfile: an unsupported compression method
    CellCoordinatesException,  # a defined name or reference that is not a cell
)
# The compression methods Excel writes; zipfile reads others (bzip2, lzma) Excel cannot.
ZIP_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}


def require_defused_xml() -> None:
    """openpyxl only refuses XML entity bombs when defusedxml is installed; insist on it."""
    if not openpyxl.xml.DEFUSEDXML:
        raise BudgetwrightError(
            "defusedxml is not installed; workbooks cannot be read safely without it"
        )


def check_file(path: Path) -> dict[str, str]:
    """Refuse anything but a sane .xlsx; returns each worksheet part's sheet name."""
    require_defused_xml()
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise BadInput(f"{path}: cannot be read ({exc.strerror})") from None
    if head.startswith(OLE_MAGIC):
        raise BadInput(_compound_file_reason(path))
    if not head.startswith(b"PK"):
        raise BadInput(f"{path}: not an Excel workbook (.xlsx); it is not a zip archive")
    try:
        with zipfile.ZipFile(path) as archive:
            return _check_archive(path, archive)
    except zipfile.BadZipFile as exc:
        raise BadInput(f"{path}: the workbook is truncated or damaged ({exc})") from None
    except (OSError, EOFError, zlib.error) as exc:
        raise BadInput(f"{path}: the workbook is truncated or damaged ({exc})") from None


def _compound_file_reason(path: Path) -> str:
    """An encrypted .xlsx and a legacy .xls are both compound files; the stream names tell."""
    if _contains(path, ENCRYPTED_STREAM):
        return f"{path}: the workbook is password-protected (encrypted); save a copy without a password"
    return (
        f"{path}: a legacy Excel 97-2003 workbook (.xls); save it as .xlsx (Excel Workbook) first"
    )


def _contains(path: Path, marker: bytes, chunk: int = 1 << 20) -> bool:
    """Whether the file holds ``marker`` anywhere (read in chunks: bounded memory)."""
    tail = b""
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            if marker in tail + block:
                return True
            tail = block[-len(marker) :]
    return False


def _check_archive(path: Path, archive: zipfile.ZipFile) -> dict[str, str]:
    infos = archive.infolist()
    names = {info.filename for info in infos}
    for info in infos:  # before reading any part: zipfile raises on these
        if info.flag_bits & 0x1 or info.compress_type not in ZIP_METHODS:
            raise BadInput(_unreadable_part(path, info, archive))
    if "mimetype" in names and archive.read("mimetype").startswith(ODS_MIMETYPE):
        raise BadInput(f"{path}: an OpenDocument file (.ods); save it as .xlsx first")
    if "xl/workbook.xml" not in names:
        raise BadInput(f"{path}: not an Excel workbook (no xl/workbook.xml inside)")
    if len(names) < len(infos):
        twice = next(n for n in names if sum(1 for i in infos if i.filename == n) > 1)
        raise BadInput(f"{path}: the archive holds two parts named {twice} (damaged); refused")
    seen: set[str] = set()
    for name in sheet_names(archive):
        if name.casefold() in seen:  # Excel's sheet names ignore case
            raise BadInput(f"{path}: two sheets are named {name!r} (damaged); refused")
        seen.add(name.casefold())
    sheets = sheet_parts(archive)
    for part, name in sheets.items():
        if part not in names:
            raise BadInput(
                f"{path}, sheet {name}: listed in the workbook but missing from the archive "
                "(damaged); refused"
            )
    total = 0
    for info in infos:
        where = _part_name(path, info.filename, sheets)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if (
            info.file_size > MAX_PART_BYTES
            or total > MAX_TOTAL_BYTES
            or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO)
        ):
            raise BadInput(
                f"{where}: inflates to {info.file_size:,} bytes from {info.compress_size:,} "
                "(a decompression bomb?); refused"
            )
        if info.filename.endswith("sharedStrings.xml") and info.file_size > MAX_SHARED_STRINGS:
            raise BadInput(f"{where}: {info.file_size:,} bytes of shared text; refused")
        if info.filename.endswith((".xml", ".rels", ".vml")):
            _check_no_entities(archive, info, where)
    return sheets


def _unreadable_part(path: Path, info: zipfile.ZipInfo, archive: zipfile.ZipFile) -> str:
    """Why a part cannot be read: encrypted, or compressed in a way Excel never writes."""
    where = _part_name(
        path, info.filename, {} if info.filename.endswith("workbook.xml") else _safe_parts(archive)
    )
    if info.flag_bits & 0x1:
        return f"{where}: the part is encrypted inside the archive; refused"
    return (
        f"{where}: compressed with zip method {info.compress_type}, which Excel does not "
        "write (only stored and deflate); refused"
    )


def _safe_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet names for messages, when the parts that hold them can be read."""
    try:
        return sheet_parts(archive)
    except READ_ERRORS:  # holds zipfile's RuntimeError and NotImplementedError
        return {}


def _check_no_entities(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str) -> None:
    """A DOCTYPE must come before the root element, so the prolog tells.

    The prolog (declaration, comments, processing instructions) may be long, so it is
    read in chunks up to the first element, in bounded memory.
    """
    with archive.open(info) as part:
        if _declares_entities(part):
            raise BadInput(f"{where}: declares XML entities (an entity bomb?); refused")


_PROLOG_END = {b"<?": b"?>", b"<!--": b"-->"}
SKIP_CHUNK = 1 << 20  # reading through a long comment


def _declares_entities(part: Any) -> bool:
    """Whether the XML prolog holds a DOCTYPE or ENTITY before the root element."""
    data = part.read(PEEK).removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte order mark
    while True:
        data = data.lstrip()
        if len(data) < 9:
            more = part.read(PEEK)
            if not more:
                return b"<!DOCTYPE" in data or b"<!ENTITY" in data
            data += more
            continue
        if data.startswith((b"<!DOCTYPE", b"<!ENTITY")):
            return True
        opener = next((o for o in _PROLOG_END if data.startswith(o)), None)
        if opener is None:
            return False  # the root element (or text openpyxl will refuse)
        closer = _PROLOG_END[opener]
        end = data.find(closer, len(opener))
        while end < 0:
            more = part.read(SKIP_CHUNK)
            if not more:
                return False
            keep = len(data) - len(closer)
            data = data[keep:] + more  # only what may still hold the closer
            end = data.find(closer)
        data = data[end + len(closer) :]


def _sheet_elements(archive: zipfile.ZipFile) -> list[tuple[bytes, bytes]]:
    """(name, relationship id) of every ``<sheet>`` in the workbook part."""
    try:
        workbook = archive.read("xl/workbook.xml")[: 4 << 20]
    except KeyError:
        return []
    pairs = [(name, rid) for name, rid in _SHEET.findall(workbook)]
    return pairs + [(name, rid) for rid, name in _SHEET_REVERSED.findall(workbook)]


def sheet_names(archive: zipfile.ZipFile) -> list[str]:
    """Every sheet name the workbook lists, in order found (duplicates kept)."""
    return [_unescape(name.decode("utf-8", "replace")) for name, _ in _sheet_elements(archive)]


def _part_name(path: Path, part: str, sheets: dict[str, str]) -> str:
    if part in sheets:
        return f"{path}, sheet {sheets[part]}"
    return f"{path}, part {part}"


_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_SHEET_REVERSED = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]*)"[^>]*?\bname="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_REVERSED = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → sheet name, read with patterns (no XML parser before the checks)."""
    try:
        rels = archive.read("xl/_rels/workbook.xml.rels")[: 4 << 20]
    except KeyError:
        return {}
    names = {rid: name for name, rid in _sheet_elements(archive)}
    targets = dict(_REL.findall(rels))
    targets |= {rid: target for target, rid in _REL_REVERSED.findall(rels)}
    parts = {}
    for rid, name in names.items():
        target = targets.get(rid)
        if target is None:
            continue
        text = target.decode("utf-8", "replace")
        part = text.lstrip("/") if text.startswith("/") else str(PurePosixPath("xl") / text)
        parts[part] = _unescape(name.decode("utf-8", "replace"))
    return parts


def _unescape(text: str) -> str:
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&apos;", "'")
        .replace("&amp;", "&")
    )


@contextmanager
def guarded(
    path: Path, where: str = "", locate: Callable[[], str | None] | None = None
) -> Iterator[None]:
    """Turn whatever a malformed workbook makes the reader raise into a BadInput.

    ``locate`` may name the cell at fault (it is asked only after a failure).
    """
    try:
        yield
    except BudgetwrightError:
        raise
    except READ_ERRORS as exc:
        cell = _quietly(locate) if locate is not None else None
        where = f"{where}, cell {cell}" if cell else where
        place = f"{path}, {where}" if where else str(path)
        raise BadInput(f"{place}: cannot be read as a workbook ({_reason(exc)})") from None


def _quietly(locate: Callable[[], str | None]) -> str | None:
    try:
        return locate()
    except READ_ERRORS:
        return None


def _reason(exc: BaseException) -> str:
    """The cause in one line: openpyxl wraps a sheet's XML error in three lines of advice."""
    text = str(exc)
    if text.startswith("Unable to read workbook") and exc.__context__ is not None:
        return _reason(exc.__context__)
    text = " ".join(text.split())
    return text[:300] or type(exc).__name__


@contextmanager
def opened_workbook(path: Path) -> Iterator[Any]:
    """The workbook, read-only with stored values, after every check above passed.

    We hold the file handle ourselves: openpyxl leaves its own open when loading fails.
    """
    sheets = check_file(path)
    with path.open("rb") as handle, quiet_library():
        try:
            wb = openpyxl.load_workbook(handle, read_only=True, data_only=True, keep_links=False)
        except READ_ERRORS as exc:
            broken = _broken_sheet(path, sheets)
            with guarded(path, f"sheet {broken}" if broken else ""):
                raise exc from None
        try:
            with guarded(path):
                yield wb
        finally:
            wb.close()


@contextmanager
def quiet_library() -> Iterator[None]:
    """openpyxl's warnings ("Workbook contains no default style", unsupported extensions)
    say nothing a planner can act on; they never reach stderr."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module=r"openpyxl(\.|$)")
        yield


SMALL_PART = 1 << 20


def _broken_sheet(path: Path, sheets: dict[str, str]) -> str | None:
    """The first sheet whose XML does not parse (whole if small, else up to its cells)."""
    with zipfile.ZipFile(path) as archive:
        for part, name in sheets.items():
            try:
                whole = archive.getinfo(part).file_size <= SMALL_PART
                with archive.open(part) as source:
                    for _, element in iterparse(source, events=("start",)):
                        if not whole and element.tag.endswith("sheetData"):
                            break
            except READ_ERRORS:
                return name
    return None
