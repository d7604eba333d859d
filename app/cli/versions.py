"""``scenario``, ``baseline``, ``baselines`` and ``compare``: versions of a plan.

The parsers live here; what the commands do is in ``version_commands`` (imported
only when one runs, so other subcommands start as fast as before).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.domain.errors import BadInput
from app.paths import DbTarget

COMMANDS = ("scenario", "baseline", "baselines", "compare")


def add_versions_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    scenario = sub.add_parser(
        "scenario", parents=[common], help="copy a plan into a new one that remembers its lines"
    )
    scenario.add_argument("plan", metavar="PLAN", help="plan name or id")
    scenario.add_argument("--name", required=True, help="the new plan's name")
    baseline = sub.add_parser(
        "baseline", parents=[common], help="freeze a plan and its costs under a name"
    )
    baseline.add_argument("plan", metavar="PLAN", help="plan name or id")
    baseline.add_argument("--name", required=True, help="the baseline's name")
    listing = sub.add_parser("baselines", parents=[common], help="a plan's baselines")
    listing.add_argument("plan", metavar="PLAN", help="plan name or id")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    comp = sub.add_parser(
        "compare", parents=[common], help="two plans, or a plan against one of its baselines"
    )
    comp.add_argument("a", metavar="A", help="plan name or id (side a)")
    comp.add_argument("b", metavar="B", nargs="?", help="plan name or id (side b)")
    comp.add_argument(
        "--baseline", metavar="NAME", help="compare baseline NAME (side a) with plan A now"
    )
    comp.add_argument("--json", action="store_true", help="print one JSON object")
    comp.add_argument(
        "--xlsx",
        type=Path,
        metavar="FILE",
        help="also write both sides and a delta sheet (with formulas) to an Excel workbook",
    )


def run(db_path: DbTarget, args: argparse.Namespace) -> int:
    if args.command == "compare" and (args.b is None) == (args.baseline is None):
        # a bad call is refused before the database is opened
        raise BadInput("compare: give two plans (A B) or one plan and --baseline NAME")
    xlsx = getattr(args, "xlsx", None)
    if xlsx is not None and xlsx.suffix and xlsx.suffix.lower() != ".xlsx":
        raise BadInput(
            f"{xlsx}: --xlsx writes an Excel workbook, so the name must end in .xlsx "
            "(nothing was written)"
        )
    from app.cli import version_commands

    return version_commands.run(db_path, args)
