"""Phase dates against the phases they wait for."""

from __future__ import annotations

from datetime import date

from app.domain.plan import Phase
from app.services.phase_fields import early_start

RESEARCH = Phase(1, 1, "research", "Research", date(2027, 1, 1), date(2027, 2, 28), 0)


def _build(start: date) -> Phase:
    return Phase(2, 1, "build", "Build", start, date(2027, 6, 30), 1, depends_on=("research",))


def test_a_phase_may_start_the_day_after_the_one_it_waits_for_ends() -> None:
    assert early_start(_build(date(2027, 3, 1)), [RESEARCH]) == ""


def test_starting_on_or_before_that_end_is_said() -> None:
    build = _build(date(2027, 2, 28))
    assert early_start(build, [RESEARCH]) == "starts 2027-02-28, before Research ends (2027-02-28)"


def test_a_phase_without_dependencies_is_never_early() -> None:
    assert early_start(RESEARCH, [RESEARCH]) == ""
