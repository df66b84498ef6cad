"""When a round's reminders go out. Pure: plain dates in, a kind out.

A mail at opening, one a few days before the due date and one on the due
date. The timer asks each day which kind is current; a kind already sent
to an owner is never sent again (see rounds.mail), so running it twice a
day, or late, sends nothing twice.
"""

from __future__ import annotations

import datetime as dt

OPENING = "opening"
BEFORE_DUE = "before_due"
DUE = "due"
DAYS_BEFORE = 3


def reminder_kind(
    *, today: dt.date, opened_on: dt.date, due: dt.date, days_before: int = DAYS_BEFORE
) -> str | None:
    """The reminder that is current on `today`, or None when none is.

    A round opened inside the "before" window (or on the due date) already
    got its opening mail there, so the window's own mail is skipped.
    """
    window = due - dt.timedelta(days=days_before)
    if today >= due:
        return DUE if opened_on < due else None
    if today >= window:
        return BEFORE_DUE if opened_on < window else None
    return OPENING


def reminder_dates(
    *, opened_on: dt.date, due: dt.date, days_before: int = DAYS_BEFORE
) -> list[tuple[str, dt.date]]:
    """The days each reminder goes out, for the round's page."""
    window = due - dt.timedelta(days=days_before)
    dates = [(OPENING, opened_on)]
    if opened_on < window:
        dates.append((BEFORE_DUE, window))
    if opened_on < due:
        dates.append((DUE, due))
    return dates
