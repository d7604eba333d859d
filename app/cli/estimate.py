"""``budgetwright estimate training|serving``: a quick answer without a plan.

Qt-free and database-free, so it answers fast. Figures follow DESIGN.md's
"Compute-sized lines" and "Energy and CO₂" exactly and are rounded only at the end.
Bad or missing values exit 2 with a message naming the flag.
"""

from __future__ import annotations

import argparse
import calendar
import json
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from app.domain.cost_models import DriverSpec, all_specs
from app.domain.errors import BadInput, InvalidValue
from app.domain.money import is_known_currency, minor_digits
from app.domain.plan import CostModel
from app.domain.validation import check_driver
from app.engine.calendar import month_index, month_label
from app.engine.compute import accelerator_hours, round_places, serving_accelerators

FLAGS = {
    "unit_cost": "--rate",
    "grid_kgco2_per_kwh": "--grid",
}
"""Driver keys whose flag is not simply the key with dashes."""

NUMBERS: dict[str, str] = {
    "parameters": "parameters",
    "tokens": "tokens",
    "flops_per_token": "flops_per_token",
    "peak_tflops": "peak_tflops",
    "mfu": "mfu",
    "tokens_per_second": "tokens_per_second",
    "goodput": "goodput",
    "accelerators": "accelerators",
    "rate": "unit_cost",
    "power_watts": "power_watts",
    "pue": "pue",
    "grid": "grid_kgco2_per_kwh",
    "tokens_per_month": "tokens_per_month",
    "growth_per_month": "growth_per_month",
    "peak_to_average": "peak_to_average",
    "min_accelerators": "min_accelerators",
    "api_price_per_million": "api_price_per_million",
}
"""argparse destination → driver key."""

API_PRICE = DriverSpec("api_price_per_million", "API price per million tokens", money=True)


def flag_of(key: str) -> str:
    return FLAGS.get(key, "--" + key.replace("_", "-"))


def add_estimate_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """Register ``estimate training`` and ``estimate serving`` on the subcommand parsers."""
    est = sub.add_parser(
        "estimate", parents=[common], help="size a training run or serving without a plan"
    )
    kinds = est.add_subparsers(dest="estimate", metavar="training|serving", required=True)
    tr = kinds.add_parser("training", parents=[common], help="a training run from its compute")
    tr.add_argument("--parameters", required=True, metavar="N", help="model parameters")
    tr.add_argument("--tokens", required=True, metavar="D", help="training tokens")
    tr.add_argument("--flops-per-token", metavar="F", help="FLOPs per parameter-token (6)")
    tr.add_argument("--peak-tflops", metavar="X", help="dense peak TFLOPS per accelerator")
    tr.add_argument("--mfu", metavar="M", help="model FLOPs utilization (0-1]")
    tr.add_argument("--tokens-per-second", metavar="S", help="measured, per accelerator")
    tr.add_argument("--accelerator", metavar="KEY", help="catalogue key of the accelerator")
    tr.add_argument("--precision", choices=("bf16", "fp8"), default="bf16")
    tr.add_argument("--goodput", metavar="G", help="share of time doing useful work (1)")
    tr.add_argument("--accelerators", required=True, metavar="K", help="accelerators used")
    tr.add_argument("--rate", metavar="R", help="price per accelerator-hour")
    tr.add_argument("--currency", default="USD", metavar="CODE")
    tr.add_argument("--power-watts", metavar="W", help="power per accelerator")
    tr.add_argument("--pue", metavar="P", help="power usage effectiveness (1)")
    tr.add_argument("--grid", metavar="G", help="grid intensity, kg CO2 per kWh (0)")
    tr.add_argument("--json", action="store_true", help="print one JSON object")
    sv = kinds.add_parser("serving", parents=[common], help="self-hosted serving against an API")
    sv.add_argument("--start", required=True, metavar="YYYY-MM")
    sv.add_argument("--months", required=True, metavar="N")
    sv.add_argument("--tokens-per-month", required=True, metavar="T")
    sv.add_argument("--growth-per-month", default="0", metavar="G")
    sv.add_argument("--peak-to-average", default="1", metavar="P")
    sv.add_argument("--tokens-per-second", required=True, metavar="S")
    sv.add_argument("--min-accelerators", default="0", metavar="N")
    sv.add_argument("--rate", required=True, metavar="R", help="price per accelerator-hour")
    sv.add_argument("--api-price-per-million", required=True, metavar="P")
    sv.add_argument("--json", action="store_true", help="print one JSON object")


def run_estimate(args: argparse.Namespace) -> int:
    if args.estimate == "training":
        result = estimate_training(args)
        text = _training_text(result)
    else:
        result = estimate_serving(args)
        text = _serving_text(result)
    print(json.dumps(result, indent=2) if args.json else text)
    return 0


def _drivers(args: argparse.Namespace, model: CostModel, dests: Sequence[str]) -> dict[str, str]:
    """The given flags as driver texts, each checked against its driver's rules."""
    specs = {s.key: s for s in all_specs(model)}
    specs[API_PRICE.key] = API_PRICE
    out: dict[str, str] = {}
    for dest in dests:
        text = getattr(args, dest, None)
        if text is None:
            continue
        key = NUMBERS[dest]
        try:
            check_driver(specs[key], text)
        except InvalidValue as exc:
            raise BadInput(f"{flag_of(key)} {text!r}: {exc.reason}") from None
        out[key] = str(Decimal(str(text).strip()))
    return out


def _accelerator(key: str, precision: str, peak_given: str | None = None) -> dict[str, str]:
    """Peak TFLOPS, power and hourly rate of a catalogue accelerator."""
    from app.io.compute_catalogue import accelerator_spec, shipped_entry

    entry = shipped_entry(key)
    if entry is None or entry.get("kind") not in ("accelerator_rental", "accelerator_purchase"):
        raise BadInput(f"--accelerator {key!r}: no accelerator of the catalogue has this key")
    spec = accelerator_spec(entry, precision)
    assert spec is not None  # an accelerator kind always has a spec
    found = {} if spec.peak_tflops is None else {"peak_tflops": spec.peak_tflops}
    if peak_given is None and spec.peak_tflops is None:
        given = ", ".join(spec.precisions) or "none"
        raise BadInput(
            f"--precision {precision}: the catalogue gives {key} no {precision} peak"
            f" (it gives: {given}); give --peak-tflops"
        )
    if spec.power_watts is not None:
        found["power_watts"] = spec.power_watts
    if spec.hourly_rate is not None:
        found["unit_cost"] = spec.hourly_rate
    return found


def estimate_training(args: argparse.Namespace) -> dict[str, Any]:
    model = CostModel.TRAINING_RUN
    d = _drivers(args, model, [k for k in NUMBERS if k in vars(args)])
    if not is_known_currency(args.currency):
        raise BadInput(f"--currency {args.currency!r}: not an ISO 4217 currency code")
    if args.accelerator is not None:
        for key, value in _accelerator(
            args.accelerator, args.precision, d.get("peak_tflops")
        ).items():
            d.setdefault(key, value)
        if "mfu" not in d:
            raise BadInput("--mfu: missing (with --accelerator, give the MFU)")
        if "power_watts" not in d:
            print(
                f"note: the catalogue gives {args.accelerator} no power in watts;"
                " energy and CO2 are 0 unless --power-watts is given",
                file=sys.stderr,
            )
    if "tokens_per_second" in d:
        for key in ("peak_tflops", "mfu"):
            if key in d:
                raise BadInput(
                    f"{flag_of(key)}: give either --tokens-per-second or the peak and MFU"
                )
    else:
        for key in ("peak_tflops", "mfu"):
            if key not in d:
                raise BadInput(
                    f"{flag_of(key)}: missing (give --peak-tflops and --mfu,"
                    " --tokens-per-second, or --accelerator and --mfu)"
                )
    hours = Fraction(*accelerator_hours(d))
    accelerators = Fraction(d["accelerators"])
    rate = Fraction(d.get("unit_cost", "0"))
    digits = minor_digits(args.currency)
    kwh = hours * Fraction(d.get("power_watts", "0")) / 1000 * Fraction(d.get("pue", "1"))
    co2 = kwh * Fraction(d.get("grid_kgco2_per_kwh", "0"))
    return {
        "accelerator_hours": str(round_places(hours, 2)),
        "run_days": str(round_places(hours / accelerators / 24, 2)),
        "cost": str(round_places(hours * rate, digits)),
        "currency": args.currency,
        "energy_kwh": str(round_places(kwh, 3)),
        "co2_kg": str(round_places(co2, 3)),
        "tokens_per_parameter": str(
            round_places(Fraction(d["tokens"]) / Fraction(d["parameters"]), 2)
        ),
    }


def _start_month(text: str) -> int:
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return month_index(date(year, month, 1))
    except ValueError:
        raise BadInput(f"--start {text!r}: not a month (write it as YYYY-MM)") from None


def estimate_serving(args: argparse.Namespace) -> dict[str, Any]:
    d = _drivers(args, CostModel.SERVING, [k for k in NUMBERS if k in vars(args)])
    first = _start_month(args.start)
    try:
        months = int(args.months)
    except ValueError:
        raise BadInput(f"--months {args.months!r}: not a whole number") from None
    if not 1 <= months <= 1200:
        raise BadInput(f"--months {args.months!r}: must be 1 to 1200")
    tpm, growth = Fraction(d["tokens_per_month"]), Fraction(d["growth_per_month"])
    if tpm + growth * (months - 1) < 0:
        raise BadInput(f"--growth-per-month {args.growth_per_month!r}: takes demand below zero")
    counts = serving_accelerators(d, first, months)
    rate, price = Fraction(d["unit_cost"]), Fraction(d["api_price_per_million"])
    rows: list[dict[str, Any]] = []
    selfs: list[Decimal] = []
    apis: list[Decimal] = []
    for k, count in enumerate(counts):
        year, month = divmod(first + k, 12)
        dim = calendar.monthrange(year, month + 1)[1]
        demand = tpm + growth * k
        own = round_places(count * 24 * dim * rate, 2)
        api = round_places(demand * price / 10**6, 2)
        selfs.append(own)
        apis.append(api)
        rows.append(
            {
                "month": month_label(first + k),
                "demand_tokens": _plain(demand),
                "accelerators": count,
                "self_hosted": str(own),
                "api": str(api),
            }
        )
    crossover = None
    for k in range(months - 1, -1, -1):
        if selfs[k] > apis[k]:
            break
        crossover = rows[k]["month"]
    return {
        "months": rows,
        "self_hosted_total": str(sum(selfs, Decimal("0.00"))),
        "api_total": str(sum(apis, Decimal("0.00"))),
        "crossover": crossover,
    }


def _plain(value: Fraction) -> str:
    """An exact demand as decimal text (demand is tokens: whole, or a terminating decimal)."""
    if value.denominator == 1:
        return str(value.numerator)
    return str(Decimal(value.numerator) / Decimal(value.denominator))


def _training_text(r: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"Accelerator-hours     {Decimal(r['accelerator_hours']):,}",
            f"Wall-clock days       {Decimal(r['run_days']):,}",
            f"Cost                  {r['currency']} {Decimal(r['cost']):,}",
            f"Energy (kWh)          {Decimal(r['energy_kwh']):,}",
            f"CO2 (kg)              {Decimal(r['co2_kg']):,}",
            f"Tokens per parameter  {r['tokens_per_parameter']}",
        ]
    )


def _serving_text(r: dict[str, Any]) -> str:
    out = [f"{'month':<8} {'demand tokens':>20} {'accel.':>7} {'self-hosted':>14} {'API':>14}"]
    for m in r["months"]:
        out.append(
            f"{m['month']:<8} {Decimal(m['demand_tokens']):>20,} {m['accelerators']:>7}"
            f" {Decimal(m['self_hosted']):>14,} {Decimal(m['api']):>14,}"
        )
    out.append(
        f"{'total':<8} {'':>20} {'':>7} {Decimal(r['self_hosted_total']):>14,}"
        f" {Decimal(r['api_total']):>14,}"
    )
    out.append(f"Self-hosting stays cheaper from: {r['crossover'] or 'never'}")
    return "\n".join(out)
