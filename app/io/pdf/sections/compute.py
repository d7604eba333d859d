"""Compute and energy: accelerator-hours, kWh and CO₂ by line, with the PUE and grid
intensity each line uses and where they come from (DESIGN.md "Energy and CO₂")."""

from __future__ import annotations

from fractions import Fraction

from reportlab.platypus import Flowable

from app.domain.plan import CostModel, Line
from app.engine.compute import ENERGY_MODELS, round_places, unit_hours
from app.io.compute_catalogue import GridIntensity, grid_intensities
from app.io.pdf.flow import heading, text
from app.io.pdf.pack import Pack
from app.io.pdf.styles import make_styles
from app.io.pdf.tables import Column, PagedTable, make_row

COMPUTE = (CostModel.TRAINING_RUN, CostModel.SERVING)


def _shown(line: Line) -> bool:
    return line.cost_model in COMPUTE or (
        line.cost_model in ENERGY_MODELS and "power_watts" in line.drivers
    )


def _figure(value: Fraction, places: int) -> str:
    return f"{round_places(value, places):,}"


def _grid_source(value: str, picks: list[GridIntensity]) -> str:
    for pick in picks:
        if Fraction(pick.kg_co2_per_kwh) == Fraction(value):
            return f"{pick.region} {pick.year} ({pick.source})"
    return "the planner's value (see the line's notes)"


def flowables(pack: Pack) -> list[Flowable]:
    styles = make_styles()
    story: list[Flowable] = [*heading("Compute and energy", styles.h1)]
    lines = [line for line in pack.snapshot.lines if _shown(line) and not pack.withheld(line)]
    if not lines:
        story.append(
            text(
                "No line sizes compute or carries power: training runs, serving and usage"
                " lines with power_watts appear here with their energy and CO₂.",
                styles.note,
            )
        )
        return story
    w = pack.page.frame_width
    cols = [
        Column("Line", w - 330),
        Column("Unit-hours", 75, numeric=True),
        Column("kWh", 75, numeric=True),
        Column("CO₂ kg", 70, numeric=True),
        Column("PUE", 40, numeric=True),
        Column("Grid kg/kWh", 70, numeric=True),
    ]
    rows = []
    total_kwh, total_co2 = Fraction(0), Fraction(0)
    grids: dict[str, None] = {}
    for line in lines:
        assert line.id is not None
        hours = unit_hours(line)
        kwh, co2 = pack.budget.line_energy(line.id)
        total_kwh += kwh
        total_co2 += co2
        powered = "power_watts" in line.drivers
        pue = line.drivers.get("pue", "1") if powered else "–"
        grid = line.drivers.get("grid_kgco2_per_kwh", "0") if powered else "–"
        if powered:
            grids.setdefault(grid, None)
        watts = f", {line.drivers['power_watts']} W" if powered else ", no power given"
        rows.append(
            make_row(
                [
                    f"{line.name}\n{pack.label(line.category)} · {line.cost_model.value}{watts}",
                    _figure(hours, 2),
                    _figure(kwh, 3) if powered else "–",
                    _figure(co2, 3) if powered else "–",
                    pue,
                    grid,
                ],
                cols,
            )
        )
    rows.append(
        make_row(["Total", "", _figure(total_kwh, 3), _figure(total_co2, 3)], cols, "total")
    )
    story.append(PagedTable(cols, rows))
    picks = grid_intensities()
    notes = [
        "Unit-hours: accelerator-hours of training runs and serving, unit-hours of usage lines."
        " kWh = unit-hours × watts ÷ 1000 × PUE; CO₂ = kWh × grid intensity. Sums are exact;"
        " figures are rounded half-up to 0.001.",
        *(f"Grid {g} kg CO₂ per kWh: {_grid_source(g, picks)}." for g in grids),
        "PUE and power: as entered on each line; the sources are in the line's notes"
        " and, for accelerators, the catalogue's datasheet figures.",
    ]
    short = [ln.name for ln in lines if ln.id in pack.budget.short_windows]
    if short:
        notes.append("Fixed dates shorter than the compute needs: " + ", ".join(short) + ".")
    story += [text(n, styles.note) for n in notes]
    return story
