"""``budgetwright risk PLAN``: Monte Carlo percentiles of a plan's subtotal.

numpy and the simulation are imported only when the command runs, so the other
subcommands start as fast as before.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import Any

from app.paths import DbTarget


def _runs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError(f"must be between 1 and 1,000,000, not {value}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, not {value}")
    return value


def add_risk_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    risk = sub.add_parser(
        "risk", parents=[common], help="Monte Carlo percentiles of the plan's subtotal"
    )
    risk.add_argument("plan", metavar="PLAN", help="plan name or id")
    risk.add_argument("--runs", type=_runs, default=10_000, help="simulated runs (default 10000)")
    risk.add_argument("--seed", type=_seed, default=1, help="random seed (default 1)")
    risk.add_argument(
        "--dist",
        choices=("pert", "triangular"),
        default="pert",
        help="distribution of each ranged line (default pert)",
    )
    risk.add_argument("--json", action="store_true", help="print one JSON object")


def run_risk(db_path: DbTarget, args: argparse.Namespace) -> int:
    from app.engine.risk import Dist, risk_json, simulate
    from app.services.workspace import Workspace

    workspace = Workspace.open(db_path)
    plan = workspace.find_plan(args.plan)
    assert plan.id is not None
    snapshot = workspace.snapshot(plan.id)
    result = simulate(
        snapshot, workspace.budget(plan.id), runs=args.runs, seed=args.seed, dist=Dist(args.dist)
    )
    report = risk_json(result, plan.name, plan.currency)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(risk_text(report))
    return 0


def risk_text(report: dict[str, Any]) -> str:
    """The risk report for a terminal."""
    currency = report["currency"]
    out = [
        f"{report['plan']}: {report['ranged_lines']} ranged lines, {report['runs']:,} runs "
        f"({report['dist']}, seed {report['seed']}), amounts in {currency}",
        "",
    ]

    def amount(key: str) -> str:
        return f"{Decimal(report[key]):,}"

    rows = [("Base (subtotal)", amount("base")), ("Mean", amount("mean"))]
    rows += [(f"P{p}", amount(f"p{p}")) for p in (10, 50, 70, 80, 90, 95)]
    rows.append(("Contingency at P80", amount("contingency_p80")))
    figures = max(len(value) for _, value in rows)
    pct = report["contingency_pct_p80"]
    rows = [(label, value.rjust(figures)) for label, value in rows]
    if pct is not None:
        rows[-1] = (rows[-1][0], f"{rows[-1][1]}  ({pct} % of the base)")
    width = max(len(label) for label, _ in rows)
    out += [f"{label:<{width}}  {value}" for label, value in rows]
    out += ["", "Drivers (share of the variance):"]
    out += [f"  {d['share']}  {d['name']} ({d['category']})" for d in report["drivers"]]
    return "\n".join(out)
