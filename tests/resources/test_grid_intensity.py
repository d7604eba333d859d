"""The shipped grid carbon intensities: plausible figures, each with a public source and its year."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from app.io.compute_catalogue import grid_intensities
from app.paths import resource
from tests.resources.test_catalogue_provenance import as_of_problem, source_problems


def raw() -> dict[str, object]:
    data: dict[str, object] = json.loads(
        resource("grid-intensity.json").read_text(encoding="utf-8")
    )
    return data


def test_the_file_has_its_format_and_ten_to_twenty_regions() -> None:
    data = raw()
    assert (data["format"], data["version"]) == ("budgetwright-grid-intensity", 1)
    entries = data["entries"]
    assert isinstance(entries, list) and 10 <= len(entries) <= 20
    for e in entries:
        assert set(e) == {"key", "region", "kg_co2_per_kwh", "year", "source", "as_of"}
        assert isinstance(e["kg_co2_per_kwh"], str), e["key"]


def test_every_region_has_a_public_source_a_year_and_a_date() -> None:
    for g in grid_intensities():
        assert source_problems(g.source) == [], g.key
        assert "https://" in g.source or "Statista" in g.source, g.key
        assert 2015 <= g.year <= date.today().year, g.key
        assert as_of_problem(g.as_of) is None, g.key
        assert int(g.as_of[:4]) >= g.year, g.key


def test_intensities_are_plausible_and_keys_unique() -> None:
    grids = grid_intensities()
    assert len({g.key for g in grids}) == len(grids)
    for g in grids:
        # from hydro- and nuclear-heavy grids to coal-heavy ones
        assert Decimal("0.005") <= Decimal(g.kg_co2_per_kwh) <= Decimal("1.2"), g.key
    by_key = {g.key: g for g in grids}
    assert {"us_average", "eu27_average", "world_average"} <= set(by_key)
    assert Decimal(by_key["france"].kg_co2_per_kwh) < Decimal(by_key["germany"].kg_co2_per_kwh)
