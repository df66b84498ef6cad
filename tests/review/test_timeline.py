import datetime as dt

import pytest
from django.urls import reverse

from activities.changes import ItemState
from review.report import GoalInfo, MeetingInfo, Report
from review.timeline import bars, timeline_figure
from tests.factories import ActivityFactory, PlanFactory, analyst


def make_report(**kwargs):
    base = dict(
        plan_id=1,
        plan_name="Plan",
        organisation="",
        version="",
        day=dt.date(2024, 5, 1),
        first_year=2024,
        last_year=2026,
        goals=[
            GoalInfo("Stad 1", "Utveckling", "#1b6ca8"),
            GoalInfo("Stad 3", "Förutsättningar", "#b45309"),
        ],
        lanes=["Verksamhetsutveckling", "IT/Teknisk utveckling"],
        activities=[
            ItemState(
                "activity",
                1,
                "Närakut Köping",
                1,
                "Verksamhetsutveckling",
                2024,
                2,
                status="in_progress",
                status_label="Pågår",
                goals=("Stad 1",),
            ),
            ItemState(
                "activity",
                2,
                "Digitalisering",
                2,
                "IT/Teknisk utveckling",
                2024,
                3,
                2025,
                4,
                status="planning",
                status_label="Planering",
                goals=("Stad 3",),
            ),
            ItemState("activity", 3, "Oplacerad", status="planning", status_label="Planering"),
        ],
        milestones=[ItemState("milestone", 9, "Beslut i HSN", start_year=2024, start_quarter=2)],
        meetings=[MeetingInfo(5, dt.date(2024, 4, 24), "HSN 24 april")],
    )
    return Report(**{**base, **kwargs})


def test_one_bar_per_placed_activity_from_start_to_end_quarter():
    rows = bars(make_report())
    assert [(b.label, b.start, b.end) for b in rows] == [
        ("Närakut Köping", dt.date(2024, 4, 1), dt.date(2024, 6, 30)),
        ("Digitalisering", dt.date(2024, 7, 1), dt.date(2025, 12, 31)),
    ]


def test_figure_colours_by_goal_marks_milestones_today_and_meetings():
    fig = timeline_figure(make_report(), today=dt.date(2024, 5, 1))
    bars_ = [t for t in fig.data if t.type == "bar"]
    assert [t.marker.color for t in bars_] == ["#1b6ca8", "#b45309"]
    assert list(bars_[0].text) == ["Pågår"]
    assert "Status" in bars_[0].hovertemplate
    names = [t.name for t in fig.data]
    assert "Delmål" in names and "Möten" in names
    lines = [s.x0 for s in fig.layout.shapes]
    assert "2024-04-24" in lines and "2024-05-01" in lines
    assert fig.layout.annotations[0].text == "Idag"


def test_empty_plan_still_draws():
    fig = timeline_figure(
        make_report(activities=[], milestones=[], meetings=[]), today=dt.date(2024, 1, 1)
    )
    assert len(fig.data) == 0 and len(fig.layout.shapes) == 1


def test_same_titles_in_a_lane_get_distinct_rows():
    twin = ItemState("activity", 4, "Närakut Köping", 1, "Verksamhetsutveckling", 2025, 1)
    report = make_report()
    report.activities.append(twin)
    labels = [b.label for b in bars(report)]
    assert len(labels) == len(set(labels))


@pytest.mark.django_db
def test_timeline_page_loads_plotly_locally_and_has_a_table(client):
    plan = PlanFactory()
    ActivityFactory(plan=plan, title="Närakut Köping", placed=True)
    client.force_login(analyst())
    html = client.get(reverse("roadmap:timeline", args=[plan.pk])).content.decode()
    assert "/static/vendor/plotly.min.js" in html and "cdn" not in html.lower()
    assert 'id="timeline-data"' in html and 'id="timeline-table"' in html
    assert "Närakut Köping" in html
