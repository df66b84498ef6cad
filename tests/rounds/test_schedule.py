"""When reminders go out: a pure function of dates, no database."""

import datetime as dt

import pytest

from rounds.models import ReminderKind
from rounds.schedule import BEFORE_DUE, DUE, OPENING, reminder_dates, reminder_kind

OPENED = dt.date(2024, 4, 2)
DUE_DAY = dt.date(2024, 4, 15)


@pytest.mark.parametrize(
    ("today", "kind"),
    [
        (dt.date(2024, 4, 2), OPENING),
        (dt.date(2024, 4, 11), OPENING),
        (dt.date(2024, 4, 12), BEFORE_DUE),
        (dt.date(2024, 4, 14), BEFORE_DUE),
        (dt.date(2024, 4, 15), DUE),
        (dt.date(2024, 4, 20), DUE),
    ],
)
def test_the_current_reminder_by_day(today, kind):
    assert reminder_kind(today=today, opened_on=OPENED, due=DUE_DAY) == kind


def test_a_round_opened_inside_the_window_skips_the_before_mail():
    opened = dt.date(2024, 4, 13)
    assert reminder_kind(today=dt.date(2024, 4, 13), opened_on=opened, due=DUE_DAY) is None
    assert reminder_kind(today=dt.date(2024, 4, 15), opened_on=opened, due=DUE_DAY) == DUE
    assert reminder_dates(opened_on=opened, due=DUE_DAY) == [
        (OPENING, opened),
        (DUE, DUE_DAY),
    ]


def test_a_round_opened_on_its_due_day_sends_only_the_opening_mail():
    assert reminder_kind(today=DUE_DAY, opened_on=DUE_DAY, due=DUE_DAY) is None
    assert reminder_dates(opened_on=DUE_DAY, due=DUE_DAY) == [(OPENING, DUE_DAY)]


def test_all_three_dates_and_the_model_kinds_agree():
    assert reminder_dates(opened_on=OPENED, due=DUE_DAY) == [
        (OPENING, OPENED),
        (BEFORE_DUE, dt.date(2024, 4, 12)),
        (DUE, DUE_DAY),
    ]
    assert {OPENING, BEFORE_DUE, DUE} < set(ReminderKind.values)
