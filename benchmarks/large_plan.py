"""A generated plan of 10,000 lines over 60 months, shared by the benchmarks."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from app.domain.plan import CostModel, Line, Phase, Plan, PlanSnapshot
from app.domain.taxonomy import standard_taxonomy

START, END = date(2027, 1, 1), date(2031, 12, 31)

DRIVERS = {
    CostModel.ONE_TIME: lambda r: {
        "quantity": str(r.randint(1, 50)),
        "unit_cost": f"{r.uniform(10, 9000):.2f}",
    },
    CostModel.RECURRING: lambda r: {
        "quantity": str(r.randint(1, 40)),
        "unit_cost": f"{r.uniform(5, 900):.2f}",
        "period": r.choice(["month", "year"]),
    },
    CostModel.USAGE: lambda r: {
        "quantity": str(r.randint(1, 64)),
        "hours_per_month": str(r.randint(50, 730)),
        "utilization": f"{r.uniform(0.3, 1):.2f}",
        "unit_cost": f"{r.uniform(0.5, 8):.3f}",
    },
    CostModel.STAFF: lambda r: {
        "fte": f"{r.choice([0.25, 0.5, 1, 2])}",
        "annual_cost": str(r.randint(60, 300) * 1000),
        "overhead_pct": str(r.randint(15, 45)),
    },
    CostModel.VOLUME: lambda r: {
        "volume": str(r.randint(100, 90000)),
        "growth_per_month": str(r.randint(0, 3000)),
        "unit_cost": r.choice(["0.023", "0.0125", "0.00099", "0.08"]),
    },
    CostModel.SPREAD: lambda r: {
        "quantity": str(r.randint(1, 400)),
        "unit_cost": f"{r.uniform(20, 200):.2f}",
    },
    CostModel.PURCHASE: lambda r: {
        "quantity": str(r.randint(1, 16)),
        "unit_cost": str(r.randint(3, 40) * 1000),
        "useful_life_months": str(r.choice([24, 36, 48])),
    },
    CostModel.TRAINING_RUN: lambda r: {
        "parameters": str(r.choice([125, 1300, 7000, 70000, 405000]) * 10**6),
        "tokens": str(r.randint(1, 15000) * 10**9),
        **(
            {"peak_tflops": r.choice(["989", "312", "2250"]), "mfu": f"{r.uniform(0.3, 0.55):.2f}"}
            if r.random() < 0.7
            else {"tokens_per_second": str(r.randint(500, 20000))}
        ),
        "goodput": r.choice(["1", "0.9", "0.95"]),
        "accelerators": str(r.choice([8, 64, 256, 1024, 4096])),
        "unit_cost": f"{r.uniform(1, 10):.2f}",
        "power_watts": r.choice(["400", "700", "1000"]),
        "pue": r.choice(["1.1", "1.2", "1.56"]),
        "grid_kgco2_per_kwh": r.choice(["0.388", "0.05", "0.7"]),
    },
    CostModel.SERVING: lambda r: {
        "tokens_per_month": str(r.randint(1, 5000) * 10**6),
        "growth_per_month": str(r.randint(0, 500) * 10**6),
        "peak_to_average": r.choice(["1", "2", "3.5"]),
        "tokens_per_second": str(r.randint(200, 5000)),
        "min_accelerators": str(r.randint(0, 4)),
        "unit_cost": f"{r.uniform(0.5, 6):.2f}",
        "power_watts": r.choice(["350", "700"]),
        "pue": "1.2",
        "grid_kgco2_per_kwh": "0.388",
    },
}
COMPUTE = (CostModel.TRAINING_RUN, CostModel.SERVING)
OTHERS = [m for m in CostModel if m not in COMPUTE]


def large_plan(lines: int = 10_000, seed: int = 7) -> PlanSnapshot:
    """A plan with ``lines`` lines spread over five years, every category and cost model;
    a third of them training runs or serving."""
    rng = random.Random(seed)
    places = [
        (c.key, s.key, i.key)
        for c in standard_taxonomy().categories
        for s in c.sections
        for i in s.items
    ]
    phases = tuple(
        Phase(
            -(y + 1),
            0,
            f"year_{y + 1}",
            f"Year {y + 1}",
            date(2027 + y, 1, 1),
            date(2027 + y, 12, 31),
            y,
        )
        for y in range(5)
    )
    made = []
    horizon = (END - START).days
    for index in range(lines):
        model = rng.choice(COMPUTE) if rng.random() < 1 / 3 else rng.choice(OTHERS)
        category, section, item = rng.choice(places)
        start = START + timedelta(days=rng.randint(0, horizon - 1))
        end = min(END, start + timedelta(days=rng.randint(0, 900)))
        if model is CostModel.STAFF or rng.random() < 0.3:
            start, end = START + timedelta(days=rng.randint(0, 40)), END
        made.append(
            Line(
                None,
                0,
                category,
                section,
                item,
                f"Line {index} — {item}",
                model,
                DRIVERS[model](rng),
                start,
                end,
                notes="generated",
                position=index,
            )
        )
    plan = Plan(None, "Large plan", "USD", START, END, contingency_pct=Decimal("12.5"))
    return PlanSnapshot(plan, phases, tuple(made))


def store_large_plan(db_path: Path, lines: int = 10_000) -> int:
    """Store :func:`large_plan` in a database (made, with the sample, if new); its id."""
    from app.services.plan_commands import ImportPlan
    from app.services.workspace import Workspace

    workspace = Workspace.open(db_path)
    try:
        command = ImportPlan(large_plan(lines), workspace.taxonomy())
        workspace.apply(command)
        assert command.plan_id is not None
        return command.plan_id
    finally:
        workspace.close()
