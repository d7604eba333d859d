"""Every shipped price names a public source a reader can look up, with a plausible date.

A planner defends each figure in a budget pack: the catalogue may not cite an internal note,
a section sign, a figure "from recall", or a source without a publisher. Accelerators carry
their dense peak TFLOPS and power from a named datasheet.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import pytest

from app.domain.validation import parse_decimal
from app.paths import resource
from app.services.seed import shipped_catalogue

# "Publisher: page or document[, URL] (date)"; several sources are joined with "; ".
PUBLISHER = re.compile(r"^[^:;()]{2,80}: \S")
INTERNAL = re.compile(
    r"§|accelerators\.csv|genai-cost-facts|recall|internal|\bnotes?\b|estimate with no source"
    r"|no source|\[uncertain|\[U\]|verify\b|reference file|not re-checked",
    re.IGNORECASE,
)
URL = re.compile(r"https?://\S+")
GOOD_URL = re.compile(r"^https?://[a-z0-9.-]+\.[a-z]{2,}(/\S*)?$", re.IGNORECASE)
EARLIEST = date(2015, 1, 1)
ACCELERATOR_KINDS = {"accelerator_rental", "accelerator_purchase"}


def entries() -> list[dict[str, Any]]:
    raw = json.loads(resource("catalogue.json").read_text(encoding="utf-8"))
    assert raw["format"] == "budgetwright-catalogue"
    return list(raw["entries"])


def source_problems(source: str) -> list[str]:
    """What keeps a reader from looking this source up (empty when it is fine)."""
    problems = []
    if not PUBLISHER.match(source):
        problems.append("names no publisher ('Publisher: page')")
    if found := INTERNAL.search(source):
        problems.append(f"cites an internal reference ({found.group(0)!r})")
    for url in URL.findall(source):
        if not GOOD_URL.match(url.rstrip(").,;")):
            problems.append(f"has a malformed URL {url!r}")
    return problems


def as_of_problem(text: str) -> str | None:
    try:
        as_of = date.fromisoformat(text)
    except (TypeError, ValueError):
        return f"as_of {text!r} is not a YYYY-MM-DD date"
    if not EARLIEST <= as_of <= date.today():
        return f"as_of {as_of} is implausible (before {EARLIEST} or in the future)"
    return None


@pytest.mark.parametrize(
    "source",
    [
        "accelerators.csv estimate; §1.2 gives ~$8-10k",
        "AWS p4d, genai-cost-facts §1.3",
        "from recall",
        "Google Cloud TPU on-demand, cloud.google.com/tpu/pricing (recalled)",
        "internal planning note",
        "some price list",
        "",
        "Hugging Face: hardware page, https://huggingface",
    ],
)
def test_the_check_refuses_sources_a_reader_cannot_look_up(source: str) -> None:
    assert source_problems(source)


def test_the_check_accepts_a_publisher_and_page() -> None:
    good = "NVIDIA: A100 Tensor Core GPU datasheet, https://www.nvidia.com/a100.pdf (2021)"
    assert source_problems(good) == []


@pytest.mark.parametrize("text", ["2026-13-01", "", "1999-01-01", "2999-01-01", "Jan 2026"])
def test_the_check_refuses_implausible_dates(text: str) -> None:
    assert as_of_problem(text)


def test_every_source_names_a_publisher_and_no_internal_reference() -> None:
    bad = {e["key"]: source_problems(e["source"]) for e in entries()}
    assert {k: v for k, v in bad.items() if v} == {}


def test_every_entry_has_a_plausible_as_of() -> None:
    bad = {e["key"]: as_of_problem(e["as_of"]) for e in entries()}
    assert {k: v for k, v in bad.items() if v} == {}


def test_uncertain_entries_say_why_and_certain_ones_do_not() -> None:
    for e in entries():
        reason = e.get("uncertain_reason", "")
        assert bool(e["uncertain"]) == bool(reason.strip()), e["key"]
        assert not INTERNAL.search(reason), (e["key"], reason)


def test_keys_are_unique_and_prices_are_decimals() -> None:
    keys = [e["key"] for e in entries()]
    assert len(keys) == len(set(keys))
    for e in entries():
        assert parse_decimal("price", e["price"]) > 0, e["key"]  # the app's own rule


def positive_decimal(text: str) -> bool:
    try:
        return Decimal(text) > 0
    except InvalidOperation:
        return False


def test_accelerators_carry_dense_tflops_and_power_from_a_named_datasheet() -> None:
    accelerators = [e for e in entries() if e["kind"] in ACCELERATOR_KINDS]
    assert len(accelerators) > 40
    for e in accelerators:
        specs = e["specs"]
        key = e["key"]
        peak = specs.get("bf16_dense_tflops") or specs.get("fp16_dense_tflops")
        assert peak is not None and positive_decimal(peak), key
        if "bf16_dense_tflops" not in specs:  # parts without BF16 say so
            assert "no BF16" in specs["spec_note"], key
        if "fp8_dense_tflops" in specs:
            assert positive_decimal(specs["fp8_dense_tflops"]), key
        if "tdp_w" in specs:
            assert positive_decimal(specs["tdp_w"]), key
        else:
            assert "power not published" in specs["spec_note"], key
        assert source_problems(specs["spec_source"]) == [], key
        assert all(isinstance(v, str) for v in specs.values()), key


def test_sparse_figures_are_not_passed_off_as_dense() -> None:
    h100 = next(e for e in entries() if e["key"] == "h100_sxm_purchase")["specs"]
    # the datasheet prints 1,979 (BF16) and 3,958 (FP8) with sparsity
    assert (h100["bf16_dense_tflops"], h100["fp8_dense_tflops"]) == ("989.5", "1979")
    assert "halved" in h100["spec_source"]


def test_the_sample_plan_copies_current_catalogue_prices() -> None:
    catalogue = {e["key"]: e for e in entries()}
    sample = json.loads(resource("sample.budget.json").read_text(encoding="utf-8"))
    for line in sample["lines"]:
        copied = line.get("catalogue")
        if copied is None:
            continue
        entry = catalogue.get(copied["ref"])
        assert entry is not None, line["name"]
        assert (copied["price"], copied["as_of"]) == (entry["price"], entry["as_of"]), line["name"]


def test_the_app_loads_every_entry_with_its_reason() -> None:
    loaded = {e.key: e for e in shipped_catalogue()}
    assert len(loaded) == len(entries())
    for raw in entries():
        entry = loaded[raw["key"]]
        assert entry.source == raw["source"]
        assert entry.specs.get("uncertain_reason") == raw.get("uncertain_reason")
