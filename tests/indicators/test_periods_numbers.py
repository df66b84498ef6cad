import datetime as dt
from decimal import Decimal as D

import pytest

from indicators.numbers import NumberRefused, parse_number
from indicators.periods import Period, PeriodRefused, parse_period


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("month", "2024-03", Period("month", 2024, 3)),
        ("month", "202403", Period("month", 2024, 3)),
        ("month", 202403, Period("month", 2024, 3)),
        ("quarter", "2024 Q1", Period("quarter", 2024, 1)),
        ("quarter", "2024-kv2", Period("quarter", 2024, 2)),
        ("tertial", "2024 T3", Period("tertial", 2024, 3)),
        ("year", "2024", Period("year", 2024, 0)),
        ("year", 2024, Period("year", 2024, 0)),
        ("rolling12", "R12 2023-03", Period("rolling12", 2023, 3)),
        ("rolling12", "Rullande 12 mån 2023-03", Period("rolling12", 2023, 3)),
        ("rolling12", "2023-03", Period("rolling12", 2023, 3)),
    ],
)
def test_periods_as_people_write_them(kind, text, expected):
    assert parse_period(kind, text) == expected


@pytest.mark.parametrize(
    ("kind", "text"),
    [("month", "2024-13"), ("quarter", "2024 Q5"), ("tertial", "2024 T4"), ("year", "24"),
     ("month", ""), ("year", "1800")],
)  # fmt: skip
def test_refused_periods_say_what_was_written(kind, text):
    with pytest.raises(PeriodRefused) as err:
        parse_period(kind, text)
    assert f"”{text}”" in str(err.value)


def test_period_keys_and_labels():
    assert Period("rolling12", 2023, 3).key == "R12-2023-03"
    assert str(Period("rolling12", 2023, 3)) == "12 mån t.o.m. mar 2023"
    assert str(Period("quarter", 2024, 2)) == "2024 Q2"
    assert Period("month", 2024, 1) < Period("month", 2024, 2) < Period("month", 2025, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("73,69", (D("73.69"), False)),
        ("64%", (D("64"), True)),
        ("64 %", (D("64"), True)),
        ("3 460", (D("3460"), False)),
        ("3\u00a0460", (D("3460"), False)),
        ("\u22125", (D("-5"), False)),
        ("1100", (D("1100"), False)),
        ("1.5", (D("1.5"), False)),
        (42, (D("42"), False)),
        (0.64, (D("0.64"), False)),
    ],
)
def test_swedish_numbers(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "3 460 st", "1,2,3", "64 %%", True])
def test_refused_numbers_name_the_text(text):
    with pytest.raises(NumberRefused) as err:
        parse_number(text)
    assert str(text) in str(err.value)


@pytest.mark.parametrize(
    ("kind", "year", "number", "last"),
    [
        ("year", 2024, 0, dt.date(2024, 12, 31)),
        ("month", 2024, 2, dt.date(2024, 2, 29)),  # a leap year
        ("rolling12", 2023, 3, dt.date(2023, 3, 31)),
        ("quarter", 2024, 2, dt.date(2024, 6, 30)),
        ("tertial", 2024, 1, dt.date(2024, 4, 30)),
        ("tertial", 2024, 3, dt.date(2024, 12, 31)),
    ],
)
def test_the_last_day_of_a_period(kind, year, number, last):
    assert Period(kind, year, number).last_day == last
