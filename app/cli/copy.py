"""``budgetwright copy --from DB --to DB [--plans ...] [--replace]``: plans between databases.

Either side is a SQLite file or a PostgreSQL URL; the receiving side is written in
one transaction (all the plans, or nothing).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.paths import DbTarget, db_target


def _target(text: str) -> DbTarget:
    try:
        return db_target(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_copy_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    copy = sub.add_parser(
        "copy",
        parents=[common],
        help="copy plans (phases, lines, baselines, catalogue) from one database to another",
    )
    copy.add_argument(
        "--from", dest="source", type=_target, metavar="DB", help="file or URL (default: --db)"
    )
    copy.add_argument(
        "--to", dest="target", type=_target, metavar="DB", help="file or URL (default: --db)"
    )
    copy.add_argument(
        "--plans", nargs="+", metavar="PLAN", help="plan names or ids (default: every plan)"
    )
    copy.add_argument(
        "--replace", action="store_true", help="replace a plan of the same name on the --to side"
    )


def run_copy(db_path: DbTarget, args: argparse.Namespace) -> int:
    """Copy; the side not named (``--from`` or ``--to``) is the ``--db`` database."""
    from app.domain.errors import BadInput
    from app.services.transfer import copy_plans
    from app.services.workspace import Workspace

    if args.source is None and args.target is None:
        raise BadInput("copy: name --from, --to or both (the other is --db); nothing was copied")
    args.source = args.source or db_path
    args.target = args.target or db_path
    if str(args.source) == str(args.target):
        raise BadInput("copy: --from and --to name the same database; nothing was copied")
    if isinstance(args.source, Path) and not args.source.is_file():
        raise BadInput(f"{args.source}: --from names no database file; nothing was copied")
    source = Workspace.open(args.source, seed=False)
    try:
        target = Workspace.open(args.target, seed=False)
        try:
            report = copy_plans(source, target, args.plans, replace_=args.replace)
        except BaseException:
            if target.db.created and isinstance(args.target, Path):
                target.discard_new_database()  # a file made for a copy that failed
            raise
        finally:
            target.close()
    finally:
        source.close()
    replaced = f", replacing {len(report.replaced)}" if report.replaced else ""
    print(
        f"Copied {len(report.plans)} plan(s){replaced} to {args.target}: "
        f"{report.lines} lines, {report.baselines} baselines, "
        f"{report.catalogue_added} catalogue entries and {report.items_added} own items added"
    )
    for name in report.plans:
        print(f"  {name}")
    return 0
