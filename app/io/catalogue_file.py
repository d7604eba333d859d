"""Reading a price book file: JSON in the shipped format, or CSV with the same columns.

All or nothing: the first fault is refused naming the file, the row and the field
(``prices.csv, row 4 (key 'h100_rental'): price = 'about 3': is not a number``), and
nothing is read. JSON rows are the ``entries`` counted from 1; CSV rows are the
file's lines, the header being row 1.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from app.domain.errors import BadInput, InvalidValue
from app.domain.money import is_known_currency
from app.domain.plan import CatalogueEntry, CostModel
from app.domain.price_book import (
    CATALOGUE_FORMAT,
    OPTIONAL_FIELDS,
    REQUIRED_FIELDS,
    entry_from_document,
)
from app.domain.validation import parse_decimal, parse_iso_date, shortened

MAX_FILE_BYTES = 20_000_000
TRUE_WORDS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
COLUMNS = (*REQUIRED_FIELDS, *OPTIONAL_FIELDS)
"""A CSV file's columns, in the order ``catalogue export``-style files write them."""


def read_price_book(path: Path) -> list[CatalogueEntry]:
    """Every entry of the file, checked; :class:`InvalidValue` or :class:`BadInput` if not."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise BadInput(f"{path}: larger than {MAX_FILE_BYTES:,} bytes; not a price book")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text; save it as UTF-8 JSON or CSV") from None
    if path.suffix.lower() == ".csv" or not text.lstrip().startswith(("{", "[")):
        rows = _csv_rows(path, text)
    else:
        rows = _json_rows(path, text)
    if not rows:
        raise BadInput(f"{path}: holds no catalogue entries")
    return check_rows(path.name, rows)


def _json_rows(path: Path, text: str) -> list[tuple[str, Mapping[str, Any]]]:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{path}: not JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(raw, dict) or raw.get("format") != CATALOGUE_FORMAT:
        raise BadInput(f"{path}: not a {CATALOGUE_FORMAT} file (its 'format' must say so)")
    entries = raw.get("entries")
    if not isinstance(entries, list):
        raise InvalidValue("entries", type(entries).__name__, "must be a list", str(path.name))
    out: list[tuple[str, Mapping[str, Any]]] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            where = f"{path.name}, row {number}"
            raise InvalidValue("entry", shortened(str(entry)), "must be an object", where)
        out.append((f"row {number}", entry))
    return out


def _csv_rows(path: Path, text: str) -> list[tuple[str, Mapping[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [name for name in REQUIRED_FIELDS if name not in header]
    if missing:
        where = f"{path.name}, row 1 (header)"
        raise InvalidValue(missing[0], None, "the column is missing", where)
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        where = f"{path.name}, row 1 (header)"
        raise InvalidValue(
            unknown[0], None, f"is not a column (known: {', '.join(COLUMNS)})", where
        )
    reader.fieldnames = header
    out: list[tuple[str, Mapping[str, Any]]] = []
    for record in reader:
        row = f"row {reader.line_num}"
        if None in record:
            raise InvalidValue(
                "columns", len(header) + len(record[None]), "too many", f"{path.name}, {row}"
            )
        values = {k: (v or "").strip() for k, v in record.items() if v is not None}
        if not any(values.values()):
            continue  # a blank line
        doc: dict[str, Any] = {k: v for k, v in values.items() if v != "" or k in REQUIRED_FIELDS}
        if "specs" in doc:
            doc["specs"] = _specs_text(doc["specs"], f"{path.name}, {row}")
        if "uncertain" in doc:
            word = doc["uncertain"].lower()
            if word not in TRUE_WORDS:
                raise InvalidValue(
                    "uncertain", doc["uncertain"], "write true or false", f"{path.name}, {row}"
                )
            doc["uncertain"] = TRUE_WORDS[word]
        out.append((row, doc))
    return out


def _specs_text(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise InvalidValue("specs", shortened(text), "must be a JSON object", where) from None


def check_rows(file: str, rows: Sequence[tuple[str, Mapping[str, Any]]]) -> list[CatalogueEntry]:
    """The rows as entries, the first fault refused naming the row and the field."""
    seen: dict[str, str] = {}
    out = []
    for row, doc in rows:
        key = doc.get("key")
        where = f"{file}, {row}" + (f" (key {key!r})" if isinstance(key, str) and key else "")
        _check_row(doc, where)
        if str(key) in seen:
            raise InvalidValue("key", key, f"already given in {seen[str(key)]}", where)
        seen[str(key)] = row
        out.append(entry_from_document(doc))
    return out


def _check_row(doc: Mapping[str, Any], where: str) -> None:
    for name in REQUIRED_FIELDS:
        if name not in doc or doc[name] is None:
            raise InvalidValue(name, None, "is missing", where)
    for name in ("key", "kind", "name", "unit", "source", "currency", "as_of", "price"):
        value = doc[name]
        if not isinstance(value, str):
            raise InvalidValue(name, value, "must be text", where)
        if not value.strip():
            raise InvalidValue(name, value, "must not be empty", where)
    try:
        if parse_decimal("price", doc["price"]) < 0:
            raise InvalidValue("price", doc["price"], "must not be negative")
        parse_iso_date("as_of", doc["as_of"])
    except InvalidValue as exc:
        raise exc.at(where) from None
    if not is_known_currency(doc["currency"]):
        raise InvalidValue("currency", doc["currency"], "not an ISO 4217 currency code", where)
    model = doc.get("cost_model") or ""
    if model and model not in {m.value for m in CostModel}:
        raise InvalidValue("cost_model", model, "is not a cost model", where)
    if not isinstance(doc.get("uncertain", False), bool):
        raise InvalidValue("uncertain", doc["uncertain"], "must be true or false", where)
    specs = doc.get("specs") or {}
    if not isinstance(specs, dict):
        raise InvalidValue("specs", shortened(str(specs)), "must be an object", where)
    for name in ("category", "section", "item", "driver", "uncertain_reason"):
        if name in doc and not isinstance(doc[name], str):
            raise InvalidValue(name, doc[name], "must be text", where)
