"""Currencies through every door: JSON files, the store and undo, the CLI, workbook, PDF.

The EUR plan with USD and GBP lines of ``tests/currency_fixture.py`` goes in as a plan
file; the summary, the workbook and the pack agree with the hand-worked figures to the
cent. A line in a currency without a rate is refused wherever it comes in.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.errors import InvalidValue
from app.domain.plan import FxRate
from app.io import plan_json
from app.io.xlsx import read_workbook, write_workbook
from app.io.xlsx.layout import NAME_CONTINGENCY, NAME_SUBTOTAL, NAME_TOTAL
from app.services.fx_commands import remove_rate, set_rate
from app.services.line_commands import EditLines
from app.services.plan_commands import ImportPlan
from app.services.workspace import Workspace
from tests.cli.test_cli import run
from tests.currency_fixture import CONTINGENCY, SNAPSHOT, SUBTOTAL, TOTAL
from tests.io.pdf.pdftools import text_pages
from tests.test_agreement import named


def test_the_plan_file_carries_rates_sources_and_line_currencies_exactly() -> None:
    text = plan_json.dumps(SNAPSHOT)
    doc = json.loads(text)
    assert doc["fx_rates"] == {"GBP": "1.17", "USD": "0.92"}
    assert doc["fx_sources"]["USD"] == {"source": "ECB euro reference rate", "as_of": "2026-11-30"}
    assert [line.get("currency") for line in doc["lines"]] == ["USD", "GBP", "USD", None, "GBP"]
    back = plan_json.loads(text)
    assert back.plan.fx_rates == SNAPSHOT.plan.fx_rates
    assert [line.currency for line in back.lines] == [line.currency for line in SNAPSHOT.lines]
    assert plan_json.dumps(back) == text


def test_a_plan_file_with_a_line_in_a_currency_without_a_rate_is_refused() -> None:
    doc = json.loads(plan_json.dumps(SNAPSHOT))
    doc["lines"][0]["currency"] = "CHF"
    with pytest.raises(InvalidValue) as caught:
        plan_json.loads(json.dumps(doc), "plan.budget.json")
    message = str(caught.value)
    assert "plan.budget.json" in message and "'US cloud GPUs'" in message and "CHF" in message


def _stored(tmp_path: Path) -> tuple[Workspace, int]:
    ws = Workspace.open(tmp_path / "fx.db", seed=False)
    command = ImportPlan(SNAPSHOT, ws.taxonomy())
    ws.apply(command)
    assert command.plan_id is not None
    return ws, command.plan_id


def test_the_store_keeps_rates_and_currencies_exactly(tmp_path: Path) -> None:
    ws, plan_id = _stored(tmp_path)
    try:
        snap = ws.snapshot(plan_id)
        assert snap.plan.fx_rates == SNAPSHOT.plan.fx_rates
        assert [line.currency for line in snap.lines] == [line.currency for line in SNAPSHOT.lines]
        assert str(ws.budget(plan_id).total) == TOTAL.replace(".", "")
    finally:
        ws.close()


def test_a_rate_change_and_its_undo_restore_the_table_and_totals_exactly(tmp_path: Path) -> None:
    ws, plan_id = _stored(tmp_path)
    try:
        before = ws.plan(plan_id)
        total = ws.budget(plan_id).total
        change = set_rate(before, FxRate("USD", "0.95", "ECB, 4 Dec 2026", None))
        ws.apply(change)
        assert ws.plan(plan_id).fx_rate("USD") == FxRate("USD", "0.95", "ECB, 4 Dec 2026", None)
        assert ws.budget(plan_id).total > total
        ws.revert(change)
        assert ws.plan(plan_id).fx_rates == before.fx_rates
        assert ws.budget(plan_id).total == total
        ws.apply(change)  # redo
        assert ws.plan(plan_id).fx_rate("USD") == FxRate("USD", "0.95", "ECB, 4 Dec 2026", None)
        added = set_rate(ws.plan(plan_id), FxRate("CHF", "1.06", "SNB", None))
        ws.apply(added)
        assert [r.currency for r in ws.plan(plan_id).fx_rates] == ["CHF", "GBP", "USD"]
        ws.revert(added)
        ws.revert(change)
        assert ws.plan(plan_id) == before
    finally:
        ws.close()


def test_a_rate_a_line_uses_cannot_be_removed_and_a_line_needs_a_rate(tmp_path: Path) -> None:
    ws, plan_id = _stored(tmp_path)
    try:
        plan = ws.plan(plan_id)
        with pytest.raises(InvalidValue, match="'US cloud GPUs' is priced in USD"):
            ws.apply(remove_rate(plan, "USD"))
        line = ws.snapshot(plan_id).lines[3]
        with pytest.raises(InvalidValue, match="has no rate for it"):
            ws.apply(EditLines([replace(line, currency="JPY")]))
        assert ws.plan(plan_id) == plan
    finally:
        ws.close()


def test_the_workbook_reads_back_rates_and_currencies_and_refuses_a_missing_rate(
    tmp_path: Path,
) -> None:
    path = tmp_path / "fx.xlsx"
    write_workbook(SNAPSHOT, [], path)
    back = read_workbook(path)
    assert back.plan.fx_rates == SNAPSHOT.plan.fx_rates
    assert [line.currency for line in back.lines] == [line.currency for line in SNAPSHOT.lines]
    wb = load_workbook(path)
    ws = wb["Computing Resources"]
    header = {c.value: c.column for c in ws[2]}
    ws.cell(3, header["Currency"]).value = "CHF"
    wb.save(tmp_path / "chf.xlsx")
    with pytest.raises(InvalidValue) as caught:
        read_workbook(tmp_path / "chf.xlsx")
    message = str(caught.value)
    assert "Computing Resources" in message and "CHF" in message and "has no rate" in message


def test_a_line_naming_the_plans_own_currency_needs_no_rate_in_the_workbook(
    tmp_path: Path,
) -> None:
    own = replace(SNAPSHOT, lines=(replace(SNAPSHOT.lines[3], currency="EUR"),))
    path = tmp_path / "own.xlsx"
    write_workbook(own, [], path)
    formulas = [
        str(c.value) for row in load_workbook(path)["Monthly"].iter_rows() for c in row if c.value
    ]
    assert not any("FX_EUR" in f for f in formulas)
    assert read_workbook(path).lines[0].currency is None


def test_cli_summary_workbook_and_pack_agree_to_the_cent(tmp_path: Path) -> None:
    db, plan_file = tmp_path / "b.db", tmp_path / "fx.budget.json"
    plan_json.write_file(SNAPSHOT, plan_file)
    assert run("import", str(plan_file), db=db).returncode == 0
    name = SNAPSHOT.plan.name
    done = run("summary", name, "--json", db=db)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["subtotal"], summary["contingency"], summary["total"]) == (
        SUBTOTAL,
        CONTINGENCY,
        TOTAL,
    )
    assert run("export", name, "--xlsx", str(tmp_path / "fx.xlsx"), db=db).returncode == 0
    assert run("pdf", name, "--out", str(tmp_path / "fx.pdf"), db=db).returncode == 0
    workbook = tmp_path / "fx.xlsx"
    assert named(workbook, NAME_SUBTOTAL) == Decimal(SUBTOTAL)
    assert named(workbook, NAME_CONTINGENCY) == Decimal(CONTINGENCY)
    assert named(workbook, NAME_TOTAL) == Decimal(TOTAL)
    pack = "\n".join(text_pages(tmp_path / "fx.pdf"))
    for amount in (SUBTOTAL, CONTINGENCY, TOTAL):
        assert f"{Decimal(amount):,}" in pack
    assert "ECB euro reference rate" in pack and "0.92" in pack


def test_cli_refuses_a_line_in_a_currency_without_a_rate_with_exit_2(tmp_path: Path) -> None:
    db, plan_file = tmp_path / "b.db", tmp_path / "chf.budget.json"
    doc = json.loads(plan_json.dumps(SNAPSHOT))
    doc["lines"][1]["currency"] = "CHF"
    plan_file.write_text(json.dumps(doc), encoding="utf-8")
    done = run("import", str(plan_file), db=db)
    assert done.returncode == 2
    assert "CHF" in done.stderr and "UK annotation" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
