"""A workbook edited by a finance partner comes back into the plan it was exported from:
the preview says what changes, the update keeps ids, and undo restores the plan."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from app.cli.main import main
from app.io.xlsx import read_workbook, write_workbook
from app.services.plan_commands import EditPlan, ImportPlan
from app.services.reimport import ReimportPlan, describe_reimport, import_command
from app.services.workspace import Workspace
from tests.io.xlsx.facts import facts

SAMPLE = "Support assistant: fine-tune and serve"


def export_sample(workspace: Workspace, path: Path) -> int:
    plan = workspace.find_plan(SAMPLE)
    assert plan.id is not None
    write_workbook(workspace.snapshot(plan.id), workspace.catalogue(), path)
    return plan.id


def edit(path: Path) -> None:
    """More GPUs, one line deleted, one line typed in, a phase renamed, a new contingency."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Computing Resources"]
    col = {c.value: c.column for c in ws[2]}
    ws.cell(3, col["Quantity"]).value = 9
    ws.delete_rows(7)  # Kubernetes control plane
    new = ws.max_row + 1
    for header, value in {
        "Line": "Spare GPU node",
        "Section": "Cloud Resources",
        "Item": "AWS/GCP/Azure Options",
        "Cost model": "One-time",
        "Dates from phase": False,
        "Start": date(2027, 5, 1),
        "End": date(2027, 5, 1),
        "Quantity": 1,
        "Unit cost": 1500,
    }.items():
        ws.cell(new, col[header]).value = value
    wb["Phases"]["B3"].value = "Discovery"
    wb["Summary"]["B8"].value = 0.125
    wb.save(path)


def test_the_preview_names_what_a_reimport_changes(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "Budget.xlsx"
    plan_id = export_sample(workspace, path)
    edit(path)
    preview = describe_reimport(workspace.snapshot(plan_id), read_workbook(path))
    assert preview.plan_fields == ("contingency_pct",)
    assert [line.name for line in preview.added] == ["Spare GPU node"]
    assert [line.name for line in preview.removed] == ["Kubernetes control plane and gateways"]
    changed = {c.after.name: c.fields for c in preview.changed}
    assert changed["Fine-tuning cluster: 8x H100 SXM"] == ("drivers",)
    assert [p.name for p in preview.phases_changed] == ["Discovery"]
    assert not preview.phases_added and not preview.phases_removed


def test_reimport_updates_the_plan_in_place_and_undo_restores_it(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "Budget.xlsx"
    plan_id = export_sample(workspace, path)
    before = workspace.snapshot(plan_id)
    edit(path)
    incoming = read_workbook(path)
    command = workspace.build(
        lambda c: import_command(c, incoming, workspace.taxonomy(), replace=True)
    )
    assert isinstance(command, ReimportPlan)
    changes = workspace.apply(command)
    after = workspace.snapshot(plan_id)
    assert changes.plan_ids == {plan_id}
    assert str(after.plan.contingency_pct) == "12.5"
    ids = {line.name: line.id for line in after.lines}
    assert ids["Fine-tuning cluster: 8x H100 SXM"] == before.lines[0].id, "ids are kept"
    assert after.lines[0].drivers["quantity"] == "9"
    assert "Kubernetes control plane and gateways" not in ids
    assert "Spare GPU node" in ids
    assert after.phases[0].name == "Discovery" and after.phases[0].id == before.phases[0].id
    assert facts(read_workbook(path)) == facts(after), "the plan now is what the workbook says"
    workspace.revert(command)
    assert workspace.snapshot(plan_id) == before


def test_an_unchanged_workbook_changes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "Budget.xlsx"
    plan_id = export_sample(workspace, path)
    assert describe_reimport(workspace.snapshot(plan_id), read_workbook(path)).unchanged


def test_a_workbook_from_another_database_is_imported_by_name(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "Budget.xlsx"
    export_sample(workspace, path)
    other = Workspace.open(tmp_path / "other.db")
    try:
        # The other database's sample plan has the same id, but was created another day.
        twin = other.find_plan(SAMPLE)
        assert twin.id is not None
        other.apply(EditPlan(twin.id, created_at="2026-01-02T03:04:05+00:00"))
        incoming = read_workbook(path)
        command = other.build(lambda c: import_command(c, incoming, other.taxonomy(), replace=True))
        assert isinstance(command, ImportPlan), "same id, different creation stamp: not the source"
    finally:
        other.close()


def test_the_command_line_imports_a_workbook_as_a_new_plan(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = workspace.path
    export_status = main(
        ["--db", str(db), "export", SAMPLE, "--xlsx", str(tmp_path / "Budget.xlsx")]
    )
    assert export_status == 0
    capsys.readouterr()
    status = main(["--db", str(db), "import", str(tmp_path / "Budget.xlsx"), "--as", "Copy"])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "Imported 'Copy'" in out and "total USD 1357795.26" in out
    copy = workspace.find_plan("Copy")
    original = workspace.find_plan(SAMPLE)
    assert copy.id is not None and original.id is not None
    mine, theirs = facts(workspace.snapshot(copy.id)), facts(workspace.snapshot(original.id))
    assert mine["lines"] == theirs["lines"] and mine["phases"] == theirs["phases"]
