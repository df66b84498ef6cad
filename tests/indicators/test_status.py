"""The status rule: one pure function, every branch."""

from decimal import Decimal as D

import pytest

from indicators import status
from indicators.status import applicable_target, indicator_status


def verdict(direction, latest, year=2024, yearly=None, final=None):
    return indicator_status(
        direction=direction,
        latest=None if latest is None else D(latest),
        latest_year=year,
        yearly_targets={y: D(v) for y, v in (yearly or {}).items()},
        final_target=None if final is None else D(final),
    )


def test_no_target_whatever_the_value():
    assert verdict("higher", "64").status == status.NO_TARGET
    assert verdict("higher", None).status == status.NO_TARGET


def test_a_target_without_a_value_is_no_value_yet():
    v = verdict("lower", None, year=None, final="1100")
    assert (v.status, v.target) == (status.NO_VALUE, D("1100"))


@pytest.mark.parametrize(
    ("direction", "latest", "expected"),
    [
        ("lower", "1100", status.ON_TRACK),  # exactly met
        ("lower", "1000", status.ON_TRACK),  # better than met
        ("lower", "1210", status.AT_RISK),  # 10 % over: still at risk
        ("lower", "1211", status.OFF_TRACK),
        ("higher", "1100", status.ON_TRACK),
        ("higher", "990", status.AT_RISK),
        ("higher", "989", status.OFF_TRACK),
    ],
)
def test_direction_and_margin(direction, latest, expected):
    assert verdict(direction, latest, final="1100").status == expected


def test_gap_is_the_share_short_of_the_target():
    assert verdict("higher", "80", final="100").gap == D("0.2")
    assert verdict("higher", "120", final="100").gap == D(0)


def test_the_target_of_the_values_year_comes_before_the_final_one():
    # 2024's target is 50: 48 is at risk there, though far from the final 100.
    assert verdict("higher", "48", 2024, {2024: "50"}, final="100").status == status.AT_RISK
    assert applicable_target(2024, {2024: D(50)}, D(100)) == D(50)


def test_without_its_years_target_the_nearest_later_one_counts():
    assert applicable_target(2024, {2023: D(1), 2026: D(60), 2028: D(80)}, D(100)) == D(60)
    assert applicable_target(2029, {2026: D(60)}, D(100)) == D(100)
    assert applicable_target(2029, {2026: D(60)}, None) is None


def test_a_zero_target_never_divides_by_zero():
    assert verdict("lower", "3", final="0").status == status.OFF_TRACK


def test_every_status_has_a_label_and_a_symbol():
    for key in status.ORDER:
        assert status.LABELS[key] and status.SYMBOLS[key]


@pytest.mark.parametrize(
    ("direction", "latest", "previous", "expected"),
    [
        ("higher", "5", "4", status.BETTER),
        ("higher", "3", "4", status.WORSE),
        ("lower", "3", "4", status.BETTER),
        ("lower", "5", "4", status.WORSE),
        ("lower", "4", "4", status.SAME),
        ("lower", "4", None, ""),
        ("lower", None, "4", ""),
    ],
)
def test_trend_follows_the_direction(direction, latest, previous, expected):
    as_d = lambda x: None if x is None else D(x)  # noqa: E731
    assert status.trend(direction, as_d(latest), as_d(previous)) == expected
