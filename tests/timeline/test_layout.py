"""The timeline layout: one row per line, groups that span what they hold, flags, arrows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import InvalidValue
from app.domain.plan import CostModel, Phase, PlanSnapshot
from app.io.pdf import with_line_ids, write_pack
from app.services.timeline_layout import RowKind, layout, with_new_dates
from app.services.timeline_moves import move_text, moved_line, moved_phase, snapped
from tests.factories import line, plan
from tests.io.pdf.pdftools import text_pages
from tests.strategies import snapshots


@settings(max_examples=40, deadline=None)
@given(snapshots(max_lines=15))
def test_every_line_has_one_row_inside_groups_that_span_it(snapshot: PlanSnapshot) -> None:
    snap = with_line_ids(snapshot)
    shape = layout(snap.plan, snap.phases, snap.lines)
    line_rows = [r for r in shape.rows if r.kind is RowKind.LINE]
    assert sorted(r.item_id for r in line_rows) == sorted(ln.id for ln in snap.lines)
    groups = []
    for row in shape.rows:
        while groups and groups[-1].depth >= row.depth:
            groups.pop()
        for group in groups:
            if row.start is not None:
                assert group.start <= row.start and row.end <= group.end
        if row.kind is RowKind.GROUP:
            groups.append(row)
    assert shape.first <= min((ln.start for ln in snap.lines), default=shape.first)
    assert shape.last >= max((ln.end for ln in snap.lines), default=shape.last)
    hidden = {ln.id for ln in snap.lines[::2]}
    fewer = layout(snap.plan, snap.phases, snap.lines, collapsed={"phases"}, hidden=hidden)
    kept = {r.item_id for r in fewer.rows if r.kind is RowKind.LINE}
    assert kept == {ln.id for ln in snap.lines} - hidden
    assert not any(r.kind is RowKind.PHASE for r in fewer.rows)


def test_outside_lines_and_early_phases_are_flagged_and_arrows_join_phases() -> None:
    p = plan()
    research = Phase(1, 1, "research", "Research", date(2027, 1, 1), date(2027, 3, 31), 0)
    build = Phase(
        2, 1, "build", "Build", date(2027, 3, 1), date(2027, 6, 30), 1, True, ("research",)
    )
    inside = line(
        CostModel.ONE_TIME, date(2027, 2, 1), date(2027, 2, 1), 1, quantity="1", unit_cost="5"
    )
    beyond = replace(inside, id=2, name="Beyond", end=date(2028, 2, 1), phase_id=2)
    shape = layout(p, [build, research], [inside, beyond], str.upper)
    keys = [r.key for r in shape.rows]
    assert keys[:3] == ["phases", "phase:1", "phase:2"]
    rows = {r.key: r for r in shape.rows}
    assert rows["phase:2"].flag.startswith("starts 2027-03-01, before Research ends")
    assert rows["phase:2"].milestone
    assert rows["line:2"].flag and not rows["line:1"].flag
    assert rows[f"cat:{inside.category}"].label == inside.category.upper()
    assert rows[f"cat:{inside.category}:phase:2"].label == "Build"
    assert rows[f"cat:{inside.category}:phase:0"].label == "No phase"
    [arrow] = shape.arrows
    assert (arrow.source, arrow.target, arrow.late) == (1, 2, True)
    assert shape.last == date(2028, 2, 1)


def test_moves_check_and_name_themselves() -> None:
    one = line(
        CostModel.ONE_TIME, date(2027, 2, 1), date(2027, 2, 10), 1, quantity="1", unit_cost="5"
    )
    assert moved_line(one, 3, 3).start == date(2027, 2, 4)
    assert moved_line(one, 0, -9).end == date(2027, 2, 1)
    with pytest.raises(InvalidValue):
        moved_line(one, 0, -10)
    with pytest.raises(InvalidValue, match="takes its dates from the phase Build"):
        moved_line(replace(one, dates_from_phase=True, phase_id=2), 1, 1, "Build")
    research = Phase(1, 1, "research", "Research", date(2027, 1, 1), date(2027, 3, 31), 0)
    assert moved_phase(research, 7, 7, [research]).end == date(2027, 4, 7)
    assert snapped(9.6, 1) == 10 and snapped(9.6, 7) == 7
    assert move_text("line", "GPUs", 3, 3) == "Move line GPUs by +3 days"
    assert move_text("line", "GPUs", 0, -1) == "Move end of GPUs by -1 day"


def test_the_pdf_timeline_lists_rows_in_the_layouts_order(tmp_path: Path) -> None:
    p = replace(plan(), id=1)
    research = Phase(1, 1, "research", "Research", date(2027, 1, 1), date(2027, 3, 31), 0)
    lines = [
        replace(
            line(
                CostModel.ONE_TIME,
                date(2027, 1, 1) + timedelta(days=9 * i),
                date(2027, 6, 1),
                i + 1,
                quantity="1",
                unit_cost="5",
            ),
            name=f"Row {i:02d} name",
            category=("data" if i % 3 else "computing"),
            phase_id=1 if i % 2 else None,
            position=i,
        )
        for i in range(12)
    ]
    lines = [
        replace(ln, section="training_data", item="volume_requirements")
        if ln.category == "data"
        else replace(ln, section="cloud", item="aws_gcp_azure_options")
        for ln in lines
    ]
    snap = PlanSnapshot(p, (research,), tuple(lines))
    out = tmp_path / "pack.pdf"
    write_pack(snap, [], out, sections=["timeline"])
    printed = [w for page in text_pages(out) for w in page.split() if w.isdigit() and len(w) == 2]
    shape = layout(p, snap.phases, lines)
    expected = [r.label.split()[1] for r in shape.rows if r.kind is RowKind.LINE]
    assert printed == expected


@settings(max_examples=40, deadline=None)
@given(snapshots(max_lines=15), st.lists(st.tuples(st.integers(0, 14), st.integers(-40, 40))))
def test_moving_lines_in_place_gives_the_layout_made_afresh(
    snapshot: PlanSnapshot, moves: list[tuple[int, int]]
) -> None:
    snap = with_line_ids(snapshot)
    lines = list(snap.lines)
    moved = {}
    for which, days in moves:
        if which < len(lines):
            old = lines[which]
            lines[which] = replace(
                old, start=old.start + timedelta(days), end=old.end + timedelta(days)
            )
            moved[which] = lines[which]
    before = layout(snap.plan, snap.phases, snap.lines)
    patched = with_new_dates(before, snap.plan, moved.values())
    assert patched.rows == layout(snap.plan, snap.phases, lines).rows
