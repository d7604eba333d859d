"""Small builders for plans and lines used across the tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from app.domain.plan import CapexView, CostModel, Line, Plan

HORIZON = (date(2027, 1, 1), date(2027, 12, 31))

PLACE = {
    CostModel.ONE_TIME: ("data", "training_data", "volume_requirements"),
    CostModel.RECURRING: ("software", "development_tools", "version_control"),
    CostModel.USAGE: ("computing", "cloud", "aws_gcp_azure_options"),
    CostModel.STAFF: ("human", "technical_team", "ml_engineers"),
    CostModel.VOLUME: ("infrastructure", "storage", "object_storage"),
    CostModel.SPREAD: ("documentation", "technical", "api_documentation"),
    CostModel.PURCHASE: ("computing", "hardware", "training_gpus"),
}


def plan(
    currency: str = "USD",
    contingency: str = "0",
    capex: CapexView = CapexView.CASH,
    start: date = HORIZON[0],
    end: date = HORIZON[1],
) -> Plan:
    return Plan(
        1, "Test plan", currency, start, end, contingency_pct=Decimal(contingency), capex_view=capex
    )


def line(
    model: CostModel,
    start: date,
    end: date,
    line_id: int = 1,
    **drivers: str,
) -> Line:
    category, section, item = PLACE[model]
    return Line(
        line_id, 1, category, section, item, f"{model.value} line", model, drivers, start, end
    )
