"""What a re-import preview calls a move: only lines whose order among the kept lines changed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app.services.reimport import describe_reimport
from app.services.workspace import Workspace


def test_removing_a_row_moves_no_other_line_and_a_swap_moves_two(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "r.db")
    current = ws.snapshot(1)
    lines = list(current.lines)

    without_third = replace(current, lines=tuple(lines[:2] + lines[3:]))
    preview = describe_reimport(current, without_third)
    assert [line.id for line in preview.removed] == [lines[2].id]
    assert preview.changed == ()

    swapped = lines[:]
    swapped[4], swapped[5] = swapped[5], swapped[4]
    preview = describe_reimport(current, replace(current, lines=tuple(swapped)))
    assert sorted(c.before.id for c in preview.changed) == sorted([lines[4].id, lines[5].id])
    assert all(c.fields == ("order",) for c in preview.changed)


def test_a_reimport_may_swap_phase_keys_or_reuse_a_removed_ones(tmp_path: Path) -> None:
    from app.domain.taxonomy import standard_taxonomy
    from app.services.reimport import ReimportPlan

    ws = Workspace.open(tmp_path / "k.db")
    current = ws.snapshot(1)
    research, development, *rest = current.phases
    swapped = replace(
        current,
        phases=(
            replace(research, key="development"),
            replace(development, key="research", depends_on=()),
            *rest,
        ),
    )
    command = ReimportPlan(1, swapped, standard_taxonomy())
    ws.apply(command)
    assert [p.key for p in ws.snapshot(1).phases][:2] == ["development", "research"]
    ws.revert(command)
    assert ws.snapshot(1) == current

    followers = tuple(
        replace(line, phase_id=None, dates_from_phase=False)
        if line.phase_id == development.id
        else line
        for line in current.lines
    )
    reused = replace(current, phases=(replace(research, key="development"), *rest), lines=followers)
    ws.apply(ReimportPlan(1, reused, standard_taxonomy()))
    assert [p.key for p in ws.snapshot(1).phases] == ["development", *[p.key for p in rest]]


def test_a_phase_added_at_the_top_moves_no_other_phase(tmp_path: Path) -> None:
    from app.domain.plan import Phase

    ws = Workspace.open(tmp_path / "p.db")
    current = ws.snapshot(1)
    first = current.phases[0]
    kickoff = Phase(None, 1, "kickoff", "Kick-off", first.start, first.start, 0, True)
    preview = describe_reimport(current, replace(current, phases=(kickoff, *current.phases)))
    assert [p.key for p in preview.phases_added] == ["kickoff"]
    assert preview.phases_changed == ()
    swapped = (current.phases[1], current.phases[0], *current.phases[2:])
    preview = describe_reimport(current, replace(current, phases=swapped))
    assert {p.key for p in preview.phases_changed} == {"research", "development"}
