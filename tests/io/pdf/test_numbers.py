"""How the pack writes figures and text: grouped amounts in each currency's minor unit,
exact shares, drivers as entered, and CJK set in the fallback font."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.money import share
from app.domain.plan import CostModel, Line
from app.io.pdf.charts import Axis, compact, nice_step
from app.io.pdf.fonts import CJK, SANS, ellipsize, runs, width
from app.io.pdf.numbers import driver_text, money
from tests.io.pdf.pdftools import AMOUNT, grouped


@pytest.mark.parametrize(
    ("minor", "digits", "shown"),
    [
        (134720227, 2, "1,347,202.27"),
        (1347202, 0, "1,347,202"),  # JPY
        (1234567, 3, "1,234.567"),  # BHD
        (5, 2, "0.05"),
        (-123456, 2, "-1,234.56"),
        (0, 2, "0.00"),
    ],
)
def test_money_uses_the_minor_digits_and_groups_thousands(
    minor: int, digits: int, shown: str
) -> None:
    assert money(minor, digits) == shown


@given(st.integers(-(10**15), 10**15), st.sampled_from([0, 2, 3]))
def test_money_reads_back_exactly(minor: int, digits: int) -> None:
    shown = money(minor, digits)
    assert AMOUNT.fullmatch(shown)
    assert int(shown.replace(",", "").replace(".", "")) == minor
    assert shown == grouped(minor, digits)


def test_shares_round_half_up_exactly() -> None:
    assert share(1, 8) == "12.5 %"
    assert share(1, 3) == "33.3 %"
    assert share(2, 3) == "66.7 %"
    assert share(1, 2000) == "0.1 %"  # 0.05 rounds up
    assert share(-1, 3) == "-33.3 %"
    assert share(5, 0) == "–"


def test_drivers_print_as_entered() -> None:
    line = Line(
        1,
        1,
        "computing",
        "cloud",
        "aws_gcp_azure_options",
        "Tokens",
        CostModel.USAGE,
        {
            "quantity": "8",
            "hours_per_month": "220",
            "utilization": "0.85",
            "unit_cost": "0.0000025",
        },
        date(2027, 1, 1),
        date(2027, 1, 31),
    )
    assert driver_text(line) == "8 × 220 h/month × 0.85 used × 0.0000025/h"


def test_axis_ticks_are_round_and_cover_the_data() -> None:
    assert nice_step(1_224_729_34) == 50_000_000  # 500k steps for a 1.2M range
    axis = Axis.spanning(-150, 1_224_729_34)
    assert axis.low <= -150 and axis.high >= 1_224_729_34
    assert all(t % axis.step == 0 for t in axis.ticks())
    assert compact(150_000_00, 2) == "150k"
    assert compact(1_500_000_00, 2) == "1.5M"
    assert compact(400_00, 2) == "400"
    assert compact(1_500_000, 0) == "1.5M"


def test_cjk_runs_go_to_the_fallback_font() -> None:
    assert runs("Müller") == [(SANS, "Müller")]
    assert runs("Team 数据 Москва") == [(SANS, "Team "), (CJK, "数据"), (SANS, " Москва")]


def test_ellipsize_fits_the_room() -> None:
    long = "Fine-tuning cluster with a very long name 数据标注团队 and more"
    short = ellipsize(long, 7, 80)
    assert short.endswith("…") and width(short, 7) <= 80
    assert ellipsize("Short", 7, 80) == "Short"
