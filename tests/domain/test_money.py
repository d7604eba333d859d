"""Currencies and their minor units, as every figure of the app is rounded to them."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from app.domain.money import is_known_currency, minor_digits, share
from app.paths import resource

GENERATOR = Path(__file__).resolve().parents[2] / "packaging" / "currencies.py"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("currencies", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_table_is_babels_cldr_data() -> None:
    generator = _generator()
    shipped = resource("currencies.json").read_text(encoding="utf-8")
    assert shipped == generator.text(generator.from_babel()), "run `make currencies`"


@pytest.mark.parametrize(
    ("code", "digits"), [("USD", 2), ("EUR", 2), ("JPY", 0), ("BHD", 3), ("CLF", 4)]
)
def test_minor_digits(code: str, digits: int) -> None:
    assert minor_digits(code) == digits


@pytest.mark.parametrize(("code", "known"), [("EUR", True), ("eur", False), ("ABC", False)])
def test_known_currencies(code: str, known: bool) -> None:
    assert is_known_currency(code) is known


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [
        (1, 8, "12.5 %"),
        (1, 16, "6.3 %"),  # 6.25: half-up, not half-even
        (-1, 16, "-6.3 %"),
        (-1, 10**9, "0.0 %"),  # a tiny credit is not "-0.0 %"
        (5, 0, "–"),
    ],
)
def test_share_of_a_whole(part: int, whole: int, text: str) -> None:
    assert share(part, whole) == text
