"""``budgetwright estimate``: a quick answer without a plan, worked out by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main
from app.io.compute_catalogue import shipped_entry


def estimate(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["estimate", *args, "--json"]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        code = main(["estimate", *args])
        raise SystemExit(code)
    assert exit_.value.code == 2
    return capsys.readouterr().err


TINY = ["--parameters", "1000000000", "--tokens", "1000000000", "--accelerators", "1"]


def test_training_by_peak_and_mfu(capsys: pytest.CaptureFixture[str]) -> None:
    # 6 × 1e9 × 1e9 FLOPs ÷ (1000e12 × 0.5) = 12,000 s = 3.333… accelerator-hours
    result = estimate(
        capsys,
        "training",
        *TINY,
        "--peak-tflops=1000",
        "--mfu=0.5",
        "--rate=2",
        "--power-watts=700",
        "--pue=1.2",
        "--grid=0.4",
    )
    assert result == {
        "accelerator_hours": "3.33",
        "run_days": "0.14",  # 3.333 ÷ 1 ÷ 24 = 0.1389
        "cost": "6.67",  # 6.666… rounded once, at the end
        "currency": "USD",
        "energy_kwh": "2.800",  # 10/3 h × 0.7 kW × 1.2
        "co2_kg": "1.120",  # × 0.4
        "tokens_per_parameter": "1.00",
    }


def test_training_by_throughput_in_a_currency_without_cents(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # 1e9 tokens ÷ (3000 tokens/s × 0.8 goodput × 3600) = 115.740… hours; ÷ 4 ÷ 24 = 1.2056 days
    result = estimate(
        capsys,
        "training",
        "--parameters=8000000000",
        "--tokens=1000000000",
        "--tokens-per-second=3000",
        "--goodput=0.8",
        "--accelerators=4",
        "--rate=450.5",
        "--currency=JPY",
    )
    assert result["accelerator_hours"] == "115.74"
    assert result["run_days"] == "1.21"
    assert result["cost"] == "52141"  # 115.7407… × 450.5 = 52,141.2 yen
    assert result["energy_kwh"] == "0.000" and result["co2_kg"] == "0.000"
    assert result["tokens_per_parameter"] == "0.13"


def test_training_takes_peak_power_and_rate_from_the_catalogue(
    capsys: pytest.CaptureFixture[str],
) -> None:
    entry = shipped_entry("h100_sxm_rental")
    assert entry is not None
    specs = entry["specs"]

    result = estimate(
        capsys, "training", *TINY, "--accelerator=h100_sxm_rental", "--precision=fp8", "--mfu=0.5"
    )
    hours = Fraction(6 * 10**18) / (Fraction(specs["fp8_dense_tflops"]) * 10**12 / 2 * 3600)
    assert result["accelerator_hours"] == f"{float(hours):.2f}"
    kwh = hours * Fraction(specs["tdp_w"]) / 1000
    assert Fraction(result["energy_kwh"]) == Fraction(round(kwh * 1000), 1000)
    cost = hours * Fraction(entry["price"])
    assert Fraction(result["cost"]) == Fraction(round(cost * 100), 100)
    given = estimate(
        capsys, "training", *TINY, "--accelerator=h100_sxm_rental", "--mfu=0.5", "--rate=1"
    )
    assert given["cost"] != result["cost"], "a rate given wins over the catalogue's"


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        ([*TINY, "--peak-tflops=1000"], "--mfu"),
        ([*TINY, "--peak-tflops=1000", "--mfu=1.5"], "--mfu"),
        ([*TINY, "--peak-tflops=0", "--mfu=0.5"], "--peak-tflops"),
        ([*TINY, "--tokens-per-second=10", "--mfu=0.5"], "--mfu"),
        ([*TINY, "--accelerator=no_such_gpu", "--mfu=0.5"], "--accelerator"),
        ([*TINY, "--accelerator=h100_sxm_rental"], "--mfu"),
        ([*TINY, "--tokens-per-second=10", "--rate=cheap"], "--rate"),
        ([*TINY, "--tokens-per-second=10", "--goodput=0"], "--goodput"),
        ([*TINY, "--tokens-per-second=10", "--pue=0.9"], "--pue"),
        (
            ["--parameters=1", "--tokens=1", "--tokens-per-second=10", "--accelerators=0.5"],
            "--accelerators",
        ),
        (["--parameters=1", "--tokens-per-second=10", "--accelerators=1"], "--tokens"),
    ],
)
def test_bad_or_missing_training_values_exit_2_naming_the_flag(
    capsys: pytest.CaptureFixture[str], args: list[str], flag: str
) -> None:
    assert flag in refused(capsys, "training", *args)


SERVE = [
    "--start=2027-01",
    "--tokens-per-second=400",
    "--rate=2",
    "--api-price-per-million=3",
]


def test_serving_month_by_month_against_an_api(capsys: pytest.CaptureFixture[str]) -> None:
    # capacity per accelerator: 400 × 86,400 × days = 1,071,360,000 (31 d), 967,680,000 (28 d)
    result = estimate(
        capsys,
        "serving",
        *SERVE,
        "--months=3",
        "--tokens-per-month=100000000",
        "--growth-per-month=1000000000",
        "--min-accelerators=2",
    )
    assert result["months"] == [
        # 2 × 24 × 31 × 2 = 2976.00 against 1e8 × 3 ÷ 1e6 = 300.00
        {
            "month": "2027-01",
            "demand_tokens": "100000000",
            "accelerators": 2,
            "self_hosted": "2976.00",
            "api": "300.00",
        },
        # 1.1e9 ÷ 967,680,000 → 2; 2 × 24 × 28 × 2 = 2688.00 against 3300.00
        {
            "month": "2027-02",
            "demand_tokens": "1100000000",
            "accelerators": 2,
            "self_hosted": "2688.00",
            "api": "3300.00",
        },
        # 2.1e9 ÷ 1,071,360,000 → 2; 2976.00 against 6300.00
        {
            "month": "2027-03",
            "demand_tokens": "2100000000",
            "accelerators": 2,
            "self_hosted": "2976.00",
            "api": "6300.00",
        },
    ]
    assert result["self_hosted_total"] == "8640.00"
    assert result["api_total"] == "9900.00"
    assert result["crossover"] == "2027-02"


def test_serving_that_never_pays_off_and_demand_falling_to_zero(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = estimate(
        capsys,
        "serving",
        *SERVE,
        "--months=3",
        "--tokens-per-month=2000000000",
        "--growth-per-month=-1000000000",
        "--peak-to-average=1.5",
    )
    # Jan 3e9 peak ÷ 1,071,360,000 → 3; Feb 1.5e9 ÷ 967,680,000 → 2; Mar 0 → 0
    assert [m["accelerators"] for m in result["months"]] == [3, 2, 0]
    assert [m["api"] for m in result["months"]] == ["6000.00", "3000.00", "0.00"]
    # 4464.00 ≤ 6000.00, 2688.00 ≤ 3000.00, 0.00 ≤ 0.00: cheaper from the first month
    assert [m["self_hosted"] for m in result["months"]] == ["4464.00", "2688.00", "0.00"]
    assert result["crossover"] == "2027-01"
    dear = estimate(
        capsys, "serving", *SERVE, "--months=2", "--tokens-per-month=5", "--min-accelerators=1"
    )
    assert dear["crossover"] is None


def test_a_leap_february_in_serving(capsys: pytest.CaptureFixture[str]) -> None:
    # 400 × 86,400 × 29 = 1,002,240,000 tokens fit one accelerator in February 2028
    result = estimate(
        capsys, "serving", *SERVE, "--start=2028-02", "--months=1", "--tokens-per-month=1002240000"
    )
    assert result["months"][0]["accelerators"] == 1
    assert result["months"][0]["self_hosted"] == "1392.00"  # 24 × 29 × 2


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["--start=2027-13", "--months=1", "--tokens-per-month=1"], "--start"),
        (["--start=2027-01", "--months=0", "--tokens-per-month=1"], "--months"),
        (
            ["--start=2027-01", "--months=3", "--tokens-per-month=1", "--growth-per-month=-1"],
            "--growth-per-month",
        ),
        (["--start=2027-01", "--months=3", "--tokens-per-month=-5"], "--tokens-per-month"),
        (
            ["--start=2027-01", "--months=3", "--tokens-per-month=1", "--peak-to-average=0.5"],
            "--peak-to-average",
        ),
        (
            ["--start=2027-01", "--months=3", "--tokens-per-month=1", "--min-accelerators=1.5"],
            "--min-accelerators",
        ),
    ],
)
def test_bad_serving_values_exit_2_naming_the_flag(
    capsys: pytest.CaptureFixture[str], args: list[str], flag: str
) -> None:
    err = refused(
        capsys, "serving", *args, "--tokens-per-second=1", "--rate=1", "--api-price-per-million=1"
    )
    assert flag in err


def test_estimate_runs_as_a_command_without_qt(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from ui.launcher import main; code = main(sys.argv[1:]);"
            " assert 'PySide6' not in sys.modules and 'sqlalchemy' not in sys.modules;"
            " sys.exit(code)",
            "estimate",
            "serving",
            *SERVE,
            "--months=2",
            "--tokens-per-month=1e9",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Self-hosting stays cheaper from:" in done.stdout
    assert not (tmp_path / "budgets.db").exists()


def test_catalogue_parts_without_bf16_or_power_say_what_is_missing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # the T4 gives an FP16 peak only: asked for BF16 it names the flag and what it has
    err = refused(capsys, "training", *TINY, "--accelerator=t4_rental", "--mfu=0.5")
    assert "--precision bf16" in err and "fp16" in err
    given = estimate(
        capsys, "training", *TINY, "--accelerator=t4_rental", "--peak-tflops=65", "--mfu=0.5"
    )
    assert given["energy_kwh"] != "0.000", "its 70 W still comes from the catalogue"
    # Trainium publishes no power: the estimate answers, says so, and has no energy
    assert main(["estimate", "training", *TINY, "--accelerator=trainium1_rental", "--mfu=0.5"]) == 0
    out = capsys.readouterr()
    assert "no power in watts" in out.err and "--power-watts" in out.err
    assert "Energy (kWh)          0.000" in out.out
