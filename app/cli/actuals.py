"""``actuals import`` and ``variance``: what was spent, and the plan against it.

The parsers live here; the work is imported only when one of them runs.
"""

from __future__ import annotations

import argparse
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.domain.errors import BadInput
from app.paths import DbTarget

COMMANDS = ("actuals", "variance")


def add_actuals_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    actuals = sub.add_parser("actuals", parents=[common], help="money spent on a plan")
    what = actuals.add_subparsers(dest="actuals_command", metavar="ACTION", required=True)
    imp = what.add_parser(
        "import", parents=[common], help="book the actuals of a CSV or xlsx file (all or nothing)"
    )
    imp.add_argument("plan", metavar="PLAN", help="plan name or id")
    imp.add_argument("file", type=Path, metavar="FILE", help="a .csv or .xlsx file")
    imp.add_argument(
        "--map", type=Path, metavar="MAPPING.toml", help="which column holds which field"
    )
    imp.add_argument("--json", action="store_true", help="print one JSON object")
    var = sub.add_parser("variance", parents=[common], help="budget against actual")
    var.add_argument("plan", metavar="PLAN", help="plan name or id")
    var.add_argument(
        "--as-of", metavar="YYYY-MM", help="the last month counted as spent (default: last actual)"
    )
    var.add_argument("--json", action="store_true", help="print one JSON object")


def as_of_month(text: str | None) -> int | None:
    """``2027-03`` as a month index; refused (exit 2) if it is not a month."""
    if text is None:
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if match is None or not 1 <= int(match.group(2)) <= 12:
        raise BadInput(f"--as-of {text!r}: write the month as YYYY-MM (2027-03)")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def run(db_path: DbTarget, args: argparse.Namespace) -> int:
    as_of = as_of_month(getattr(args, "as_of", None))  # refused before the database opens
    from app.services.workspace import Workspace

    workspace = Workspace.open(db_path)
    try:
        plan = workspace.find_plan(args.plan)
        assert plan.id is not None
        if args.command == "variance":
            return _variance(workspace, plan.id, as_of, args.json)
        return _import(workspace, plan.id, args)
    finally:
        workspace.close()


def _import(workspace: Any, plan_id: int, args: argparse.Namespace) -> int:
    from app.io.actuals import load_actuals_mapping
    from app.services.actuals import import_actuals

    mapping = load_actuals_mapping(args.map) if args.map is not None else None
    result = import_actuals(workspace, plan_id, args.file, mapping)
    if args.json:
        print(json.dumps({"booked": result.booked, "skipped": result.skipped}))
    else:
        print(
            f"Booked {result.booked} actuals from {args.file.name}; "
            f"skipped {result.skipped} already booked (same reference)"
        )
    return 0


def _variance(workspace: Any, plan_id: int, as_of: int | None, as_json: bool) -> int:
    from app.services.actuals import plan_variance

    report = plan_variance(workspace, plan_id, as_of).as_json()
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(variance_text(report))
    return 0


def variance_text(report: dict[str, Any]) -> str:
    """The variance object as a short report for a terminal."""
    heads = ("", "budget to date", "actual to date", "variance", "forecast")
    keys = ("budget_to_date", "actual_to_date", "variance_to_date", "forecast_at_completion")
    rows = [(k, *(report["by_category"][k][f] for f in keys)) for k in report["by_category"]]
    rows.append(("total", *(report[f] for f in keys)))
    cells = [(r[0], *(f"{Decimal(v):,}" for v in r[1:])) for r in rows]
    widths = [max(len(c[i]) for c in [*cells, heads]) for i in range(5)]

    def join(row: tuple[str, ...]) -> str:
        return "  ".join(
            c.rjust(w) if i else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        )

    out = [
        f"{report['plan']}: budget vs actual to {report['as_of'] or '(no actuals yet)'}",
        f"amounts in {report['currency']}; variance = actual - budget (positive: overspent)",
        "",
        join(heads),
        *(join(c) for c in cells),
        "",
        f"budget at completion {Decimal(report['budget_at_completion']):,}, "
        f"forecast {Decimal(report['forecast_at_completion']):,} "
        f"({Decimal(report['variance_at_completion']):+,}); "
        f"contingency apart: {Decimal(report['contingency']):,}",
    ]
    return "\n".join(out)
