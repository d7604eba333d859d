"""Rules a plan, phase or line must keep before it is stored.

Each check raises :class:`InvalidValue` naming the field and the value; callers add
where it was found (a file, a sheet and cell, a form field).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from app.domain.cost_models import DRIVERS, DriverSpec, optional_specs
from app.domain.errors import InvalidValue
from app.domain.money import is_known_currency
from app.domain.plan import CapexView, CostModel, Line, Phase, Plan
from app.domain.taxonomy import Taxonomy

MAX_DIGITS = 30  # far beyond any budget; keeps exact arithmetic fast
MAX_WHOLE_DIGITS = 15  # below a thousand trillion: any count, price or salary
MAX_PLACES = 18  # a price per token has ten places at most
MAX_CHARACTERS = 40  # a sign, 15 whole digits, a point and 18 places, with room to spare
MAX_TEXT = 32_767  # what a spreadsheet cell holds: every plan taken can be written as a workbook

# The one way a decimal is written: ASCII digits, an optional point and exponent. No
# spaces, no "_" separators, no other scripts' digits (Decimal() takes all three).
DECIMAL_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
ISO_DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_decimal(field: str, text: object, *, any_spelling: bool = False) -> Decimal:
    """A finite Decimal from text, or :class:`InvalidValue` saying why not.

    Every decimal of a plan (drivers, contingency, estimates, catalogue prices) passes
    here, whatever its value: zero too, since ``0e999999999`` hangs exact arithmetic.
    ``any_spelling`` takes what ``Decimal()`` takes (`` 5 ``, ``1_000``), within the same
    bounds: for values an older version stored, which are harmless if not well written.
    """
    if isinstance(text, bool) or not isinstance(text, (str, int, Decimal)):
        raise InvalidValue(field, text, "must be a decimal number written as text")
    written = str(text)
    if len(written) > MAX_CHARACTERS:
        raise InvalidValue(field, shortened(written), f"has more than {MAX_CHARACTERS} characters")
    if any_spelling or not DECIMAL_TEXT.fullmatch(written):
        try:
            value = Decimal(written)
        except InvalidOperation:
            raise InvalidValue(field, text, "is not a number") from None
        if not value.is_finite():
            raise InvalidValue(field, text, "must be a finite number")
        if not any_spelling:
            reason = "must be written with digits 0-9 and a point, no spaces or separators"
            raise InvalidValue(field, text, reason)
    else:
        value = Decimal(written)
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite
    if len(digits) > MAX_DIGITS:
        raise InvalidValue(field, text, f"has more than {MAX_DIGITS} digits")
    # an exponent (1e400, 0e999999999) writes a huge number in a few digits; zero too,
    # as exact arithmetic still multiplies out 10 ** exponent
    if exponent + len(digits) > MAX_WHOLE_DIGITS:
        raise InvalidValue(field, text, f"has more than {MAX_WHOLE_DIGITS} digits before the point")
    if exponent < -MAX_PLACES:
        raise InvalidValue(field, text, f"has more than {MAX_PLACES} decimal places")
    return value


def key_text(key: str) -> str:
    """A key read from a file, fit to name a field in one line (quoted when odd)."""
    return key if key.isprintable() and len(key) <= MAX_CHARACTERS else repr(shortened(key))


def shortened(text: str) -> str:
    """Text short enough to quote in a one-line message."""
    return text if len(text) <= MAX_CHARACTERS else f"{text[:20]}…{text[-8:]}"


def parse_date(field: str, value: object) -> date:
    """A date from a date or ISO text (``2027-03-01``), or :class:`InvalidValue` saying how."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidValue(field, text, "is not a date (write it as YYYY-MM-DD)") from None


def parse_iso_date(field: str, text: object) -> date:
    """A date written exactly ``YYYY-MM-DD``, as files store it (not ``20270101``, ``2027-W01-1``)."""
    if not isinstance(text, str):
        raise InvalidValue(field, text, "must be a date written as text (YYYY-MM-DD)")
    if not ISO_DATE_TEXT.fullmatch(text):
        raise InvalidValue(field, shortened(text), "is not a date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidValue(field, text, "is not a date (YYYY-MM-DD)") from None


def check_driver(spec: DriverSpec, text: object) -> None:
    """Raise unless ``text`` is an acceptable value for the driver."""
    if spec.choices:
        if text not in spec.choices:
            raise InvalidValue(spec.key, text, f"must be one of {', '.join(spec.choices)}")
        return
    value = parse_decimal(spec.key, text)
    if spec.minimum is not None and value < spec.minimum:
        what = "negative" if spec.minimum == 0 else f"below {spec.minimum}"
        raise InvalidValue(spec.key, text, f"must not be {what}")
    if spec.positive and spec.minimum is not None and value == spec.minimum:
        raise InvalidValue(spec.key, text, f"must be above {spec.minimum}")
    if spec.maximum is not None and value > spec.maximum:
        raise InvalidValue(spec.key, text, f"must be at most {spec.maximum}")
    if spec.whole and value != value.to_integral_value():
        raise InvalidValue(spec.key, text, "must be a whole number")


def check_plan(plan: Plan) -> None:
    if not plan.name.strip():
        raise InvalidValue("name", plan.name, "a plan needs a name")
    if not is_known_currency(plan.currency):
        raise InvalidValue("currency", plan.currency, "not an ISO 4217 currency code")
    if plan.end < plan.start:
        raise InvalidValue("end", plan.end.isoformat(), f"is before the start {plan.start}")
    if plan.contingency_pct < 0 or plan.contingency_pct > 1000:
        raise InvalidValue("contingency_pct", str(plan.contingency_pct), "must be 0 to 1000")
    if plan.capex_view not in tuple(CapexView):
        raise InvalidValue("capex_view", plan.capex_view, "must be cash or amortized")
    check_rates(plan)


def check_rates(plan: Plan) -> None:
    """Every rate names a known currency other than the plan's, once, with a positive rate."""
    seen: set[str] = set()
    for rate in plan.fx_rates:
        where = f"fx_rates.{rate.currency}"
        if not is_known_currency(rate.currency):
            raise InvalidValue(where, rate.currency, "not an ISO 4217 currency code")
        if rate.currency == plan.currency:
            raise InvalidValue(where, rate.rate, "is the plan's own currency")
        if rate.currency in seen:
            raise InvalidValue(where, rate.rate, "is given twice")
        seen.add(rate.currency)
        if parse_decimal(where, rate.rate) <= 0:
            raise InvalidValue(where, rate.rate, "must be above 0")
        if len(rate.source) > MAX_TEXT:
            raise InvalidValue(f"{where}.source", shortened(rate.source), "is too long")


def check_phase(phase: Phase) -> None:
    if not phase.name.strip():
        raise InvalidValue("name", phase.name, "a phase needs a name")
    if not phase.key.strip():
        raise InvalidValue("key", phase.key, "a phase needs a key")
    if phase.end < phase.start:
        raise InvalidValue("end", phase.end.isoformat(), f"is before the start {phase.start}")
    if phase.key in phase.depends_on:
        raise InvalidValue("depends_on", phase.key, "a phase cannot depend on itself")


def check_phase_links(phases: Sequence[Phase], label: Callable[[Phase], str]) -> None:
    """Every dependency names another phase of the plan, once, and none goes round in a cycle.

    ``label`` says where a phase was found (``phases[2] ('testing')``) for the error.
    """
    by_key = {p.key: p for p in phases}
    for phase in phases:
        for key in phase.depends_on:
            if key == phase.key:
                raise InvalidValue("depends_on", key, "a phase cannot depend on itself").at(
                    label(phase)
                )
            if key not in by_key:
                raise InvalidValue("depends_on", key, "no phase of this plan has that key").at(
                    label(phase)
                )
        if len(set(phase.depends_on)) != len(phase.depends_on):
            twice = next(k for k in phase.depends_on if phase.depends_on.count(k) > 1)
            raise InvalidValue("depends_on", twice, "is listed twice").at(label(phase))
    done: set[str] = set()
    for phase in phases:
        path: list[str] = []
        on_path: set[str] = set()
        _walk(phase.key, by_key, done, path, on_path, label)


def _walk(
    key: str,
    by_key: dict[str, Phase],
    done: set[str],
    path: list[str],
    on_path: set[str],
    label: Callable[[Phase], str],
) -> None:
    """Depth-first over dependencies (an explicit stack: plans may hold many phases)."""
    stack: list[tuple[str, int]] = [(key, 0)]
    while stack:
        current, index = stack.pop()
        if index == 0:
            if current in done:
                continue
            if current in on_path:
                cycle = [*path[path.index(current) :], current]
                first = by_key[cycle[0]]
                raise InvalidValue(
                    "depends_on",
                    list(first.depends_on),
                    f"makes a cycle ({' → '.join(map(key_text, cycle))})",
                ).at(label(first))
            path.append(current)
            on_path.add(current)
        deps = by_key[current].depends_on
        if index < len(deps):
            stack.append((current, index + 1))
            stack.append((deps[index], 0))
        else:
            path.pop()
            on_path.discard(current)
            done.add(current)


def check_line(line: Line, taxonomy: Taxonomy) -> None:
    """Every rule of a resource line: taxonomy keys, cost model, drivers, dates, estimates."""
    if not line.name.strip():
        raise InvalidValue("name", line.name, "a line needs a name")
    taxonomy.check(line.category, line.section, line.item)
    try:
        model = CostModel(line.cost_model)
    except ValueError:
        known = ", ".join(m.value for m in CostModel)
        raise InvalidValue("cost_model", line.cost_model, f"not one of {known}") from None
    specs = DRIVERS[model]
    for spec in specs:
        if spec.key not in line.drivers:
            raise InvalidValue(spec.key, None, f"missing: a {model.value} line needs it")
        check_driver(spec, line.drivers[spec.key])
    optional = optional_specs(model)
    for spec in optional:
        if spec.key in line.drivers:
            check_driver(spec, line.drivers[spec.key])
    unknown = set(line.drivers) - {s.key for s in specs + optional}
    if unknown:
        raise InvalidValue(key_text(sorted(unknown)[0]), None, f"not a driver of {model.value}")
    if line.end < line.start:
        raise InvalidValue("end", line.end.isoformat(), f"is before the start {line.start}")
    if model is CostModel.VOLUME:
        _check_volume_stays_positive(line)
    if model in (CostModel.TRAINING_RUN, CostModel.SERVING):
        check_compute_drivers(model, line.drivers, line.start, line.end)
    if line.currency is not None and not is_known_currency(line.currency):
        raise InvalidValue("currency", line.currency, "not an ISO 4217 currency code")
    _check_estimates(line)


def _check_volume_stays_positive(line: Line) -> None:
    months = (line.end.year - line.start.year) * 12 + line.end.month - line.start.month
    last = line.number("volume") + line.number("growth_per_month") * months
    if last < 0:
        raise InvalidValue(
            "growth_per_month",
            line.drivers["growth_per_month"],
            f"would take the volume below zero ({last}) before the line ends",
        )


def check_compute_drivers(
    model: CostModel, drivers: Mapping[str, str], start: date, end: date
) -> None:
    """A training run sized one way only; serving demand never below zero."""
    if model is CostModel.TRAINING_RUN:
        measured = "tokens_per_second" in drivers
        for key in ("peak_tflops", "mfu"):
            if measured and key in drivers:
                raise InvalidValue(
                    key, drivers[key], "give either peak_tflops and mfu, or tokens_per_second"
                )
            if not measured and key not in drivers:
                raise InvalidValue(
                    key,
                    None,
                    "missing: a training run needs peak_tflops and mfu, or tokens_per_second",
                )
    else:
        months = (end.year - start.year) * 12 + end.month - start.month
        last = Decimal(drivers["tokens_per_month"]) + Decimal(drivers["growth_per_month"]) * months
        if last < 0:
            raise InvalidValue(
                "growth_per_month",
                drivers["growth_per_month"],
                f"would take the demand below zero ({last}) before the line ends",
            )


def _check_estimates(line: Line) -> None:
    low = high = None
    if line.low_estimate is not None:
        low = parse_decimal("low_estimate", line.low_estimate)
        if low < 0:
            raise InvalidValue("low_estimate", line.low_estimate, "must not be negative")
    if line.high_estimate is not None:
        high = parse_decimal("high_estimate", line.high_estimate)
        if high < 0:
            raise InvalidValue("high_estimate", line.high_estimate, "must not be negative")
    if low is not None and high is not None and high < low:
        raise InvalidValue("high_estimate", line.high_estimate, f"is below the low {low}")
    if line.catalogue_price is not None:
        price = parse_decimal("catalogue_price", line.catalogue_price)
        if price < 0:
            raise InvalidValue("catalogue_price", line.catalogue_price, "must not be negative")
