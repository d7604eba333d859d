"""Reading a category sheet of a workbook Budgetwright wrote back into lines.

Columns are found by the hidden key row, so a planner may insert, move or hide
columns. Labels map back to taxonomy keys and cost models; drivers come back as the
exact text typed (the hidden twin while the number is unchanged, the new number once
edited). Every unreadable cell becomes a problem naming sheet and cell.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from app.domain.cost_models import DRIVERS, LABELS, optional_specs
from app.domain.errors import InvalidValue
from app.domain.plan import CostModel, Line, Phase
from app.domain.taxonomy import Taxonomy, item_key
from app.io.xlsx.cells import (
    FIRST_YEAR,
    address,
    date_of,
    decimal_of,
    flag_of,
    hidden_id,
    hidden_number,
    is_blank,
    text_of,
)
from app.io.xlsx.exact import same_number
from app.io.xlsx.layout import DRIVER_PREFIX, EXACT_PREFIX, LINE_DECIMALS
from app.io.xlsx.problems import Problems

# Columns whose content makes a row a line (hidden ids alone do not).
_CONTENT = ("name", "section", "item", "cost_model", "start", "end")
_MODELS = {label.lower(): model for model, label in LABELS.items()} | {
    model.value: model for model in CostModel
}


class _Skip(Exception):
    """A cell already noted as a problem; the row is dropped."""


@dataclass(frozen=True)
class ReadLine:
    """A line as read, with where it came from (for ordering and messages)."""

    line: Line
    order: tuple[int, int, int, int]


class LabelIndex:
    """Taxonomy keys by key or by the planner's label, per category."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._sections: dict[tuple[str, str], str] = {}
        self._items: dict[tuple[str, str, str], str] = {}
        for category in taxonomy.categories:
            for section in category.sections:
                for text in (section.key, section.label.lower()):
                    self._sections[category.key, text] = section.key
                for item in section.items:
                    for text in (item.key, item.label.lower(), item_key(item.label)):
                        self._items[category.key, section.key, text] = item.key

    def known_section(self, category: str, value: Any) -> str | None:
        """The section key for a cell that holds a label or key exactly (the usual case)."""
        if type(value) is not str:
            return None
        return self._sections.get((category, value.lower()))

    def section(self, category: str, text: str) -> str:
        found = self._sections.get((category, text.strip().lower()))
        if found is None:
            keys = ", ".join(s.label for s in self.taxonomy.category(category).sections)
            raise ValueError(f"not a section of this category ({keys})")
        return found

    def item(self, category: str, section: str, text: str) -> str:
        clean = text.strip()
        found = self._items.get((category, section, clean.lower()))
        return found if found is not None else item_key(clean)


class LineSheetReader:
    """One category sheet: ``read(rows)`` gives its lines and notes its problems."""

    def __init__(
        self,
        sheet: str,
        sheet_order: int,
        category: str,
        columns: Mapping[str, int],
        labels: LabelIndex,
        phases: Mapping[str, Phase],
        epoch: datetime,
        problems: Problems,
        check: Callable[[Line], None],
    ) -> None:
        self.sheet = sheet
        self.sheet_order = sheet_order
        self.category = category
        self.col = dict(columns)
        self.labels = labels
        self.phases = phases
        self.epoch = epoch
        self.problems = problems
        self.check = check

    def read_row(self, row: int, cells: tuple[Any, ...]) -> ReadLine | None:
        width = len(cells)
        values = {key: cells[c] for key, c in self.col.items() if c < width}
        get = values.get
        if all(is_blank(get(k)) for k in _CONTENT):
            return None
        try:
            line = self._line(row, get)
        except _Skip:
            return None
        try:
            self.check(line)
        except InvalidValue as exc:
            self.problems.add_invalid(self.sheet, self._cell(row, exc.field), exc)
            return None
        ordered = _is_number(get("position"))
        order = (0 if ordered else 1, line.position, self.sheet_order, row)
        return ReadLine(line, order)

    def _cell(self, row: int, field: str) -> str:
        for key in (field, DRIVER_PREFIX + field, "name"):
            if key in self.col:
                return address(row, self.col[key])
        return address(row, 0)

    def _fail(self, row: int, key: str, value: Any, reason: str) -> _Skip:
        self.problems.add(
            self.sheet,
            self._cell(row, key),
            key.removeprefix(DRIVER_PREFIX),
            text_of(value),
            reason,
        )
        return _Skip()

    def _parse(self, row: int, key: str, value: Any, parse: Callable[[Any], Any]) -> Any:
        try:
            return parse(value)
        except ValueError as exc:
            raise self._fail(row, key, value, str(exc)) from None

    def _line(self, row: int, get: Callable[[str], Any]) -> Line:
        name = text_of(get("name"))
        if not name.strip():
            raise self._fail(row, "name", "", "a line needs a name")
        raw = get("section")
        section = self.labels.known_section(self.category, raw) or self._parse(
            row, "section", raw, lambda v: self.labels.section(self.category, text_of(v))
        )
        item = self.labels.item(self.category, section, text_of(get("item")))
        raw = get("cost_model")
        model = (_MODELS.get(raw.lower()) if type(raw) is str else None) or self._parse(
            row, "cost_model", raw, _model_of
        )
        phase = self._phase(row, get("phase"))
        raw = get("dates_from_phase")
        follows = raw if type(raw) is bool else self._parse(row, "dates_from_phase", raw, flag_of)
        follows = follows and phase is not None
        if follows and phase is not None:
            start, end = phase.start, phase.end
        else:
            start = self._day(row, "start", get("start"))
            end = self._day(row, "end", get("end"))
        drivers = {spec.key: self._driver(row, spec.key, get) for spec in DRIVERS[model]}
        for spec in optional_specs(model):
            column = DRIVER_PREFIX + spec.key
            if column in self.col and not is_blank(get(column)):
                drivers[spec.key] = self._driver(row, spec.key, get)
        fixed = get("dates_fixed") if "dates_fixed" in self.col else None
        fixed = (
            fixed
            if type(fixed) is bool or fixed is None
            else self._parse(row, "dates_fixed", fixed, flag_of)
        )
        decimals = dict.fromkeys(LINE_DECIMALS)
        for key in LINE_DECIMALS:
            value = get(key)
            if not is_blank(value):
                decimals[key] = self._decimal(row, key, value, get(EXACT_PREFIX + key))
        as_of = get("catalogue_as_of")
        ref = text_of(get("catalogue_ref")).strip()
        line_id = self._parse(row, "id", get("id"), hidden_id)
        position = self._parse(row, "position", get("position"), hidden_number)
        return Line(
            id=line_id if line_id is not None and line_id > 0 else None,
            plan_id=0,
            category=self.category,
            section=section,
            item=item,
            name=name,
            cost_model=model,
            drivers=drivers,
            start=start,
            end=end,
            phase_id=phase.id if phase is not None else None,
            dates_from_phase=follows,
            dates_fixed=bool(fixed) and model is CostModel.TRAINING_RUN,
            vendor=text_of(get("vendor")),
            notes=text_of(get("notes")),
            catalogue_ref=ref or None,
            catalogue_price=decimals["catalogue_price"],
            catalogue_as_of=None if is_blank(as_of) else self._day(row, "catalogue_as_of", as_of),
            low_estimate=decimals["low_estimate"],
            high_estimate=decimals["high_estimate"],
            position=position or 0,
            currency=text_of(get("currency")).strip().upper() or None,
        )

    def _day(self, row: int, key: str, value: Any) -> date:
        if type(value) is datetime and value.year >= FIRST_YEAR:
            return value.date()
        day: date = self._parse(row, key, value, lambda v: date_of(v, self.epoch))
        return day

    def _phase(self, row: int, value: Any) -> Phase | None:
        key = text_of(value).strip()
        if not key:
            return None
        phase = self.phases.get(key)
        if phase is None:
            raise self._fail(row, "phase", key, "no phase has this key (see the Phases sheet)")
        return phase

    def _driver(self, row: int, key: str, get: Callable[[str], Any]) -> str:
        column = DRIVER_PREFIX + key
        if column not in self.col:
            raise self._fail(row, "name", key, f"the sheet has no column for the driver {key}")
        value = get(column)
        if is_blank(value):
            raise self._fail(row, column, "", "missing: this cost model needs it")
        if key == "period":
            return text_of(value).strip().lower()
        return self._decimal(row, column, value, get(EXACT_PREFIX + column))

    def _decimal(self, row: int, key: str, value: Any, twin: Any) -> str:
        if twin is None and type(value) is int:
            return str(value)
        return exact_decimal(value, twin, lambda v: self._parse(row, key, v, decimal_of))


def exact_decimal(value: Any, twin: Any, parse: Callable[[Any], str]) -> str:
    """The hidden exact text while the visible number still matches it, else the number."""
    text = text_of(twin).strip() if twin is not None else ""
    if text and isinstance(value, int | float) and not isinstance(value, bool):
        try:
            if same_number(value, text):
                return text
        except ArithmeticError:
            pass
    result: str = parse(value)
    return result


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _model_of(value: Any) -> CostModel:
    text = text_of(value).strip().lower()
    model = _MODELS.get(text) or _MODELS.get(text.replace(" ", "_").replace("-", "_"))
    if model is None:
        raise ValueError(f"not a cost model ({', '.join(LABELS.values())})")
    return model


def with_position(read: ReadLine, position: int, line_id: int | None) -> Line:
    line = read.line
    if (line.position, line.id) == (position, line_id):
        return line
    return replace(line, position=position, id=line_id)
