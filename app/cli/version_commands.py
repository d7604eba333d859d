"""What ``scenario``, ``baseline``, ``baselines`` and ``compare`` do."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from typing import Any

from app.domain.taxonomy import Taxonomy
from app.paths import DbTarget
from app.services.compare import Side, compare
from app.services.versions import (
    CreateScenario,
    baseline_snapshot,
    line_origins,
    list_baselines,
    save_baseline,
)
from app.services.workspace import Workspace


def run(db_path: DbTarget, args: argparse.Namespace) -> int:
    workspace = Workspace.open(db_path)
    try:
        return int(globals()[f"_run_{args.command}"](workspace, args))
    finally:
        workspace.close()


def _plan_id(workspace: Workspace, name: str) -> int:
    plan = workspace.find_plan(name)
    assert plan.id is not None
    return plan.id


def _run_scenario(workspace: Workspace, args: argparse.Namespace) -> int:
    source = workspace.find_plan(args.plan)
    assert source.id is not None
    command = CreateScenario(source.id, args.name)
    workspace.apply(command)
    print(
        f"Created scenario {args.name!r} (id {command.plan_id}) from {source.name!r}: "
        f"{len(command.origins)} lines"
    )
    return 0


def _run_baseline(workspace: Workspace, args: argparse.Namespace) -> int:
    plan = workspace.find_plan(args.plan)
    assert plan.id is not None
    saved = save_baseline(workspace, plan.id, args.name)
    print(
        f"Saved baseline {saved.name!r} of {plan.name!r} at {saved.created_at}: "
        f"total {saved.currency} {saved.total}"
    )
    return 0


def _run_baselines(workspace: Workspace, args: argparse.Namespace) -> int:
    plan = workspace.find_plan(args.plan)
    assert plan.id is not None
    found = list_baselines(workspace, plan.id)
    if args.json:
        listed = [
            {
                "name": b.name,
                "created_at": b.created_at,
                "currency": b.currency,
                "subtotal": b.subtotal,
                "contingency": b.contingency,
                "total": b.total,
            }
            for b in found
        ]
        print(json.dumps({"plan": plan.name, "baselines": listed}, ensure_ascii=False, indent=2))
        return 0
    if not found:
        print(f"{plan.name}: no baselines yet.")
    for b in found:
        print(f"{b.created_at}  {b.name}  total {b.currency} {Decimal(b.total):,}")
    return 0


def _run_compare(workspace: Workspace, args: argparse.Namespace) -> int:
    if args.baseline is not None:
        plan_id = _plan_id(workspace, args.a)
        snap = workspace.snapshot(plan_id)
        side_a = Side(args.baseline, baseline_snapshot(workspace, plan_id, args.baseline))
        side_b = Side(snap.plan.name, snap, line_origins(workspace, plan_id))
    else:
        ids = _plan_id(workspace, args.a), _plan_id(workspace, args.b)
        snaps = [workspace.snapshot(i) for i in ids]
        side_a, side_b = (
            Side(s.plan.name, s, line_origins(workspace, i))
            for s, i in zip(snaps, ids, strict=True)
        )
    result = compare(side_a, side_b)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(compare_text(result, workspace.taxonomy()))
    return 0


def compare_text(result: dict[str, Any], taxonomy: Taxonomy) -> str:
    """The compare object as a short report for a terminal."""
    rows = [(taxonomy.label(key), v) for key, v in result["by_category"].items()]
    rows += [("Subtotal", result["subtotal"]), ("Total", result["total"])]
    cells = [(label, *(f"{Decimal(v[k]):,}" for k in ("a", "b", "delta"))) for label, v in rows]
    widths = [max(len(c[i]) for c in [*cells, ("", "a", "b", "delta")]) for i in range(4)]
    out = [
        f"a: {result['a']}",
        f"b: {result['b']}",
        f"amounts in {result['currency']}, delta = b - a",
        "",
        "  ".join(
            h.rjust(w) if i else h.ljust(w)
            for i, (h, w) in enumerate(zip(("", "a", "b", "delta"), widths, strict=True))
        ),
    ]
    for row in cells:
        out.append(
            "  ".join(
                c.rjust(w) if i else c.ljust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    lines = result["lines"]
    out.append("")
    out.append(
        f"Lines: {len(lines['added'])} added, {len(lines['removed'])} removed, "
        f"{len(lines['changed'])} changed"
    )
    for line in lines["added"]:
        out.append(
            f"  + {line['name']} ({taxonomy.label(line['category'])}): {Decimal(line['b']):,}"
        )
    for line in lines["removed"]:
        out.append(
            f"  - {line['name']} ({taxonomy.label(line['category'])}): {Decimal(line['a']):,}"
        )
    for line in lines["changed"]:
        out.append(
            f"  ~ {line['name']} ({taxonomy.label(line['category'])}): {Decimal(line['a']):,} -> "
            f"{Decimal(line['b']):,} ({Decimal(line['delta']):+,})"
        )
    return "\n".join(out)
