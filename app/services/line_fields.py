"""What a planner types into a line's field, turned into a new line value (or refused).

The window's table, its detail form and their tests go through these functions, so
one set of rules decides what "85 %", "246,250" or "abc" means in a field, and every
refusal carries a sentence the planner can act on. Nothing here touches Qt or the
database: the result is a new frozen :class:`Line` that a command then stores.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any

from app.domain.cost_models import DRIVERS, LABELS, STARTERS
from app.domain.errors import InvalidValue
from app.domain.fx import check_line_currency
from app.domain.money import grouped as grouped_minor
from app.domain.money import minor_digits
from app.domain.plan import CatalogueEntry, CostModel, Line, Phase, Plan
from app.domain.taxonomy import Taxonomy
from app.domain.validation import check_line, parse_date
from app.services.compute_fields import (
    COMPUTE_DEFAULTS,
    accelerator_drivers,
    after_edit,
    keeps_model,
)
from app.services.line_columns import DEFAULT_MODEL, ColumnSpec, FieldKind, is_optional

DEFAULT_DRIVERS: dict[str, str] = {
    "quantity": "1",
    "unit_cost": "0",
    "period": "month",
    "hours_per_month": "730",
    "utilization": "1",
    "fte": "1",
    "annual_cost": "0",
    "overhead_pct": "0",
    "volume": "0",
    "growth_per_month": "0",
    "useful_life_months": "36",
    **COMPUTE_DEFAULTS,
}

PERIOD_TEXT = {"month": "Monthly", "year": "Yearly"}

FRACTION_DRIVERS = frozenset({"utilization"})
"""Drivers stored as a fraction (0–1) but shown and typed as a percentage: a number
typed above 1 is read as a percentage (``85`` → 0.85), one of 1 or less as the fraction."""

MODEL_UNIT = {
    CostModel.USAGE: "hour",
    CostModel.STAFF: "FTE-year",
    CostModel.VOLUME: "unit-month",
    CostModel.ONE_TIME: "each",
    CostModel.SPREAD: "each",
    CostModel.PURCHASE: "each",
    CostModel.TRAINING_RUN: "accelerator-hour",
    CostModel.SERVING: "accelerator-hour",
}

# Catalogue kinds that make sense outside their own category (a training run rents GPUs).
BORROWED_KINDS: dict[str, frozenset[str]] = {
    "time": frozenset({"accelerator_rental", "cloud_instance", "role_salary"}),
    "documentation": frozenset({"role_salary"}),
    "support": frozenset({"role_salary", "software_seat"}),
    "data": frozenset({"storage", "annotation"}),  # labelling, preference pairs
}

NEW_LINE_PREFIX = "New "


@dataclass(frozen=True)
class EditContext:
    """What reading a planner's entry needs besides the line: plan, taxonomy, prices, phases."""

    plan: Plan
    taxonomy: Taxonomy
    catalogue: Mapping[str, CatalogueEntry] = field(default_factory=dict)
    phases: Mapping[int, Phase] = field(default_factory=dict)

    @property
    def digits(self) -> int:
        return minor_digits(self.plan.currency)


# ---- Showing


def counted(number: int, noun: str) -> str:
    """A count with its noun in the right number: ``1 line``, ``2 lines``, ``1,200 lines``."""
    return f"{number:,} {noun if number == 1 else noun + 's'}"


def plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros after the point (``85.50`` → ``85.5``)."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def grouped(text: str) -> str:
    """A decimal string with thousands grouped, every digit kept (``246250`` → ``246,250``)."""
    return f"{Decimal(text):,f}"


grouped_amount = grouped_minor  # minor units for people: ``123456`` → ``1,234.56``


def display_text(line: Line, column: ColumnSpec, ctx: EditContext, total: int | None = None) -> str:
    """The cell's text: empty where the column does not apply to the line's cost model."""
    if not column.applies_to(line):
        return ""
    kind = column.kind
    if kind is FieldKind.TOTAL:
        return "" if total is None else grouped_amount(total, ctx.digits)
    if kind is FieldKind.UNIT:
        return unit_text(line, ctx)
    if kind is FieldKind.CURRENCY:
        return line.currency or ctx.plan.currency
    if column.field == "driver":
        raw = line.drivers[column.driver]
        if kind is FieldKind.PERIOD:
            return PERIOD_TEXT.get(raw, raw)
        if column.driver in FRACTION_DRIVERS:
            return f"{plain(Decimal(raw) * 100)} %"
        if kind is FieldKind.MONEY and foreign(line, ctx.plan):
            return f"{line.currency} {grouped(raw)}"  # shown in the currency it was entered in
        return grouped(raw)
    if kind is FieldKind.ITEM:
        return ctx.taxonomy.label(line.category, line.section, line.item)
    if kind is FieldKind.MODEL:
        return LABELS[CostModel(line.cost_model)]
    if kind is FieldKind.CATALOGUE:
        entry = ctx.catalogue.get(line.catalogue_ref or "")
        return entry.name if entry else (line.catalogue_ref or "")
    if kind is FieldKind.PHASE:
        phase = ctx.phases.get(line.phase_id) if line.phase_id is not None else None
        return phase.name if phase else ""
    if kind is FieldKind.FLAG:
        return "Yes" if line.dates_from_phase else ""
    if kind is FieldKind.DATE:
        day: date = getattr(line, column.field)
        return day.isoformat()
    value = getattr(line, column.field)
    if kind is FieldKind.MONEY:
        return grouped(value) if value else ""
    return str(value or "")


def edit_text(line: Line, column: ColumnSpec) -> str:
    """The text an editor starts from: what was entered, ungrouped (``0.85`` shows as ``85 %``)."""
    if column.field == "driver":
        raw = line.drivers.get(column.driver, "")
        if column.driver in FRACTION_DRIVERS and raw:
            return f"{plain(Decimal(raw) * 100)} %"
        return raw
    value = getattr(line, column.field, "")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def unit_text(line: Line, ctx: EditContext) -> str:
    """What one unit of the line's price buys: the catalogue's unit, else the model's."""
    entry = ctx.catalogue.get(line.catalogue_ref or "")
    if entry is not None:
        return entry.unit
    model = CostModel(line.cost_model)
    if model is CostModel.RECURRING:
        return "per year" if line.drivers.get("period") == "year" else "per month"
    return MODEL_UNIT[model]


def catalogue_choices(line: Line, catalogue: Sequence[CatalogueEntry]) -> list[CatalogueEntry]:
    """Prices a line of this category can take, its own category's first, by name."""
    own = [e for e in catalogue if e.category == line.category]
    kinds = BORROWED_KINDS.get(line.category, frozenset())
    borrowed = [e for e in catalogue if e.category != line.category and e.kind in kinds]
    return sorted(own, key=lambda e: e.name.lower()) + sorted(
        borrowed, key=lambda e: e.name.lower()
    )


# ---- Reading what was typed


def normalize_number(text: str, driver: str = "", currency: str = "") -> str:
    """Typed text as a plain decimal string: grouping, currency and percent signs handled.

    ``"246,250"`` → ``"246250"``; ``"0,85"`` → ``"0.85"``; ``"USD 2.99"`` → ``"2.99"``.
    Anything else comes back as typed, for the validator to refuse with its reason.

    Percentages follow one rule (see :data:`FRACTION_DRIVERS`): a driver stored as a
    fraction (utilization) takes ``"85 %"`` and ``"85"`` as 85 % and ``"0.85"`` as the
    fraction itself — a bare number above 1 is a percentage, one of 1 or less a fraction
    (so ``"1"`` is 100 %, and ``"0.5 %"`` must carry its sign). A driver stored as a
    percent (overhead %) takes ``"30"`` and ``"30 %"`` alike as 30 %.
    """
    t = text.strip().replace("\u00a0", " ").replace("\u202f", " ")
    for prefix in (currency, "$", "€", "£", "¥"):
        if prefix and t.upper().startswith(prefix.upper()):
            t = t[len(prefix) :].strip()
    percent = t.endswith("%")
    if percent:
        t = t[:-1].strip()
    t = t.replace(" ", "").replace("_", "")
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?", t):
        t = t.replace(",", "")
    elif re.fullmatch(r"[+-]?\d*,\d+", t):
        t = t.replace(",", ".")
    if driver in FRACTION_DRIVERS:
        try:
            number = Decimal(t)
            if not number.is_finite() or abs(number.adjusted()) > 20:
                return text.strip() if percent else t  # the validator says what is wrong
            if percent or number > 1:
                return plain(number / 100)
        except ArithmeticError:
            return text.strip() if percent else t
    return t


def drivers_for(model: CostModel, old: Mapping[str, str]) -> dict[str, str]:
    """The drivers a line of ``model`` needs, keeping every value the old ones share."""
    starters = {k: old.get(k, v) for k, v in STARTERS.get(model, {}).items()}
    return {s.key: old.get(s.key, DEFAULT_DRIVERS[s.key]) for s in DRIVERS[model]} | starters


def with_value(line: Line, column: ColumnSpec, value: object, ctx: EditContext) -> Line:
    """The line with ``value`` entered in ``column``, checked against every rule.

    Raises :class:`InvalidValue` whose ``field`` is the column's title and whose reason
    says why the value cannot be taken; the caller shows it where it was typed.
    """
    if not column.editable:
        raise InvalidValue(column.title, value, "is worked out, not entered")
    if not column.applies_to(line):
        model = CostModel(line.cost_model).value
        raise InvalidValue(column.title, value, f"does not apply to a {model} line")
    new = after_edit(line, _entered(line, column, value, ctx), column.kind is FieldKind.DATE)
    try:
        check_line(new, ctx.taxonomy)
        check_line_currency(new, ctx.plan)
    except InvalidValue as exc:
        typed = value if isinstance(value, str) else exc.value
        title = column.title if _same_field(exc.field, column) else _title_of(exc.field)
        reason = exc.reason
        if exc.field == "utilization" and reason.startswith("must be at most"):
            reason = "must be at most 100 % (a share of the booked hours, 0 to 1)"
        raise InvalidValue(title, typed, reason) from None
    return new


def _same_field(field_name: str, column: ColumnSpec) -> bool:
    return field_name in (column.driver, column.field, column.key)


def _title_of(field_name: str) -> str:
    for specs in DRIVERS.values():
        for spec in specs:
            if spec.key == field_name:
                return spec.label
    return field_name.replace("_", " ").capitalize()


def _entered(line: Line, column: ColumnSpec, value: object, ctx: EditContext) -> Line:
    kind = column.kind
    if column.field == "driver":
        if kind is FieldKind.PERIOD:
            text = str(value).strip().lower()
            text = {"monthly": "month", "yearly": "year", "annual": "year"}.get(text, text)
        else:
            text = normalize_number(str(value), column.driver, line.currency or ctx.plan.currency)
        if not text and is_optional(CostModel(line.cost_model), column.driver):
            # an optional driver cleared is left out (its default stands in again)
            return replace(
                line, drivers={k: v for k, v in line.drivers.items() if k != column.driver}
            )
        return replace(line, drivers={**line.drivers, column.driver: text})
    changes: dict[str, Any]
    if kind is FieldKind.TEXT:
        changes = {column.field: str(value).strip() if column.field == "name" else str(value)}
        return replace(line, **changes)
    if kind is FieldKind.MONEY:
        changes = {column.field: normalize_number(str(value), "", ctx.plan.currency) or None}
        return replace(line, **changes)
    if kind is FieldKind.DATE:
        changes = {column.field: parse_date(column.title, value), "dates_from_phase": False}
        return replace(line, **changes)
    if kind is FieldKind.ITEM:
        section, item = value if isinstance(value, tuple) else str(value).split("/", 1)
        return replace(line, section=section, item=item)
    if kind is FieldKind.MODEL:
        return with_model(line, CostModel(str(value)), ctx)
    if kind is FieldKind.CATALOGUE:
        if not value:
            return replace(
                line,
                catalogue_ref=None,
                catalogue_price=None,
                catalogue_as_of=None,
                catalogue_currency=None,
            )
        entry = ctx.catalogue.get(str(value))
        if entry is None:
            raise InvalidValue(column.title, value, "is not in the catalogue")
        return with_catalogue_price(line, entry, ctx)
    if kind is FieldKind.PHASE:
        return with_phase(line, int(str(value)) if value not in (None, "") else None, ctx)
    if kind is FieldKind.FLAG:
        return with_following(line, bool(value), ctx)
    if kind is FieldKind.CURRENCY:
        return with_currency(line, str(value or ""), ctx)
    raise InvalidValue(column.title, value, "cannot be edited")


def foreign(line: Line, plan: Plan) -> bool:
    """True for a line priced in another currency than the plan's."""
    return line.currency is not None and line.currency != plan.currency


def with_currency(line: Line, code: str, ctx: EditContext) -> Line:
    """The line priced in ``code`` (blank or the plan's own: the plan's currency)."""
    code = code.strip().upper()
    if not code or code == ctx.plan.currency:
        return replace(line, currency=None)
    if ctx.plan.fx_rate(code) is None:
        raise NeedsRate(code, ctx.plan)
    return replace(line, currency=code)


def currency_choices(plan: Plan) -> list[tuple[str, str]]:
    """The currencies a line of the plan can be priced in: the plan's, then those with a rate."""
    return [(f"{plan.currency} (plan)", plan.currency)] + [
        (f"{r.currency} at {r.rate}", r.currency) for r in plan.fx_rates
    ]


class NeedsRate(InvalidValue):
    """A currency the plan has no rate for: the window asks for one, then tries again."""

    def __init__(self, currency: str, plan: Plan) -> None:
        super().__init__(
            "Currency",
            currency,
            f"this plan ({plan.currency}) has no rate for it; add one in Plan Settings",
        )
        self.currency = currency


def with_model(line: Line, model: CostModel, ctx: EditContext) -> Line:
    """The line under another cost model: shared drivers kept, new ones at neutral defaults."""
    drivers = drivers_for(model, line.drivers)
    entry = ctx.catalogue.get(line.catalogue_ref or "")
    keep_price = entry is not None and entry.driver in drivers
    return replace(
        line,
        cost_model=model,
        drivers=drivers,
        catalogue_ref=line.catalogue_ref if keep_price else None,
        catalogue_price=line.catalogue_price if keep_price else None,
        catalogue_as_of=line.catalogue_as_of if keep_price else None,
        catalogue_currency=line.catalogue_currency if keep_price else None,
    )


def with_catalogue_price(line: Line, entry: CatalogueEntry, ctx: EditContext) -> Line:
    """The line priced from a catalogue entry: the price copied with its date.

    An entry that names a cost model (a GPU bought rather than rented) switches the
    line to it; a line still carrying its placeholder name takes the entry's name.
    """
    if entry.currency != ctx.plan.currency and ctx.plan.fx_rate(entry.currency) is None:
        raise NeedsRate(entry.currency, ctx.plan)
    if entry.cost_model and entry.cost_model != line.cost_model and not keeps_model(line, entry):
        line = with_model(line, CostModel(entry.cost_model), ctx)
    if entry.driver not in line.drivers:
        raise InvalidValue(
            "Catalogue price",
            entry.name,
            f"prices {entry.driver}, which a {line.cost_model} line does not have",
        )
    name = entry.name if line.name.startswith(NEW_LINE_PREFIX) else line.name
    return replace(
        line,
        name=name,
        drivers={**line.drivers, entry.driver: entry.price, **accelerator_drivers(line, entry)},
        catalogue_ref=entry.key,
        catalogue_price=entry.price,
        catalogue_as_of=entry.as_of,
        currency=None if entry.currency == ctx.plan.currency else entry.currency,
        catalogue_currency=entry.currency,
    )


def with_phase(line: Line, phase_id: int | None, ctx: EditContext) -> Line:
    if phase_id is None:
        return replace(line, phase_id=None, dates_from_phase=False)
    phase = ctx.phases.get(phase_id)
    if phase is None:
        raise InvalidValue("Phase", phase_id, "is not a phase of this plan")
    if line.dates_from_phase:
        return replace(line, phase_id=phase_id, start=phase.start, end=phase.end)
    return replace(line, phase_id=phase_id)


def with_following(line: Line, follow: bool, ctx: EditContext) -> Line:
    """The line taking its dates from its phase (or keeping its own)."""
    if not follow:
        return replace(line, dates_from_phase=False)
    phase = ctx.phases.get(line.phase_id) if line.phase_id is not None else None
    if phase is None:
        raise InvalidValue("Phase dates", "yes", "choose the line's phase first")
    return replace(line, dates_from_phase=True, start=phase.start, end=phase.end)


def new_line(category: str, ctx: EditContext, section: str | None = None) -> Line:
    """A fresh line for the category: first item of the (given) section, whole horizon."""
    cat = ctx.taxonomy.category(category)
    sec = cat.section(section) if section else None
    sec = sec or cat.sections[0]
    model = DEFAULT_MODEL[category]
    return Line(
        id=None,
        plan_id=ctx.plan.id or 0,
        category=category,
        section=sec.key,
        item=sec.items[0].key,
        name=f"{NEW_LINE_PREFIX}{cat.label.split()[0].lower()} line",
        cost_model=model,
        drivers=drivers_for(model, {}),
        start=ctx.plan.start,
        end=ctx.plan.end,
    )


def refusal(exc: InvalidValue) -> str:
    """One sentence for the planner: ``Utilization: “140 %” must be at most 1``."""
    shown = (
        exc.value if isinstance(exc.value, str) else ("" if exc.value is None else str(exc.value))
    )
    return f"{exc.field}: “{shown}” {exc.reason}" if shown != "" else f"{exc.field}: {exc.reason}"
