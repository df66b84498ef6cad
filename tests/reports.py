"""A report built in memory, for the tests of what is read or drawn from one
without a database (the map's layout, the timeline, the running head, the
frozen report's JSON)."""

import datetime as dt

from review.report import Report


def report_of(**fields) -> Report:
    """An empty plan's report, 2024–2029, on 1 May 2024; `fields` give what the test is about."""
    return Report(
        **{
            "plan_id": 1,
            "plan_name": "P",
            "organisation": "",
            "version": "",
            "day": dt.date(2024, 5, 1),
            "first_year": 2024,
            "last_year": 2029,
            "goals": [],
            "lanes": [],
            "activities": [],
            "milestones": [],
            **fields,
        }
    )
