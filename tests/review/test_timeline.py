import datetime as dt
import json

import pytest
from django.urls import reverse

from activities.changes import ItemState
from review.report import GoalInfo, MeetingInfo
from review.timeline import ROW_PX, bars, meeting_labels, timeline_figure
from tests.assets import loaded_from_elsewhere
from tests.factories import ActivityFactory, PlanFactory, analyst
from tests.reports import report_of


def make_report(**kwargs):
    base = dict(
        plan_name="Plan",
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
        meetings=[MeetingInfo(5, dt.date(2024, 4, 24), "HSN 24 april", "HSN")],
    )
    return report_of(**{**base, **kwargs})


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
    assert [a.text for a in fig.layout.annotations] == ["HSN 24/4", "Idag"]


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


def _activity(pk: int, title: str, lane: str = "Verksamhetsutveckling") -> ItemState:
    return ItemState("activity", pk, title, 1, lane, 2024, 2, status_label="Pågår")


def test_the_figure_grows_a_row_at_a_time():
    small = timeline_figure(make_report(), today=dt.date(2024, 5, 1))
    many = make_report(activities=[_activity(i, f"Aktivitet {i}") for i in range(1, 31)])
    large = timeline_figure(many, today=dt.date(2024, 5, 1))
    # Rows: a heading per lane, the bars, "Delmål" and its milestone, "Möten".
    assert list(small.layout.yaxis.categoryarray) == [
        "<b>Verksamhetsutveckling</b>",
        "Närakut Köping",
        "<b>IT/Teknisk utveckling</b>",
        "Digitalisering",
        "<b>Delmål</b>",
        "Beslut i HSN",
        "<b>Möten</b>",
    ]
    assert len(large.layout.yaxis.categoryarray) == 1 + 30 + 2 + 1
    assert large.layout.height - small.layout.height == (34 - 7) * ROW_PX


def test_long_names_wrap_on_two_lines_and_markup_is_text():
    hostile = '<a href="https://evil.example">Klicka</a> & <b>fet</b>'
    long = "Vårdplatser – minska behovet av vårdplatser, bättre flöden, kortare vårdtider"
    report = make_report(
        activities=[_activity(1, hostile), _activity(2, long), _activity(3, "x" * 500)]
    )
    report.goals.append(GoalInfo("Stad 9", "<a href='x'>mål</a>", "#000000"))
    fig = timeline_figure(report, today=dt.date(2024, 5, 1))
    labels = list(fig.data[0].y)
    assert labels[0].startswith("&lt;a href=") and "&amp;" in labels[0]
    assert "<" not in labels[0].replace("<br>", "")
    assert labels[1] == "Vårdplatser – minska behovet<br>av vårdplatser, bättre …"
    assert all(len(line) <= 28 for line in labels[2].split("<br>"))
    assert fig.data[0].customdata[0][0].startswith("&lt;a href=")
    text = json.dumps(fig.to_plotly_json(), ensure_ascii=False)
    assert "<a " not in text and "<b>fet" not in text


HSN = MeetingInfo(1, dt.date(2024, 4, 24), "Aktuellt läge HSN 24 april 2024", "HSN")
SRB = MeetingInfo(2, dt.date(2024, 4, 19), "SRB 19 april 2024", "SRB")
DIALOGUES = [
    MeetingInfo(
        10 + i, dt.date(2024, 1, 10) + dt.timedelta(days=7 * i), f"Dialogmöte {i}", "Dialogmöte"
    )
    for i in range(7)
]


def _overlaps(labels, first, last, plot_px=440, char_px=7.0):
    days_per_px = (last - first).days / plot_px
    spans = [
        (lab.level, lab.day, lab.day + dt.timedelta(days=len(lab.text) * char_px * days_per_px))
        for lab in labels
    ]
    return [
        (a, b)
        for i, a in enumerate(spans)
        for b in spans[i + 1 :]
        if a[0] == b[0] and a[1] < b[2] and b[1] < a[2]
    ]


def test_meeting_labels_never_overlap_and_close_meetings_share_one():
    first, last = dt.date(2024, 1, 1), dt.date(2029, 12, 31)
    labels = meeting_labels(
        [*DIALOGUES, SRB, HSN], first_day=first, last_day=last, today=dt.date(2026, 11, 30)
    )
    assert _overlaps(labels, first, last) == []
    assert max(label.level for label in labels) <= 2
    texts = [label.text for label in labels]
    assert "Idag" in texts
    # Every meeting is named by exactly one label.
    assert sorted(m.pk for label in labels for m in label.meetings) == sorted(
        m.pk for m in [*DIALOGUES, SRB, HSN]
    )
    assert texts == ["Dialogmöte ×7", "SRB 19/4", "HSN 24/4", "Idag"]  # dialogues share one


def test_meetings_far_apart_each_get_their_own_label_on_one_level():
    first, last = dt.date(2024, 1, 1), dt.date(2029, 12, 31)
    far = [MeetingInfo(i, dt.date(2024 + i, 4, 24), f"HSN {2024 + i}", "HSN") for i in range(5)]
    labels = meeting_labels(far, first_day=first, last_day=last)
    assert [(lab.text, lab.level) for lab in labels] == [
        ("HSN 24/4", 0),
        ("HSN 24/4", 0),
        ("HSN 24/4", 0),
        ("HSN 24/4", 0),
        ("HSN 24/4", 0),
    ]


@pytest.mark.django_db
def test_timeline_page_loads_plotly_locally_and_has_a_table(client):
    plan = PlanFactory()
    ActivityFactory(plan=plan, title="Närakut Köping", placed=True)
    client.force_login(analyst())
    html = client.get(reverse("roadmap:timeline", args=[plan.pk])).content.decode()
    assert "/static/vendor/plotly.min.js" in html and loaded_from_elsewhere(html) == []
    assert 'id="timeline-data"' in html and 'id="timeline-table"' in html
    assert "Närakut Köping" in html
