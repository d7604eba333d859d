"""The dense month sums add and take away runs of cells exactly as a dict would."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from app.engine.line_costs import largest_remainder
from app.engine.month_sums import MonthSums

runs = st.lists(
    st.tuples(
        st.integers(min_value=24_000, max_value=24_400),
        st.lists(st.integers(min_value=-(10**15), max_value=10**15), max_size=70).map(tuple),
        st.sampled_from([1, -1]),
    ),
    max_size=30,
)


@given(runs)
def test_month_sums_match_a_dict_of_months(cells: list[tuple[int, tuple[int, ...], int]]) -> None:
    sums, expected = MonthSums(), Counter[int]()
    for first, amounts, sign in cells:
        sums.add(first, amounts, sign)
        for month, amount in enumerate(amounts, first):
            expected[month] += sign * amount
    assert dict(sums.items()) == {m: a for m, a in expected.items() if a}
    assert all(sums.get(m) == a for m, a in expected.items())


def test_largest_remainder_gives_ties_to_the_earlier_month() -> None:
    assert largest_remainder(10, [1, 1, 1]) == [4, 3, 3]
    assert largest_remainder(2, [1, 2, 1, 2]) == [0, 1, 0, 1]
    assert largest_remainder(7, [31]) == [7]
