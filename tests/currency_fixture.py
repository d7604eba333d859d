"""A EUR plan with USD and GBP lines, and its costs worked out by hand month by month.

Rates: 1 USD = 0.92 EUR, 1 GBP = 1.17 EUR. Each line-month is worked out exactly in the
line's currency, multiplied by the rate and rounded half-up once to the cent; spread and
purchase convert and round their total once, then share it by largest remainder.

- USD recurring, 1 × 1,000 a month, 22 Jan to 31 Mar: January 1000 × 0.92 × 10/31 =
  296.774… → 296.77; February and March 920.00 each.
- GBP spread, 3 × 333.33 = 999.99 GBP × 1.17 = 1,169.9883 → 1,169.99 over 22 days (20 Jan
  to 10 Feb): January 116,999 × 12/22 = 63,817.64 cents, February 53,181.36; the one
  cent left goes to January's larger remainder: 638.18 and 531.81.
- USD purchase, 2 × 1,234.56 = 2,469.12 USD × 0.92 = 2,271.5904 → 2,271.59, amortized
  over 3 months from April: 227,159 / 3 = 75,719 rest 2; the two cents go to the earlier
  months on a tie: 757.20, 757.20, 757.19.
- EUR staff, 1 FTE × 60,000 a year, January: 5,000.00 (the plan's own currency).
- GBP one-time, 1 × 100.005 GBP × 1.17 = 117.00585 → 117.01 in February.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.plan import CapexView, CostModel, FxRate, Line, Plan, PlanSnapshot

RATES = (
    FxRate("GBP", "1.17", "Bank of England spot, 30 Nov 2026", date(2026, 11, 30)),
    FxRate("USD", "0.92", "ECB euro reference rate", date(2026, 11, 30)),
)
PLAN = Plan(
    None,
    "Euro plan, dollar and pound lines",
    "EUR",
    date(2027, 1, 1),
    date(2027, 12, 31),
    contingency_pct=Decimal("10"),
    capex_view=CapexView.AMORTIZED,
    fx_rates=RATES,
)


def _line(
    position: int,
    name: str,
    category: str,
    section: str,
    item: str,
    model: CostModel,
    drivers: dict[str, str],
    start: date,
    end: date,
    currency: str | None,
) -> Line:
    return Line(
        None, 0, category, section, item, name, model, drivers, start, end,
        position=position, currency=currency,
    )  # fmt: skip


LINES = (
    _line(
        0, "US cloud GPUs", "computing", "cloud", "aws_gcp_azure_options", CostModel.RECURRING,
        {"quantity": "1", "unit_cost": "1000", "period": "month"},
        date(2027, 1, 22), date(2027, 3, 31), "USD",
    ),
    _line(
        1, "UK annotation", "data", "data_quality", "annotation_tools", CostModel.SPREAD,
        {"quantity": "3", "unit_cost": "333.33"},
        date(2027, 1, 20), date(2027, 2, 10), "GBP",
    ),
    _line(
        2, "US workstations", "computing", "hardware", "training_gpus", CostModel.PURCHASE,
        {"quantity": "2", "unit_cost": "1234.56", "useful_life_months": "3"},
        date(2027, 4, 15), date(2027, 6, 30), "USD",
    ),
    _line(
        3, "ML engineer", "human", "technical_team", "ml_engineers", CostModel.STAFF,
        {"fte": "1", "annual_cost": "60000", "overhead_pct": "0"},
        date(2027, 1, 1), date(2027, 1, 31), None,
    ),
    _line(
        4, "UK licence", "software", "development_tools", "ide_development_tools",
        CostModel.ONE_TIME, {"quantity": "1", "unit_cost": "100.005"},
        date(2027, 2, 1), date(2027, 2, 1), "GBP",
    ),
)  # fmt: skip
SNAPSHOT = PlanSnapshot(PLAN, (), LINES)

BY_LINE = {
    "US cloud GPUs": {"2027-01": "296.77", "2027-02": "920.00", "2027-03": "920.00"},
    "UK annotation": {"2027-01": "638.18", "2027-02": "531.81"},
    "US workstations": {"2027-04": "757.20", "2027-05": "757.20", "2027-06": "757.19"},
    "ML engineer": {"2027-01": "5000.00"},
    "UK licence": {"2027-02": "117.01"},
}
BY_MONTH = {
    "2027-01": "5934.95",
    "2027-02": "1568.82",
    "2027-03": "920.00",
    "2027-04": "757.20",
    "2027-05": "757.20",
    "2027-06": "757.19",
}
SUBTOTAL, CONTINGENCY, TOTAL = "10695.36", "1069.54", "11764.90"
