"""The tray's one rule, for activities (with a lane) and milestones (without)."""

from types import SimpleNamespace

from django.db.models import Q

from roadmap.querysets import in_tray

PLAN = SimpleNamespace(first_year=2025, last_year=2029)


def test_milestones_tray_is_unplaced_or_outside_the_years():
    assert in_tray(PLAN, year="year", quarter="quarter") == (
        Q(year__isnull=True) | Q(quarter__isnull=True) | Q(year__lt=2025) | Q(year__gt=2029)
    )


def test_activities_tray_also_takes_those_without_a_lane():
    assert in_tray(PLAN, year="start_year", quarter="start_quarter", lane="lane") == (
        Q(start_year__isnull=True)
        | Q(start_quarter__isnull=True)
        | Q(lane__isnull=True)
        | Q(start_year__lt=2025)
        | Q(start_year__gt=2029)
    )
