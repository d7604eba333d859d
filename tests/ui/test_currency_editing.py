"""Currencies in the window: a line's currency in the editors, the rate table in Plan
Settings (undoable), and a catalogue price in a currency the plan has no rate for."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.domain.plan import FxRate, PlanSnapshot
from app.services.plan_commands import EditPlan, ImportPlan
from app.services.workspace import Workspace
from tests.currency_fixture import LINES, PLAN, SNAPSHOT
from tests.ui.conftest import open_window
from tests.ui.helpers import cell, line_named, show
from ui.main_window import MainWindow
from ui.plan_dialogs import PlanSettingsDialog

NO_DOLLAR = PlanSnapshot(
    replace(PLAN, name="Euro plan, no dollar rate", fx_rates=PLAN.fx_rates[:1]),
    (),
    tuple(line for line in LINES if line.currency != "USD"),
)


def _window(qtbot: QtBot, tmp_path: Path, snapshot: PlanSnapshot) -> MainWindow:
    db = tmp_path / "fx.db"
    ws = Workspace.open(db)  # the catalogue and the sample; ours opens first (by name)
    ws.apply(ImportPlan(snapshot, ws.taxonomy()))
    ws.close()
    window = open_window(qtbot, db, tmp_path / "settings.ini")
    assert window.ctx.plan is not None and window.ctx.plan.name == snapshot.plan.name
    return window


def test_the_editor_shows_each_lines_currency_and_prices_in_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path, SNAPSHOT)
    editor = show(window, "computing")
    gpus = line_named(editor, "US cloud GPUs")
    assert cell(editor, gpus.id, "currency").data() == "USD"
    rate = next(c.key for c in editor.columns if c.field == "driver" and c.driver == "unit_cost")
    assert cell(editor, gpus.id, rate).data() == "USD 1,000"
    assert cell(editor, gpus.id, "total").data() == "2,136.77"  # in EUR
    editor.select_lines([gpus.id])
    window.resize(1500, 800)
    qtbot.wait(50)
    window.grab().save("/tmp/fx_editor.png")
    # back to the plan's own currency, then undo
    assert window.ctx.edit_line(gpus, editor.detail.fields["currency"].column, "EUR")
    assert window.ctx.lines[gpus.id].currency is None
    assert cell(editor, gpus.id, "total").data() == "2,322.58"
    window.actions["edit.undo"].trigger()
    assert window.ctx.lines[gpus.id].currency == "USD"


def test_plan_settings_edit_the_rates_and_undo_restores_them_exactly(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path, SNAPSHOT)
    ctx = window.ctx
    assert ctx.plan is not None and ctx.plan.id is not None and ctx.totals is not None
    before, total = ctx.plan, ctx.totals.total
    dialog = PlanSettingsDialog(ctx.plan, "Plan Settings", window)
    qtbot.addWidget(dialog)
    usd = next(r for r in range(dialog.rates.table.rowCount()) if dialog.rates._text(r, 0) == "USD")
    dialog.rates.table.item(usd, 1).setText("0,95")
    dialog.rates.table.item(usd, 2).setText("ECB, 4 Dec 2026")
    changes = dialog.changes()
    assert set(changes) == {"fx_rates"}
    assert ctx.run(EditPlan(ctx.plan.id, **changes), "Edit plan settings")
    assert ctx.plan.fx_rate("USD") == FxRate("USD", "0.95", "ECB, 4 Dec 2026", date(2026, 11, 30))
    assert ctx.totals.total > total
    window.actions["edit.undo"].trigger()
    assert ctx.plan.fx_rates == before.fx_rates and ctx.totals.total == total
    window.actions["edit.redo"].trigger()
    assert ctx.plan.fx_rate("USD").rate == "0.95"  # type: ignore[union-attr]
    dialog.rates.table.item(usd, 1).setText("nothing")
    with pytest.raises(Exception, match="Rate for USD"):
        dialog.plan()


def test_a_dollar_price_in_a_plan_without_the_rate_asks_for_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(qtbot, tmp_path, NO_DOLLAR)
    ctx = window.ctx
    editor = show(window, "computing")
    line_id = editor.add_line()
    assert line_id is not None
    asked: list[str] = []

    def answer(_plan: object, currency: str) -> FxRate:
        asked.append(currency)
        return FxRate(currency, "0.92", "ECB euro reference rate", date(2026, 11, 30))

    ctx.ask_rate = answer
    catalogue = editor.detail.fields["catalogue"].column
    assert ctx.edit_line(ctx.lines[line_id], catalogue, "a100_40gb_sxm4_rental")
    assert asked == ["USD"]
    assert ctx.plan is not None and ctx.plan.fx_rate("USD") is not None
    line = ctx.lines[line_id]
    assert line.currency == "USD" and line.catalogue_ref == "a100_40gb_sxm4_rental"
    window.actions["edit.undo"].trigger()  # the price
    assert ctx.lines[line_id].catalogue_ref is None
    window.actions["edit.undo"].trigger()  # the rate
    assert ctx.plan.fx_rate("USD") is None
    ctx.ask_rate = lambda _plan, _currency: None  # cancelled: nothing changes
    assert not ctx.edit_line(ctx.lines[line_id], catalogue, "a100_40gb_sxm4_rental")
    assert ctx.lines[line_id].currency is None
