"""What each subcommand does; ``main`` turns errors into messages and exit codes."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from pathlib import Path

from app.cli.risk import run_risk as run_risk  # dispatched by name from main
from app.domain.errors import BadInput
from app.domain.plan import PlanSnapshot
from app.domain.taxonomy import Taxonomy
from app.io import plan_json
from app.paths import DbTarget, ServerUrl
from app.services.reimport import import_command
from app.services.summary import plan_summary, summary_text
from app.services.workspace import Workspace


def _open(db_path: DbTarget) -> Workspace:
    return Workspace.open(db_path)


def run_list(db_path: DbTarget, _args: argparse.Namespace) -> int:
    workspace = _open(db_path)
    plans = workspace.plans()
    if not plans:
        print("No plans yet.")
    for plan in plans:
        print(f"{plan.id:>4}  {plan.name}  ({plan.currency}, {plan.start} to {plan.end})")
    return 0


def run_summary(db_path: DbTarget, args: argparse.Namespace) -> int:
    workspace = _open(db_path)
    plan = workspace.find_plan(args.plan)
    assert plan.id is not None
    summary = plan_summary(workspace.snapshot(plan.id))
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(summary_text(summary, workspace.taxonomy()))
    return 0


def _read_plan_file(path: Path, mapping: Path | None, taxonomy: Taxonomy | None) -> PlanSnapshot:
    suffix = path.suffix.lower()
    if suffix == ".json":
        return plan_json.read_file(path)
    if suffix in (".xlsx", ".xlsm", ".xls"):
        from app.io.xlsx import read_workbook

        return read_workbook(path, mapping=mapping, taxonomy=taxonomy)
    raise BadInput(f"{path}: not a plan file (.budget.json) or workbook (.xlsx)")


def run_import(db_path: DbTarget, args: argparse.Namespace) -> int:
    path: Path = args.file
    # An existing database lends its planner's own items to the checks; a bad file
    # never creates a new database.
    workspace = _open(db_path) if isinstance(db_path, ServerUrl) or db_path.exists() else None
    snapshot = _read_plan_file(path, args.map, workspace.taxonomy() if workspace else None)
    if args.as_name:
        snapshot = replace(snapshot, plan=replace(snapshot.plan, name=args.as_name))
    workspace = workspace or _open(db_path)
    taxonomy = workspace.taxonomy()
    command = workspace.build(
        lambda conn: import_command(
            conn, snapshot, taxonomy, replace=args.replace, source=str(path)
        )
    )
    workspace.apply(command)
    assert command.plan_id is not None
    summary = plan_summary(workspace.snapshot(command.plan_id))
    print(
        f"Imported {summary['plan']!r} (id {command.plan_id}): {summary['lines']} lines, "
        f"total {summary['currency']} {summary['total']}"
    )
    return 0


def run_export(db_path: DbTarget, args: argparse.Namespace) -> int:
    workspace = _open(db_path)
    plan = workspace.find_plan(args.plan)
    assert plan.id is not None
    snapshot = workspace.snapshot(plan.id)
    if args.json is not None:
        plan_json.write_file(snapshot, args.json)
        target = args.json
    else:
        from app.io.xlsx import write_workbook
        from app.services.actuals import plan_actuals

        actuals = plan_actuals(workspace, plan.id)
        write_workbook(
            snapshot,
            workspace.catalogue(),
            args.xlsx,
            taxonomy=workspace.taxonomy(),
            actuals=actuals,
        )
        target = args.xlsx
    print(f"Wrote {target}")
    return 0


def run_pdf(db_path: DbTarget, args: argparse.Namespace) -> int:
    from app.io.pdf import SECTIONS, write_pack

    sections = None
    if args.sections:
        sections = [s.strip() for s in args.sections.split(",") if s.strip()]
        unknown = [s for s in sections if s not in SECTIONS]
        if unknown:
            raise BadInput(
                f"--sections: unknown section {unknown[0]!r} (known: {', '.join(SECTIONS)})"
            )
    workspace = _open(db_path)
    plan = workspace.find_plan(args.plan)
    assert plan.id is not None
    comparison = None
    if args.baseline is not None:
        from app.services.compare import compare
        from app.services.compare_sides import baseline_side, plan_side

        side_a = baseline_side(workspace, plan.id, args.baseline)
        comparison = compare(side_a, plan_side(workspace, plan.id))
    variance = None
    if args.variance:
        from app.services.actuals import plan_variance

        variance = plan_variance(workspace, plan.id)
    write_pack(
        workspace.snapshot(plan.id),
        workspace.catalogue(),
        args.out,
        paper=args.paper,
        sections=sections,
        redact_salaries=args.redact_salaries,
        taxonomy=workspace.taxonomy(),
        comparison=comparison,
        variance=variance,
    )
    print(f"Wrote {args.out}")
    return 0
