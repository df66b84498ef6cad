"""Hypothesis: whatever the workbook holds, the parser returns or refuses, nothing else."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from staffing.parser import StaffingRefused, parse_staffing_bytes, parse_staffing_workbook
from tests.staffing.builders import pivot_bytes

WORDS = [
    "Radetiketter",
    "Row Labels",
    "Totalsumma",
    "Grand Total",
    "Basenhet",
    "Förvaltning",
    "Summan av Antal",
    "Kolumnetiketter",
    "(tom)",
    "(blank)",
    "All",
    "1722100 Akuten",
    "1722100",
    "10(5)",
    "18(7)",
    "2024 (tom 11 april)",
    "202103",
    "2021-03",
    "ca 40",
    " 1 234 ",
]
cell_values = st.one_of(
    st.none(),
    st.sampled_from(WORDS),
    st.integers(min_value=-10, max_value=210_000),
    st.floats(allow_nan=True, allow_infinity=False, width=32),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.text(max_size=12).filter(lambda s: not any(ord(c) < 32 for c in s)),
)
grids = st.lists(st.lists(cell_values, max_size=7), max_size=14)


def _check(call):
    try:
        parsed = call()
    except StaffingRefused as err:
        assert err.problems and all(isinstance(p, str) and p for p in err.problems)
    else:
        assert parsed.unit_count >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheets=st.lists(grids, min_size=1, max_size=2))
def test_any_grid_parses_or_is_refused(sheets):
    wb = Workbook()
    wb.remove(wb.active)
    for n, grid in enumerate(sheets):
        ws = wb.create_sheet(f"Blad{n + 1}")
        for r, row in enumerate(grid, start=1):
            for c, value in enumerate(row, start=1):
                ws.cell(r, c, value)
    _check(lambda: parse_staffing_workbook(wb))


SEED = pivot_bytes()


@settings(max_examples=150, deadline=None)
@given(
    cuts=st.lists(st.tuples(st.integers(0, len(SEED) - 1), st.binary(max_size=8)), max_size=4),
    length=st.integers(0, len(SEED)),
)
def test_damaged_bytes_parse_or_are_refused(cuts, length):
    data = bytearray(SEED[:length])
    for at, junk in cuts:
        data[at : at + len(junk)] = junk
    _check(lambda: parse_staffing_bytes(bytes(data)))


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_are_refused(data):
    # 300 random bytes are never a workbook: a refusal, saying why, is the only answer.
    with pytest.raises(StaffingRefused) as refused:
        parse_staffing_bytes(data)
    assert refused.value.problems and all(isinstance(p, str) and p for p in refused.value.problems)
