"""Plan → Compare: the view shows the ``compare`` command's figures, cell for cell, for
two plans and for a plan against its baseline; a line double-clicked opens in its editor."""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.cli.main import main
from app.domain.taxonomy import CATEGORY_KEYS, standard_taxonomy
from tests.ui.conftest import open_window
from tests.ui.helpers import settle
from tests.versions_setup import AS_COPIED, BASELINE, SAMPLE, SCENARIO, diverged
from ui.compare.view import CompareView
from ui.main_window import MainWindow

SHOTS = os.environ.get("BUDGETWRIGHT_SHOTS", "")


@pytest.fixture
def ids(db_path: Path) -> dict[str, int]:
    return diverged(db_path)


@pytest.fixture
def window(qtbot: QtBot, ids: dict[str, int], db_path: Path, settings_path: Path) -> MainWindow:
    window = open_window(qtbot, db_path, settings_path)
    if window.ctx.plan is None or window.ctx.plan.id != ids["scenario"]:
        with qtbot.waitSignal(window.ctx.bus.plan_opened, timeout=10_000):
            window.ctx.open_plan(ids["scenario"])
        qtbot.waitUntil(lambda: not window.ctx.loading, timeout=10_000)
    return window


def cli_compare(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["--db", str(db), "compare", *args, "--json"]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def number(text: str) -> Decimal:
    return Decimal(text.replace(",", "")) if text else Decimal(0)


def view_cells(view: CompareView) -> dict[str, tuple[Decimal, ...]]:
    """What the category table shows, by row label, as numbers."""
    table = view.categories
    return {
        table.item(r, 0).text(): tuple(number(table.item(r, c).text()) for c in (1, 2, 3))
        for r in range(table.rowCount())
    }


def view_lines(view: CompareView) -> list[tuple[str, ...]]:
    table = view.lines
    return [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]


def expected_cells(result: dict[str, Any]) -> dict[str, tuple[Decimal, ...]]:
    taxonomy = standard_taxonomy()
    rows = {taxonomy.label(k): result["by_category"][k] for k in CATEGORY_KEYS}
    rows |= {"Subtotal": result["subtotal"], "Total": result["total"]}
    return {label: tuple(Decimal(t[k]) for k in ("a", "b", "delta")) for label, t in rows.items()}


def expected_lines(result: dict[str, Any]) -> list[tuple[str, ...]]:
    taxonomy = standard_taxonomy()
    out = []
    for change in ("added", "removed", "changed"):
        for line in result["lines"][change]:
            a, b = Decimal(line.get("a", "0")), Decimal(line.get("b", "0"))
            out.append(
                (
                    change,
                    line["name"],
                    taxonomy.label(line["category"]),
                    f"{a:,}" if "a" in line else "",
                    f"{b:,}" if "b" in line else "",
                    f"{b - a:+,}" if b > a else f"{b - a:,}",
                )
            )
    return out


@pytest.mark.parametrize(
    ("a_label", "b_label", "args"),
    [
        (SAMPLE, SCENARIO, (SAMPLE, SCENARIO)),
        (f"{SCENARIO} — baseline “{AS_COPIED}”", SCENARIO, (SCENARIO, "--baseline", AS_COPIED)),
        (f"{SAMPLE} — baseline “{BASELINE}”", SAMPLE, (SAMPLE, "--baseline", BASELINE)),
    ],
)
def test_the_compare_view_shows_the_commands_numbers(
    window: MainWindow,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    a_label: str,
    b_label: str,
    args: tuple[str, ...],
) -> None:
    window.actions["plan.compare"].trigger()
    view = window.compare.view
    assert view is not None and view.isVisible()
    view.choose(a_label, b_label)
    result = cli_compare(db_path, capsys, *args)
    assert view.result == result
    assert view_cells(view) == expected_cells(result)
    assert view_lines(view) == expected_lines(result)
    assert view.months == list(result["by_month"])
    assert [Decimal(d) / 100 for d in view.deltas] == [
        Decimal(v["delta"]) for v in result["by_month"].values()
    ]
    assert any(view.deltas)
    if SHOTS:
        view.grab().save(f"{SHOTS}/compare-{args[-1].replace(' ', '-')}.png")


def test_by_default_the_open_plan_is_b_against_its_newest_baseline(window: MainWindow) -> None:
    view = window.compare.show()
    assert view.side_a.currentText() == f"{SCENARIO} — baseline “{AS_COPIED}”"
    assert view.side_b.currentText() == SCENARIO


def test_double_clicking_a_line_of_the_open_plan_opens_it_in_its_editor(
    window: MainWindow, ids: dict[str, int]
) -> None:
    view = window.compare.show()
    view.choose(f"{SCENARIO} — baseline “{AS_COPIED}”", SCENARIO)
    rows = {view.lines.item(r, 1).text(): r for r in range(view.lines.rowCount())}
    row = rows["Extra GPUs"]
    view.lines.cellDoubleClicked.emit(row, 1)
    settle()
    [extra] = [i for i, line in window.ctx.lines.items() if line.name == "Extra GPUs"]
    editor = window.editors.editor("computing")
    assert window.editors.stack.currentWidget() is editor
    current = editor.current_line()
    assert current is not None and current.id == extra
    # a removed line is not in the open plan: said so, nothing opened
    [removed] = [
        r for r in range(view.lines.rowCount()) if view.lines.item(r, 0).text() == "removed"
    ]
    assert view.line_of_open_plan(removed) is None
    view.lines.cellDoubleClicked.emit(removed, 1)
    assert "not in the open plan" in view.note.text()


def test_the_view_follows_an_edit_of_the_open_plan(window: MainWindow) -> None:
    from dataclasses import replace

    view = window.compare.show()
    view.choose(f"{SCENARIO} — baseline “{AS_COPIED}”", SCENARIO)
    before = view_cells(view)["Total"]
    line = next(x for x in window.ctx.plan_lines() if x.name == "Extra GPUs")
    from app.services import line_commands as lc

    window.ctx.run(
        lc.EditLines(
            [
                replace(
                    line,
                    name="Extra GPUs",
                    notes="x",
                    drivers={
                        **line.drivers,
                        "quantity": str(Decimal(line.drivers["quantity"]) * 2),
                    },
                )
            ]
        )
    )
    settle()
    after = view_cells(view)["Total"]
    assert after[0] == before[0] and after[1] > before[1]
