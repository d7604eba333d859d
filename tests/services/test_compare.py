"""Compare, worked by hand to the cent, month by month (issue 11's JSON structure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import BadInput
from app.domain.plan import CapexView, CostModel, Line, Plan, PlanSnapshot
from app.domain.taxonomy import CATEGORY_KEYS
from app.services.compare import Side, compare

SOFTWARE = ("software", "development_tools", "version_control")
DATA = ("data", "training_data", "volume_requirements")


def _line(
    line_id: int, place: tuple[str, str, str], name: str, model: CostModel, start: date, end: date,
    **drivers: str,
) -> Line:  # fmt: skip
    return Line(line_id, 1, *place, name, model, drivers, start, end)


def _monthly(line_id: int, name: str, qty: str, cost: str, start: date, end: date) -> Line:
    return _line(
        line_id, SOFTWARE, name, CostModel.RECURRING, start, end,
        quantity=qty, unit_cost=cost, period="month",
    )  # fmt: skip


def _once(line_id: int, name: str, qty: str, cost: str, day: date) -> Line:
    return _line(line_id, DATA, name, CostModel.ONE_TIME, day, day, quantity=qty, unit_cost=cost)


def _plan(name: str, start: date, end: date, currency: str = "USD") -> Plan:
    return Plan(1, name, currency, start, end, contingency_pct=Decimal("10"))


A = PlanSnapshot(
    _plan("Buy", date(2027, 1, 1), date(2027, 3, 31)),
    (),
    (
        _monthly(1, "Git hosting", "2", "10.50", date(2027, 1, 1), date(2027, 3, 31)),
        _once(2, "Labels", "3", "333.335", date(2027, 1, 10)),  # 1000.005 → 1000.01
        _monthly(3, "Old tool", "1", "5.00", date(2027, 1, 1), date(2027, 2, 28)),
        _once(4, "Eval set", "1", "50", date(2027, 3, 1)),
    ),
)
B = PlanSnapshot(
    _plan("Rent", date(2027, 2, 1), date(2027, 4, 30)),
    (),
    (
        # copied from line 1, renamed and grown: matched by its origin
        _monthly(11, "Git hosting (team)", "3", "10.50", date(2027, 2, 1), date(2027, 4, 30)),
        # same place and name as line 2, moved a month: same total, other months
        _once(12, "Labels", "3", "333.335", date(2027, 2, 1)),
        _monthly(13, "New tool", "1", "7.25", date(2027, 4, 1), date(2027, 4, 30)),
        _once(15, "Eval set", "1", "50", date(2027, 3, 1)),  # unchanged: left out
    ),
)


def trio(a: str, b: str, delta: str) -> dict[str, str]:
    return {"a": a, "b": b, "delta": delta}


def test_a_hand_worked_compare_to_the_cent_month_by_month() -> None:
    result = compare(Side("Buy", A), Side("Rent", B, {11: 1}))
    zero = trio("0.00", "0.00", "0.00")
    assert result == {
        "a": "Buy",
        "b": "Rent",
        "currency": "USD",
        # a: 63.00 + 1000.01 + 10.00 + 50.00; b: 94.50 + 1000.01 + 7.25 + 50.00
        "subtotal": trio("1123.01", "1151.76", "28.75"),
        # contingency 10 %: 112.301 → 112.30 and 115.176 → 115.18
        "total": trio("1235.31", "1266.94", "31.63"),
        "by_category": {
            **dict.fromkeys(CATEGORY_KEYS, zero),
            "software": trio("73.00", "101.75", "28.75"),
            "data": trio("1050.01", "1050.01", "0.00"),
        },
        "by_month": {
            "2027-01": trio("1026.01", "0.00", "-1026.01"),
            "2027-02": trio("26.00", "1031.51", "1005.51"),
            "2027-03": trio("71.00", "81.50", "10.50"),
            "2027-04": trio("0.00", "38.75", "38.75"),
        },
        "lines": {
            "added": [{"name": "New tool", "category": "software", "b": "7.25"}],
            "removed": [{"name": "Old tool", "category": "software", "a": "10.00"}],
            "changed": [
                {"name": "Git hosting (team)", "category": "software"}
                | trio("63.00", "94.50", "31.50"),
                {"name": "Labels", "category": "data"} | trio("1000.01", "1000.01", "0.00"),
            ],
        },
    }
    assert list(result["by_category"]) == list(CATEGORY_KEYS)


def test_without_the_origin_a_renamed_line_is_removed_and_added() -> None:
    lines = compare(Side("Buy", A), Side("Rent", B))["lines"]
    assert [x["name"] for x in lines["added"]] == ["Git hosting (team)", "New tool"]
    assert [x["name"] for x in lines["removed"]] == ["Git hosting", "Old tool"]


def test_origins_match_either_way_and_between_two_copies_of_one_line() -> None:
    # a is the copy this time: its line 1 came from b's line 11
    reverse = compare(Side("Buy", A, {1: 11}), Side("Rent", B))["lines"]
    assert [x["name"] for x in reverse["changed"]] == ["Git hosting (team)", "Labels"]
    # both copied from line 99
    siblings = compare(Side("Buy", A, {1: 99}), Side("Rent", B, {11: 99}))["lines"]
    assert [x["name"] for x in siblings["changed"]] == ["Git hosting (team)", "Labels"]


def test_a_plan_compared_with_itself_has_zero_deltas() -> None:
    result = compare(Side("Buy", A), Side("Buy again", A))
    assert {v["delta"] for v in result["by_month"].values()} == {"0.00"}
    assert {v["delta"] for v in result["by_category"].values()} == {"0.00"}
    assert result["lines"] == {"added": [], "removed": [], "changed": []}


def test_lines_of_one_place_and_name_pair_in_plan_order() -> None:
    twice = replace(A, lines=(A.lines[1], replace(A.lines[1], id=5, drivers={**A.lines[1].drivers, "quantity": "1"})))  # fmt: skip
    other = replace(B, lines=(replace(twice.lines[0], id=21), replace(twice.lines[1], id=22)))
    assert compare(Side("a", twice), Side("b", other))["lines"]["changed"] == []


def test_plans_in_different_currencies_are_refused() -> None:
    euros = replace(B, plan=replace(B.plan, currency="EUR"))
    with pytest.raises(BadInput, match="different currencies"):
        compare(Side("Buy", A), Side("Rent", euros))


@pytest.mark.parametrize("capex", ["cash", "amortized"])
def test_each_side_agrees_with_the_plan_summary(capex: str) -> None:
    from app.services.summary import plan_summary
    from benchmarks.large_plan import large_plan

    big = large_plan(600, seed=11)
    plan = replace(big.plan, id=1, capex_view=CapexView(capex))
    snap = PlanSnapshot(plan, (), tuple(replace(x, id=i + 1) for i, x in enumerate(big.lines)))
    other = replace(snap, lines=snap.lines[::2])
    result = compare(Side("all", snap), Side("half", other))
    for key, side in (("a", snap), ("b", other)):
        summary = plan_summary(side)
        assert result["subtotal"][key] == summary["subtotal"]
        assert result["total"][key] == summary["total"]
        assert {c: v[key] for c, v in result["by_category"].items()} == summary["by_category"]
        months = {m: v[key] for m, v in result["by_month"].items()}
        assert {m: v for m, v in months.items() if m in summary["by_month"]} == summary["by_month"]
        assert {v for m, v in months.items() if m not in summary["by_month"]} <= {"0.00"}
    assert len(result["lines"]["removed"]) == 300


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_compare_is_b_minus_a_and_swapping_sides_negates_it(data: st.DataObject) -> None:
    from app.services.summary import plan_summary
    from tests.strategies import lines

    plan = _plan("a", date(2027, 1, 1), date(2028, 12, 31))
    a_lines = [data.draw(lines(line_id=i + 1)) for i in range(data.draw(st.integers(0, 6)))]
    kept = [x for x in a_lines if data.draw(st.booleans())]
    copies = [replace(x, id=100 + i) for i, x in enumerate(kept)]
    copies = [
        replace(c, drivers={**c.drivers}, end=c.end if data.draw(st.booleans()) else c.start)
        for c in copies
    ]
    new = [data.draw(lines(line_id=200 + i)) for i in range(data.draw(st.integers(0, 3)))]
    origins = {c.id or 0: x.id or 0 for c, x in zip(copies, kept, strict=True)}
    a = PlanSnapshot(plan, (), tuple(a_lines))
    b = PlanSnapshot(replace(plan, name="b"), (), tuple(copies + new))
    forward = compare(Side("a", a), Side("b", b, origins))
    backward = compare(Side("b", b, origins), Side("a", a))
    for key, side in (("a", a), ("b", b)):
        summary = plan_summary(side)
        assert forward["subtotal"][key] == summary["subtotal"]
        assert forward["total"][key] == summary["total"]
    trios = [forward["subtotal"], forward["total"], *forward["by_category"].values()]
    trios += forward["by_month"].values()
    for trio_ in trios:
        assert Decimal(trio_["delta"]) == Decimal(trio_["b"]) - Decimal(trio_["a"])
    for section in ("subtotal", "total"):
        assert Decimal(backward[section]["delta"]) == -Decimal(forward[section]["delta"])
    assert forward["by_month"].keys() == backward["by_month"].keys()
    names = sorted(x["name"] for x in forward["lines"]["added"])
    assert names == sorted(x["name"] for x in backward["lines"]["removed"])
    assert len(forward["lines"]["changed"]) == len(backward["lines"]["changed"])
