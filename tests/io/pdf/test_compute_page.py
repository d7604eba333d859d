"""The pack's compute and energy page: the sample's run and fleet, figure by figure."""

from __future__ import annotations

import json
from pathlib import Path

from app.io.compute_catalogue import grid_intensities
from app.io.pdf import write_pack
from tests.io.pdf.conftest import Sample
from tests.io.pdf.pdftools import text_pages


def test_the_page_lists_hours_energy_and_co2_of_each_line(sample: Sample) -> None:
    pages = text_pages(sample.pdf)
    page = next(p for p in pages if "Compute and energy" in p)
    fleet = next(row for row in page.splitlines() if "Inference: L40S fleet" in row)
    # 3 × 720 + 4 × 744 + 5 × 720 + 5 × 744 = 12,456 accelerator-hours × 0.35 kW × 1.2
    assert fleet.split()[-5:] == ["12,456.00", "5,231.520", "2,040.293", "1.2", "0.390"]
    run = next(row for row in page.splitlines() if "Final fine-tuning run" in row)
    assert run.split()[-5:] == ["3,276.79", "2,752.500", "1,073.475", "1.2", "0.390"]
    total = next(row for row in page.splitlines() if row.strip().startswith("Total"))
    assert total.split()[-2:] == ["7,984.020", "3,113.768"]
    assert "Grid 0.390 kg CO₂ per kWh" in page


def test_a_plan_without_compute_gets_a_note(sample: Sample, tmp_path: Path) -> None:
    from dataclasses import replace

    plain = replace(
        sample.snapshot,
        lines=tuple(
            ln for ln in sample.snapshot.lines if ln.cost_model not in ("training_run", "serving")
        ),
    )
    out = tmp_path / "plain.pdf"
    write_pack(plain, sample.catalogue, out, sections=["compute"])
    assert "No line sizes compute or carries power" in text_pages(out)[0]


def test_grid_picks_are_read_from_a_file_of_the_contract_shape(tmp_path: Path) -> None:
    path = tmp_path / "grid-intensity.json"
    path.write_text(
        json.dumps(
            {
                "format": "budgetwright-grid-intensity",
                "version": 1,
                "entries": [
                    {
                        "key": "us_average",
                        "region": "United States",
                        "kg_co2_per_kwh": "0.390",
                        "year": 2022,
                        "source": "EIA",
                        "as_of": "2023-10-01",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    (pick,) = grid_intensities(path)
    assert (pick.region, pick.kg_co2_per_kwh, pick.year) == ("United States", "0.390", 2022)
    assert grid_intensities(tmp_path / "absent.json") == []
