"""Export then import gives back the same plan: lines, drivers as typed, dates, phases,
notes and every figure of the summary."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import example, given, settings

from app.domain.plan import CostModel, Line, Phase, Plan, PlanSnapshot
from app.io.xlsx import read_workbook, write_workbook
from app.services.workspace import Workspace
from tests.io.xlsx.facts import facts
from tests.strategies import snapshots


def round_trip(snapshot: PlanSnapshot) -> PlanSnapshot:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.xlsx"
        write_workbook(snapshot, [], path)
        return read_workbook(path)


def awkward_plan() -> PlanSnapshot:
    """The cases hypothesis found or that broke naive exporters, in one plan."""
    plan = Plan(
        None,
        '=HYPERLINK("http://x") 予算 ',
        "BHD",
        date(2028, 2, 29),
        date(2029, 2, 28),
        description="line\rbreaks\r\nand\x01control\x1fcharacters _x0041_ stay",
        contingency_pct=Decimal("12.5"),
        notes="長い備考 " * 400,
    )
    phase = Phase(-1, 0, "研究", "Research, 研究", date(2028, 2, 29), date(2028, 6, 30), 0, True)
    drivers = {"quantity": "1.50", "unit_cost": "0.0000025"}
    lines = (
        Line(
            None,
            0,
            "data",
            "training_data",
            "volume_requirements",
            "+1+1",
            CostModel.ONE_TIME,
            drivers,
            date(2028, 2, 29),
            date(2028, 2, 29),
            phase_id=-1,
            vendor="@vendor",
            notes="-minus",
            low_estimate="10.5",
            high_estimate="99999.999",
        ),
        Line(
            None,
            0,
            "computing",
            "cloud",
            "aws_gcp_azure_options",
            " spaced ",
            CostModel.USAGE,
            {
                "quantity": "8",
                "hours_per_month": "744",
                "utilization": "0.85",
                "unit_cost": "2.5E-7",
            },
            date(2028, 2, 1),
            date(2029, 2, 28),
            catalogue_ref="h100_sxm_rental",
            catalogue_price="2.990",
            catalogue_as_of=date(2026, 2, 1),
            position=1,
        ),
    )
    return PlanSnapshot(plan, (phase,), lines)


def test_awkward_plan_comes_back_identical() -> None:
    snapshot = awkward_plan()
    assert facts(round_trip(snapshot)) == facts(snapshot)


def test_sample_plan_comes_back_identical(workspace: Workspace) -> None:
    plan = workspace.find_plan("Support assistant: fine-tune and serve")
    assert plan.id is not None
    snapshot = workspace.snapshot(plan.id)
    back = round_trip(snapshot)
    assert facts(back) == facts(snapshot)
    assert back.plan.id == plan.id, "the hidden plan id comes back for re-import"
    assert [line.id for line in back.lines] == [line.id for line in snapshot.lines]
    assert facts(back)["summary"]["total"] == "1357795.26"


@settings(max_examples=120)
@given(snapshots())
@example(awkward_plan())
def test_generated_plans_come_back_identical(snapshot: PlanSnapshot) -> None:
    snapshot = replace(
        snapshot, lines=tuple(replace(x, position=i) for i, x in enumerate(snapshot.lines))
    )
    assert facts(round_trip(snapshot)) == facts(snapshot)
