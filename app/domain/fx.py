"""Fixed exchange rates of a plan: which currency a line is in, and converting to the plan's.

A plan has one currency and a table of fixed rates (plan-currency units per one unit of
another currency). Every amount is worked out exactly in its own currency, multiplied by
the rate and rounded half-up once to the plan currency's minor unit.
"""

from __future__ import annotations

from decimal import Decimal

from app.domain.errors import InvalidValue
from app.domain.money import minor_digits, ratio, round_half_up
from app.domain.plan import Line, Plan

Ratio = tuple[int, int]


def line_currency(line: Line, plan: Plan) -> str:
    """The currency the line's drivers are priced in (the plan's when it names none)."""
    return line.currency or plan.currency


def rate_ratio(plan: Plan, currency: str) -> Ratio:
    """Plan-currency units per one unit of ``currency``, exact; 1 for the plan's own.

    A currency the plan has no rate for is refused, naming it.
    """
    if currency == plan.currency:
        return 1, 1
    found = plan.fx_rate(currency)
    if found is None:
        raise InvalidValue(
            "currency", currency, f"plan {plan.name!r} ({plan.currency}) has no rate for it"
        )
    return ratio(Decimal(found.rate))


def line_rate(line: Line, plan: Plan) -> Ratio:
    """The rate the line's amounts are converted at, naming the line if there is none."""
    try:
        return rate_ratio(plan, line_currency(line, plan))
    except InvalidValue as exc:
        raise exc.at(f"line {line.name!r}") from None


def to_plan_minor(amount: Decimal, currency: str, plan: Plan) -> int:
    """An amount in ``currency`` as minor units of the plan's currency, rounded half-up once.

    ``to_plan_minor(Decimal("100"), "USD", eur_plan)`` at 0.92 EUR per USD is ``9200``
    (EUR 92.00). The one conversion every import of money in another currency uses.
    """
    num, den = ratio(amount)
    rn, rd = rate_ratio(plan, currency)
    return round_half_up(num * rn * 10 ** minor_digits(plan.currency), den * rd)


def check_line_currency(line: Line, plan: Plan) -> None:
    """A line's currency is the plan's or one the plan has a rate for."""
    if line.currency is None or line.currency == plan.currency:
        return
    if plan.fx_rate(line.currency) is None:
        raise InvalidValue(
            "currency",
            line.currency,
            f"line {line.name!r} is priced in {line.currency} but plan {plan.name!r} "
            f"({plan.currency}) has no rate for it; add one in Plan Settings",
        )
