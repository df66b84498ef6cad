import datetime as dt

import pytest

from core.quarters import Quarter, optional_quarter, quarters_between


def test_index_runs_across_years():
    assert Quarter(2025, 1) - Quarter(2024, 4) == 1
    assert Quarter(2024, 3) + 2 == Quarter(2025, 1)


def test_dates_of_a_quarter():
    q = Quarter(2024, 2)
    assert q.first_day == dt.date(2024, 4, 1)
    assert q.last_day == dt.date(2024, 6, 30)
    assert Quarter.of_date(dt.date(2024, 12, 31)) == Quarter(2024, 4)


def test_quarter_out_of_range_is_refused():
    with pytest.raises(ValueError):
        Quarter(2024, 5)


def test_helpers():
    assert len(quarters_between(2024, 2029)) == 24
    assert optional_quarter(2024, None) is None
    assert str(Quarter(2025, 2)) == "2025 Q2"
