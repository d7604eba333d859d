"""``compare ... --xlsx``: both sides and a delta sheet whose formulas, recalculated by
LibreOffice, agree with ``compare --json`` to the cent; and follow an edited side."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from app.io.xlsx.compare_workbook import DELTA_SHEET, SIDE_SHEETS
from tests.cli.test_cli import run
from tests.io.xlsx.conftest import Recalc
from tests.versions_setup import BASELINE, SAMPLE, SCENARIO, diverged

CALLS = {
    "plans": (SAMPLE, SCENARIO),
    "baseline": (SAMPLE, "--baseline", BASELINE),
}


def _cent(value: object) -> Decimal:
    assert isinstance(value, int | float), value
    return Decimal(str(round(float(value), 2))).quantize(Decimal("0.01"))


def _rows(ws: Any) -> dict[str, tuple[Any, ...]]:
    """Each row of a sheet by its key (column B)."""
    return {str(row[1]): row for row in ws.iter_rows(min_row=4, values_only=True) if row[1]}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, Any], Path]]:
    folder = tmp_path_factory.mktemp("compare-xlsx")
    db = folder / "v.db"
    diverged(db)
    out: dict[str, tuple[dict[str, Any], Path]] = {}
    for name, call in CALLS.items():
        path = folder / f"{name}.xlsx"
        done = run("compare", *call, "--xlsx", str(path), db=db)
        assert done.returncode == 0, done.stderr
        assert f"Wrote {path}" in done.stdout
        result = json.loads(run("compare", *call, "--json", db=db).stdout)
        out[name] = (result, path)
    return out


def _check_against(result: dict[str, Any], path: Path) -> None:
    book = openpyxl.load_workbook(path, data_only=True)
    assert book.sheetnames == [*SIDE_SHEETS, DELTA_SHEET]
    delta = _rows(book[DELTA_SHEET])
    figures = {**result["by_category"], **result["by_month"]}
    figures |= {"subtotal": result["subtotal"], "total": result["total"]}
    for key, trio in figures.items():
        a, b, d = delta[key][2:5]
        assert (_cent(a), _cent(b), _cent(d)) == tuple(
            Decimal(trio[k]) for k in ("a", "b", "delta")
        ), key
    for col, (side, sheet) in enumerate(zip("ab", SIDE_SHEETS, strict=True), start=2):
        rows = _rows(book[sheet])
        assert _cent(rows["total"][2]) == Decimal(result["total"][side])
        assert delta["contingency_pct"][col] == rows["contingency_pct"][2] > 0
        contingency = Decimal(result["total"][side]) - Decimal(result["subtotal"][side])
        assert _cent(rows["contingency"][2]) == _cent(delta["contingency"][col]) == contingency
    listed = [
        (row[0], row[1], _cent(row[4]))
        for row in book[DELTA_SHEET].iter_rows(values_only=True)
        if row[1] in ("added", "removed", "changed")
    ]
    lines = result["lines"]
    expected = [(x["name"], "added", Decimal(x["b"])) for x in lines["added"]]
    expected += [(x["name"], "removed", -Decimal(x["a"])) for x in lines["removed"]]
    expected += [(x["name"], "changed", Decimal(x["delta"])) for x in lines["changed"]]
    assert listed == expected


def test_the_workbook_as_written_shows_the_commands_figures(
    written: dict[str, tuple[dict[str, Any], Path]],
) -> None:
    """The formulas carry their values: a viewer that never recalculates is right too."""
    for result, path in written.values():
        assert result["total"]["delta"] != "0.00"
        _check_against(result, path)


def test_recalculated_delta_formulas_agree_with_compare_json_and_follow_an_edit(
    written: dict[str, tuple[dict[str, Any], Path]], recalc: Recalc, tmp_path: Path
) -> None:
    # openpyxl saves formulas without their values: LibreOffice must work every one out
    stripped, edited = [], tmp_path / "edited.xlsx"
    for name, (_result, path) in written.items():
        copy = tmp_path / f"{name}.xlsx"
        openpyxl.load_workbook(path).save(copy)
        stripped.append(copy)
    book = openpyxl.load_workbook(written["plans"][1])
    side_b = book[SIDE_SHEETS[1]]
    [row] = [r for r in side_b.iter_rows(min_row=4) if r[1].value == "computing"]
    row[2].value = float(Decimal(written["plans"][0]["by_category"]["computing"]["b"]) + 100)
    book.save(edited)
    *recalculated, after_edit = recalc([*stripped, edited])
    for (result, _path), path in zip(written.values(), recalculated, strict=True):
        _check_against(result, path)
    delta = _rows(openpyxl.load_workbook(after_edit, data_only=True)[DELTA_SHEET])
    result = written["plans"][0]
    assert (
        _cent(delta["computing"][4]) == Decimal(result["by_category"]["computing"]["delta"]) + 100
    )
    assert _cent(delta["subtotal"][4]) == Decimal(result["subtotal"]["delta"]) + 100


def test_an_xlsx_named_as_another_kind_of_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    diverged(db)
    done = run("compare", SAMPLE, SCENARIO, "--xlsx", str(tmp_path / "c.pdf"), db=db)
    assert done.returncode == 2
    assert "must end in .xlsx" in done.stderr
    assert not (tmp_path / "c.pdf").exists()
