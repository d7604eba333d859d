"""Price book versions: an import adds a version and keeps the old ones; diff lists the
lines whose copied price moved; reprice applies them as one step, and undo restores the
plan exactly."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.price_book import is_stale, months_old
from app.engine.budget import Budget
from app.io import plan_json
from app.io.catalogue_file import read_price_book
from app.services.price_book import ImportPriceBook, price_books
from app.services.reprice import RepriceLines, preview
from app.services.workspace import Workspace
from tests.price_books import NEW_AS_OF, repriced_documents, write_csv

TABLES = ("plan", "phase", "line", "catalogue_entry", "price_book")
PRICES = {"lambda_h100_sxm": "2.49", "ml_engineer_salary": "255000", "aws_s3_standard": "0.021"}


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the tables a reprice touches; a plan's ``version`` is left out, as
    it counts writes (an undo is one more) rather than saying what the plan holds."""
    with sqlite3.connect(path) as conn:
        found = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}
        if "plan" in found:
            columns = [c[1] for c in conn.execute("PRAGMA table_info(plan)")]
            keep = [i for i, name in enumerate(columns) if name != "version"]
            found["plan"] = [tuple(row[i] for i in keep) for row in found["plan"]]
        return found


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace.open(tmp_path / "p.db")
    yield workspace  # type: ignore[misc]
    workspace.close()


def _import(ws: Workspace, folder: Path, prices: dict[str, str]) -> ImportPriceBook:
    path = write_csv(folder / "prices.csv", repriced_documents(prices))
    command = ImportPriceBook(read_price_book(path), str(path))
    ws.apply(command)
    return command


def test_a_new_database_holds_the_shipped_catalogue_as_its_first_version(ws: Workspace) -> None:
    [first] = ws.read(price_books)
    assert first.label == "Shipped catalogue"
    assert {e.key: e.price for e in first.entries} == {e.key: e.price for e in ws.catalogue()}
    assert first.as_of == max(e.as_of for e in ws.catalogue())


def test_import_diff_reprice_then_undo_leaves_the_plan_as_it_was(
    ws: Workspace, tmp_path: Path
) -> None:
    plan_id = ws.plans()[0].id
    assert plan_id is not None
    before = plan_json.dumps(ws.snapshot(plan_id))
    old_total = Budget(ws.snapshot(plan_id).plan, ws.snapshot(plan_id).lines).total

    _import(ws, tmp_path, PRICES)
    books = ws.read(price_books)
    assert [b.label for b in books] == ["Shipped catalogue", "Imported from prices.csv"]
    assert books[0].entries != books[1].entries  # the old version is kept as it was
    assert books[1].as_of == date.fromisoformat(NEW_AS_OF)
    assert plan_json.dumps(ws.snapshot(plan_id)) == before  # an import never reprices

    found = preview(ws.snapshot(plan_id), ws.catalogue())
    assert {c.key for c in found.changes} == set(PRICES)
    assert found.old_total == old_total
    h100 = next(c for c in found.changes if c.key == "lambda_h100_sxm")
    assert (h100.old_price, h100.new_price, h100.new_as_of) == ("2.99", "2.49", date(2026, 11, 15))
    assert h100.line_change < 0 and h100.plan_change < h100.line_change  # contingency too
    assert ws.snapshot(plan_id) == ws.snapshot(plan_id)  # the preview stored nothing
    assert plan_json.dumps(ws.snapshot(plan_id)) == before

    state = dump(ws.path)
    command = RepriceLines(plan_id)
    ws.apply(command)
    after = ws.snapshot(plan_id)
    assert Budget(after.plan, after.lines).total == found.new_total
    repriced = [line for line in after.lines if line.catalogue_ref in PRICES]
    assert repriced and all(
        line.catalogue_price == PRICES[line.catalogue_ref or ""]
        and line.catalogue_as_of == date(2026, 11, 15)
        and line.catalogue_currency == "USD"
        for line in repriced
    )
    assert preview(after, ws.catalogue()).changes == ()

    ws.revert(command)
    assert dump(ws.path) == state
    assert plan_json.dumps(ws.snapshot(plan_id)) == before


def test_reprice_of_some_keys_touches_only_their_lines(ws: Workspace, tmp_path: Path) -> None:
    plan_id = ws.plans()[0].id
    assert plan_id is not None
    _import(ws, tmp_path, PRICES)
    ws.apply(RepriceLines(plan_id, {"aws_s3_standard"}))
    left = preview(ws.snapshot(plan_id), ws.catalogue())
    assert {c.key for c in left.changes} == {"lambda_h100_sxm", "ml_engineer_salary"}


def test_undoing_an_import_removes_the_version_and_restores_the_prices(
    ws: Workspace, tmp_path: Path
) -> None:
    state = dump(ws.path)
    command = _import(ws, tmp_path, PRICES)
    assert command.changed == 3 and command.added == 0
    ws.revert(command)
    assert dump(ws.path) == state
    ws.apply(command)
    assert len(ws.read(price_books)) == 2


def test_an_import_adds_new_keys_and_keeps_the_entries_it_does_not_name(
    ws: Workspace, tmp_path: Path
) -> None:
    before = {e.key: e for e in ws.catalogue()}
    docs = repriced_documents({"lambda_h100_sxm": "2.49"})
    docs.append({**docs[0], "key": "lambda_b200_test", "name": "B200 (test)", "price": "5.00"})
    path = write_csv(tmp_path / "more.csv", docs)
    command = ImportPriceBook(read_price_book(path), str(path))
    ws.apply(command)
    now = {e.key: e for e in ws.catalogue()}
    assert set(now) == set(before) | {"lambda_b200_test"}
    assert now["lambda_h100_sxm"].price == "2.49" and now["lambda_h100_sxm"].id == (
        before["lambda_h100_sxm"].id
    )
    assert now["aws_s3_standard"] == before["aws_s3_standard"]
    assert len(ws.read(price_books)[-1].entries) == len(now)


def test_a_price_now_in_another_currency_is_listed_but_not_repriced(
    ws: Workspace, tmp_path: Path
) -> None:
    plan_id = ws.plans()[0].id
    assert plan_id is not None
    path = write_csv(
        tmp_path / "eur.csv", repriced_documents({"aws_s3_standard": "0.02"}, currency="EUR")
    )
    ws.apply(ImportPriceBook(read_price_book(path), str(path)))
    found = preview(ws.snapshot(plan_id), ws.catalogue())
    assert found.changes and not found.repriceable
    assert all("now priced in EUR (copied in USD)" in c.note for c in found.changes)
    assert found.total_change == 0
    before = dump(ws.path)
    ws.apply(RepriceLines(plan_id))
    assert dump(ws.path) == before


@settings(max_examples=10)
@given(st.lists(st.decimals(min_value=0, max_value=10_000, places=3), min_size=3, max_size=3))
def test_the_previewed_totals_are_what_the_reprice_stores(
    tmp_path_factory: pytest.TempPathFactory, prices: list[Decimal]
) -> None:
    folder = tmp_path_factory.mktemp("prop")
    ws = Workspace.open(folder / "p.db")
    try:
        plan_id = ws.plans()[0].id
        assert plan_id is not None
        _import(ws, folder, dict(zip(PRICES, (f"{p:f}" for p in prices), strict=True)))
        snap = ws.snapshot(plan_id)
        found = preview(snap, ws.catalogue())
        state = dump(ws.path)
        command = RepriceLines(plan_id)
        ws.apply(command)
        after = ws.snapshot(plan_id)
        budget = Budget(after.plan, after.lines)
        assert budget.total == found.new_total
        for change in found.changes:
            assert budget.line_total(change.line_id) == change.new_line_total
        ws.revert(command)
        assert dump(ws.path) == state
    finally:
        ws.close()


@pytest.mark.parametrize(
    ("as_of", "today", "months", "stale"),
    [
        (date(2026, 6, 6), date(2026, 12, 6), 6, True),
        (date(2026, 6, 7), date(2026, 12, 6), 5, False),
        (date(2025, 12, 31), date(2026, 1, 1), 0, False),
        (date(2026, 1, 31), date(2026, 7, 31), 6, True),
    ],
)
def test_a_price_is_stale_from_its_threshold_in_whole_months(
    as_of: date, today: date, months: int, stale: bool
) -> None:
    assert months_old(as_of, today) == months
    assert is_stale(as_of, today, 6) is stale
    assert not is_stale(None, today, 6)


def test_a_copied_price_keeps_its_currency_through_plan_files_and_workbooks(
    ws: Workspace, tmp_path: Path
) -> None:
    from app.io.xlsx import read_workbook, write_workbook
    from app.services.reimport import describe_reimport

    plan_id = ws.plans()[0].id
    assert plan_id is not None
    _import(ws, tmp_path, PRICES)
    ws.apply(RepriceLines(plan_id))
    snap = ws.snapshot(plan_id)
    assert {line.catalogue_currency for line in snap.lines if line.catalogue_ref in PRICES} == {
        "USD"
    }
    again = plan_json.loads(plan_json.dumps(snap))
    assert [line.catalogue_currency for line in again.lines] == [
        line.catalogue_currency for line in snap.lines
    ]
    workbook = tmp_path / "b.xlsx"
    write_workbook(snap, ws.catalogue(), workbook)
    found = describe_reimport(snap, read_workbook(workbook))
    assert not found.changed and not found.added and not found.removed
