"""Price book files: the shipped catalogue reads back whole; bad files are refused
naming the row and the field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.errors import BadInput, InvalidValue
from app.domain.price_book import entry_document
from app.io.catalogue_file import read_price_book
from app.paths import resource
from app.services.seed import shipped_catalogue
from tests.price_books import repriced_documents, write_csv, write_json

PRICES = {"lambda_h100_sxm": "2.49", "aws_s3_standard": "0.021"}


def test_the_shipped_catalogue_reads_as_a_price_book() -> None:
    entries = read_price_book(resource("catalogue.json"))
    assert [e.key for e in entries] == [e.key for e in shipped_catalogue()]
    assert entries == [e.__class__(**{**e.__dict__, "id": None}) for e in shipped_catalogue()]


def test_json_and_csv_of_the_same_entries_read_the_same(tmp_path: Path) -> None:
    docs = repriced_documents(PRICES)
    from_json = read_price_book(write_json(tmp_path / "p.json", docs))
    from_csv = read_price_book(write_csv(tmp_path / "p.csv", docs))
    assert from_json == from_csv
    assert [e.price for e in from_csv] == ["2.49", "0.021"]
    assert [entry_document(e) for e in from_json] == [
        {**d, "specs": {k: str(v) for k, v in d["specs"].items()}} for d in docs
    ]


def _refusal(path: Path) -> InvalidValue:
    with pytest.raises(InvalidValue) as caught:
        read_price_book(path)
    return caught.value


def test_a_csv_without_a_required_column_is_refused_naming_it(tmp_path: Path) -> None:
    columns = ("key", "kind", "name", "unit", "price", "source", "as_of")
    error = _refusal(write_csv(tmp_path / "p.csv", repriced_documents(PRICES), columns))
    assert error.field == "currency" and "row 1 (header)" in str(error)
    assert "p.csv" in str(error) and "column is missing" in str(error)


def test_a_json_entry_without_a_field_is_refused_naming_row_and_field(tmp_path: Path) -> None:
    docs = repriced_documents(PRICES)
    del docs[1]["as_of"]
    error = _refusal(write_json(tmp_path / "p.json", docs))
    assert error.field == "as_of"
    assert "p.json, row 2 (key 'aws_s3_standard')" in str(error)


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("price", "about 3", "is not a number"),
        ("price", "-1", "must not be negative"),
        ("currency", "XYZ", "not an ISO 4217 currency code"),
        ("as_of", "15/11/2026", "is not a date"),
        ("as_of", "2026-02-30", "is not a date"),
        ("cost_model", "hourly", "is not a cost model"),
        ("name", "", "must not be empty"),
    ],
)
@pytest.mark.parametrize("kind", ["csv", "json"])
def test_a_bad_value_is_refused_naming_row_and_field(
    tmp_path: Path, kind: str, field: str, value: str, reason: str
) -> None:
    docs = repriced_documents(PRICES)
    docs[1][field] = value
    write = write_csv if kind == "csv" else write_json
    error = _refusal(write(tmp_path / f"p.{kind}", docs))
    row = "row 3" if kind == "csv" else "row 2"  # a CSV counts its header as row 1
    assert error.field == field and reason in str(error)
    assert f"p.{kind}, {row} (key 'aws_s3_standard')" in str(error)


def test_a_price_given_as_a_json_number_is_refused(tmp_path: Path) -> None:
    docs = repriced_documents(PRICES)
    docs[0]["price"] = 2.49
    error = _refusal(write_json(tmp_path / "p.json", docs))
    assert error.field == "price" and "must be text" in str(error) and "row 1" in str(error)


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_a_key_given_twice_is_refused_naming_both_rows(tmp_path: Path, kind: str) -> None:
    docs = repriced_documents(PRICES)
    docs.append({**docs[0], "price": "2.59"})
    write = write_csv if kind == "csv" else write_json
    error = _refusal(write(tmp_path / f"p.{kind}", docs))
    first, again = ("row 2", "row 4") if kind == "csv" else ("row 1", "row 3")
    assert error.field == "key" and f"already given in {first}" in str(error)
    assert f"{again} (key 'lambda_h100_sxm')" in str(error)


def test_files_that_are_no_price_book_are_refused(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"format": "budgetwright-plan", "lines": []}), encoding="utf-8")
    with pytest.raises(BadInput, match="not a budgetwright-catalogue file"):
        read_price_book(plan)
    empty = write_csv(tmp_path / "empty.csv", [])
    with pytest.raises(BadInput, match="holds no catalogue entries"):
        read_price_book(empty)
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(BadInput, match="not JSON"):
        read_price_book(broken)
