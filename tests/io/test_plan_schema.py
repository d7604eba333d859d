"""The schema (resources/budget-plan.schema.json) and the app's reader agree.

The app reads plan files with its own checks, which name the field at fault; the schema
is what other tools validate against. Many mutants of the sample show the two refuse the
same things, except what only the app can check (listed in ``BEYOND_THE_SCHEMA``).
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest

from app.domain.cost_models import DRIVERS, all_specs
from app.domain.errors import BadInput, BudgetwrightError, InvalidValue
from app.domain.plan import CostModel
from app.domain.taxonomy import CATEGORY_KEYS, standard_taxonomy
from app.domain.validation import check_line, check_phase, check_plan
from app.io import plan_json
from app.paths import resource
from tests.io.plan_mutants import SAMPLE, mutant

SCHEMA = json.loads(resource("budget-plan.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
TAXONOMY = standard_taxonomy()

# Reasons only the app gives: calendars, taxonomy, ranges, sizes, links between objects.
BEYOND_THE_SCHEMA = (
    "is not a date (YYYY-MM-DD)",  # 2027-02-30 has the pattern of a date
    "is before the start",
    "must not be negative",
    "must be at most",
    "must not be below",
    "must be a whole number",
    "must be 0 to 1000",
    "would take the volume below zero",
    "is below the low",
    "not an ISO 4217 currency code",
    "digits before the point",
    "decimal places",
    "digits",
    "not a section of",
    "not an item of",
    "another phase has this key",
    "no phase has this key",
    "no phase of this plan has that key",
    "a phase cannot depend on itself",
    "makes a cycle",
    "but carries other dates",
    "holds a lone surrogate",
    "has no rate for it",  # a line's currency needs a rate in the plan's fx_rates
    "has no rate in fx_rates",
    "is the plan's own currency",
)


def app_refusal(document: Any) -> BudgetwrightError | None:
    """What the app says of a document: everything an import checks before writing."""
    try:
        snapshot = plan_json.loads(json.dumps(document, ensure_ascii=False))
        check_plan(snapshot.plan)
        for phase in snapshot.phases:
            check_phase(phase)
        for line in snapshot.lines:
            check_line(line, TAXONOMY)
    except (InvalidValue, BadInput) as exc:
        return exc
    return None


def schema_accepts(document: Any) -> bool:
    return VALIDATOR.is_valid(document)


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_lists_the_keys_the_reader_takes() -> None:
    line = SCHEMA["$defs"]["line"]
    phase = SCHEMA["$defs"]["phase"]
    assert set(SCHEMA["properties"]) == plan_json.PLAN_KEYS
    assert set(SCHEMA["required"]) == plan_json.PLAN_REQUIRED
    assert set(phase["properties"]) == plan_json.PHASE_KEYS
    assert set(phase["required"]) == plan_json.PHASE_REQUIRED
    assert set(line["properties"]) == plan_json.LINE_KEYS
    assert set(line["required"]) == plan_json.LINE_REQUIRED
    assert set(line["properties"]["catalogue"]["properties"]) == plan_json.CATALOGUE_KEYS
    assert set(line["properties"]["estimate"]["properties"]) == plan_json.ESTIMATE_KEYS


def test_the_schema_lists_each_cost_models_drivers() -> None:
    line = SCHEMA["$defs"]["line"]
    assert line["properties"]["cost_model"]["enum"] == [m.value for m in CostModel]
    assert line["properties"]["category"]["enum"] == list(CATEGORY_KEYS)
    by_model = {
        rule["if"]["properties"]["cost_model"]["const"]: rule["then"]["properties"]["drivers"]
        for rule in line["allOf"]
    }
    assert set(by_model) == {m.value for m in CostModel}
    for model, specs in DRIVERS.items():
        required = [s.key for s in specs]
        allowed = [s.key for s in all_specs(model)]
        assert by_model[model.value] == {"required": required, "propertyNames": {"enum": allowed}}
    drivers = line["properties"]["drivers"]["properties"]
    assert set(drivers) == {s.key for model in DRIVERS for s in all_specs(model)}


@pytest.mark.parametrize("seed", range(4))
def test_schema_and_reader_agree_on_mutants_of_the_sample(seed: int) -> None:
    rng = random.Random(seed)
    both_refuse = 0
    for case in range(150):
        document = mutant(rng)
        refusal = app_refusal(document)
        accepted = schema_accepts(document)
        where = f"seed {seed}, case {case}: {refusal}"
        if refusal is None:
            assert accepted, f"the app takes what the schema refuses ({where})"
        elif accepted:
            assert isinstance(refusal, InvalidValue), where
            assert any(r in refusal.reason for r in BEYOND_THE_SCHEMA), (
                f"the schema takes what the app refuses ({where})"
            )
        else:
            both_refuse += 1
    assert both_refuse > 60  # the mutants do exercise the rules


DIRECT: list[tuple[str, Callable[[dict[str, Any]], object]]] = [
    ("driver 1_000", lambda d: d["lines"][3]["drivers"].update(quantity="1_000")),
    ("driver with spaces", lambda d: d["lines"][3]["drivers"].update(quantity=" 5 ")),
    ("Arabic-Indic digit", lambda d: d["lines"][3]["drivers"].update(quantity="\u0665")),
    ("full-width digit", lambda d: d["lines"][3]["drivers"].update(quantity="\uff15")),
    ("basic date", lambda d: d["lines"][3].update(start="20270101")),
    ("week date", lambda d: d["lines"][3].update(start="2027-W01-1")),
    ("unknown key", lambda d: d.update(colour="red")),
    ("unknown driver", lambda d: d["lines"][3]["drivers"].update(speed="1")),
    ("missing driver", lambda d: d["lines"][3]["drivers"].pop("quantity")),
    ("missing contingency", lambda d: d.pop("contingency_pct")),
    ("misspelt contingency", lambda d: d.update(contingency_pc=d.pop("contingency_pct"))),
    ("null name", lambda d: d.update(name=None)),
    ("null vendor", lambda d: d["lines"][3].update(vendor=None)),
    ("null date", lambda d: d["phases"][0].update(end=None)),
    ("dependency listed twice", lambda d: d["phases"][1].update(depends_on=["research"] * 2)),
    ("follows no phase", lambda d: d["lines"][3].update(dates_from_phase=True)),
]


@pytest.mark.parametrize(("what", "change"), DIRECT, ids=[w for w, _ in DIRECT])
def test_each_rule_of_the_issue_is_in_both(what: str, change: Callable[[Any], object]) -> None:
    document = copy.deepcopy(SAMPLE)
    change(document)
    assert app_refusal(document) is not None
    assert not schema_accepts(document)
