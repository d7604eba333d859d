"""Hypothesis strategies for plans and lines: non-Latin names, long notes, sub-cent
prices, leap days."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from app.domain.plan import CostModel, Line, Phase, Plan, PlanSnapshot
from app.domain.taxonomy import standard_taxonomy

DAYS = st.dates(min_value=date(2026, 1, 1), max_value=date(2029, 12, 31))
LEAP_DAYS = st.sampled_from([date(2028, 2, 28), date(2028, 2, 29), date(2028, 3, 1)])
A_DAY = st.one_of(DAYS, LEAP_DAYS)
NAMES = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
NOTES = st.one_of(st.just(""), st.text(min_size=0, max_size=2000), st.just("長い備考 " * 400))


def decimals(max_value: int = 100_000, places: int = 4) -> st.SearchStrategy[str]:
    return st.decimals(
        min_value=0, max_value=max_value, places=places, allow_nan=False, allow_infinity=False
    ).map(str)


SUB_CENT = st.sampled_from(["0.0000025", "0.00099", "0.0036", "0.012", "0.005", "2.5E-7"])
PRICES = st.one_of(decimals(), SUB_CENT)

DRIVERS = {
    CostModel.ONE_TIME: st.fixed_dictionaries({"quantity": decimals(1000, 2), "unit_cost": PRICES}),
    CostModel.RECURRING: st.fixed_dictionaries(
        {
            "quantity": decimals(1000, 2),
            "unit_cost": PRICES,
            "period": st.sampled_from(["month", "year"]),
        }
    ),
    CostModel.USAGE: st.fixed_dictionaries(
        {
            "quantity": decimals(64, 0),
            "hours_per_month": decimals(744, 1),
            "utilization": st.decimals(0, 1, places=2).map(str),
            "unit_cost": PRICES,
        }
    ),
    CostModel.STAFF: st.fixed_dictionaries(
        {
            "fte": decimals(10, 2),
            "annual_cost": decimals(500_000, 2),
            "overhead_pct": decimals(100, 1),
        }
    ),
    CostModel.VOLUME: st.fixed_dictionaries(
        {"volume": decimals(100_000, 0), "growth_per_month": decimals(1000, 0), "unit_cost": PRICES}
    ),
    CostModel.SPREAD: st.fixed_dictionaries({"quantity": decimals(1000, 2), "unit_cost": PRICES}),
    CostModel.PURCHASE: st.fixed_dictionaries(
        {
            "quantity": decimals(100, 0),
            "unit_cost": PRICES,
            "useful_life_months": st.integers(1, 60).map(str),
        }
    ),
}

ENERGY = st.fixed_dictionaries(
    {},
    optional={
        "power_watts": st.sampled_from(["700", "1000", "400.5"]),
        "pue": st.sampled_from(["1", "1.1", "1.58"]),
        "grid_kgco2_per_kwh": st.sampled_from(["0", "0.384", "0.0123"]),
    },
)
SIZED_BY = st.one_of(
    st.fixed_dictionaries(
        {
            "peak_tflops": st.sampled_from(["989", "312", "1979.5"]),
            "mfu": st.sampled_from(["0.38", "0.5", "1", "0.413"]),
        }
    ),
    st.fixed_dictionaries({"tokens_per_second": st.sampled_from(["3000", "412.5", "20000"])}),
)
TRAINING = st.tuples(
    st.fixed_dictionaries(
        {
            "parameters": st.sampled_from(["7000000000", "405000000000", "125000000", "1.3E9"]),
            "tokens": st.sampled_from(["2000000000", "15600000000000", "300000000000"]),
            "accelerators": st.integers(1, 4096).map(str),
            "unit_cost": PRICES,
        },
        optional={
            "flops_per_token": st.sampled_from(["6", "8", "2.5"]),
            "goodput": st.sampled_from(["1", "0.9", "0.855"]),
        },
    ),
    SIZED_BY,
    ENERGY,
).map(lambda parts: {**parts[0], **parts[1], **parts[2]})
SERVING = st.tuples(
    st.fixed_dictionaries(
        {
            "tokens_per_month": decimals(10**12, 0).filter(lambda t: int(t) >= 100_000),
            "growth_per_month": st.sampled_from(["0", "-1000", "250000000", "1.5E9"]),
            "tokens_per_second": st.sampled_from(["1500", "2400.5", "10"]),
            "unit_cost": PRICES,
        },
        optional={
            "peak_to_average": st.sampled_from(["1", "2.5", "3"]),
            "min_accelerators": st.sampled_from(["0", "1", "4"]),
        },
    ),
    ENERGY,
).map(lambda parts: {**parts[0], **parts[1]})
USAGE_ENERGY = st.tuples(DRIVERS[CostModel.USAGE], ENERGY).map(lambda p: {**p[0], **p[1]})
DRIVERS[CostModel.USAGE] = USAGE_ENERGY
DRIVERS[CostModel.TRAINING_RUN] = TRAINING
DRIVERS[CostModel.SERVING] = SERVING

PLACES = [
    (c.key, s.key, i.key)
    for c in standard_taxonomy().categories
    for s in c.sections
    for i in s.items
]


@st.composite
def lines(
    draw: st.DrawFn, line_id: int = 1, plan_id: int = 1, phase_ids: tuple[int, ...] = ()
) -> Line:
    model = draw(st.sampled_from(list(CostModel)))
    start = draw(A_DAY)
    end = start + timedelta(days=draw(st.integers(0, 800)))
    category, section, item = draw(st.sampled_from(PLACES))
    phase_id = draw(st.sampled_from((None, *phase_ids)))
    return Line(
        id=line_id,
        plan_id=plan_id,
        category=category,
        section=section,
        item=item,
        name=draw(NAMES),
        cost_model=model,
        drivers=draw(DRIVERS[model]),
        start=start,
        end=end,
        phase_id=phase_id,
        vendor=draw(st.sampled_from(["", "Lambda", "Équipe Öl"])),
        notes=draw(NOTES),
        catalogue_ref=draw(st.sampled_from([None, "h100_sxm_rental"])),
        low_estimate=draw(st.sampled_from([None, "10.5"])),
        high_estimate=draw(st.sampled_from([None, "99999.999"])),
    )


@st.composite
def snapshots(draw: st.DrawFn, max_lines: int = 12) -> PlanSnapshot:
    start = draw(DAYS)
    end = start + timedelta(days=draw(st.integers(0, 1200)))
    plan = Plan(
        id=None,
        name=draw(NAMES),
        currency=draw(st.sampled_from(["USD", "EUR", "JPY", "BHD"])),
        start=start,
        end=end,
        description=draw(NOTES),
        contingency_pct=draw(st.sampled_from([Decimal("0"), Decimal("10"), Decimal("12.5")])),
        notes=draw(NOTES),
    )
    keys = draw(
        st.lists(
            st.sampled_from(["research", "dev", "test", "ship", "run", "研究"]),
            unique=True,
            max_size=4,
        )
    )
    phases = tuple(
        Phase(
            -(i + 1),
            0,
            key,
            f"Phase {key}",
            start,
            end,
            i,
            draw(st.booleans()),
            (keys[i - 1],) if i else (),
        )
        for i, key in enumerate(keys)
    )
    phase_ids = tuple(p.id for p in phases if p.id is not None)
    count = draw(st.integers(0, max_lines))
    found = [draw(lines(line_id=i + 1, phase_ids=phase_ids)) for i in range(count)]
    found = [
        Line(**{**line.__dict__, "id": None, "plan_id": 0, "position": i})
        for i, line in enumerate(found)
    ]
    return PlanSnapshot(plan, phases, tuple(found))
