import datetime as dt

import pytest
from django.urls import reverse

from activities.changes import ItemState
from review.timeline import bars, timeline_figure
from review.timeline_links import BROKEN_COLOUR, CONNECTOR_COLOUR, connectors
from tests.factories import ActivityFactory, LaneFactory, PlanFactory, analyst
from tests.review.test_timeline import make_report


def activity(pk, title, start, end=None):
    """An activity in Verksamhetsutveckling from quarter `start` (year, q) to `end`."""
    end = end or (None, None)
    return ItemState("activity", pk, title, 1, "Verksamhetsutveckling", *start, *end)


def report():
    return make_report(
        activities=[
            activity(1, "Förstudie", (2024, 1), (2024, 2)),
            activity(2, "Införande", (2024, 3)),
            activity(3, "Parallell", (2024, 1)),
            ItemState("activity", 4, "Oplacerad"),
        ],
        meetings=[],
    )


def test_a_connector_runs_from_the_end_of_one_bar_to_the_start_of_the_next():
    the_report = report()
    [kept] = connectors(bars(the_report), [(1, 2), (1, 4)])  # 4 has no bar: no line
    assert (kept.pred.item.title, kept.succ.item.title, kept.broken) == (
        "Förstudie",
        "Införande",
        False,
    )
    shape = kept.shape()
    # The bar of Förstudie ends with 2024 Q2, at 1 July; Införande begins on that day.
    assert (shape["x0"], shape["x1"]) == ("2024-07-01", "2024-07-01")
    assert (shape["y0"], shape["y1"]) == ("Förstudie", "Införande")
    assert shape["line"] == {"color": CONNECTOR_COLOUR, "width": 1.5, "dash": "solid"}
    [arrow] = kept.marks()
    assert (arrow["x"], arrow["y"], arrow["showarrow"]) == ("2024-07-01", "Införande", True)


def test_a_broken_connector_is_dashed_and_marked_with_a_cross():
    [broken] = connectors(bars(report()), [(1, 3)])  # Parallell starts 2024 Q1, before Q2
    assert broken.broken is True
    assert broken.shape()["line"]["dash"] == "dash"
    arrow, cross = broken.marks()
    assert arrow["arrowcolor"] == BROKEN_COLOUR
    assert (cross["text"], cross["x"], cross["y"]) == ("✕", "2024-07-01", "Förstudie")
    assert cross["hovertext"] == "”Parallell” börjar före ”Förstudie” slutar"


def test_the_figure_carries_the_connectors_among_its_shapes_and_annotations():
    figure = timeline_figure(report(), today=dt.date(2024, 5, 1), edges=[(1, 2), (1, 3)])
    lines = [s for s in figure.layout.shapes if s.yref == "y"]
    assert [(s.y0, s.y1, s.line.dash) for s in lines] == [
        ("Förstudie", "Införande", "solid"),
        ("Förstudie", "Parallell", "dash"),
    ]
    assert [a.text for a in figure.layout.annotations if a.yref == "y"] == ["", "", "✕"]


@pytest.mark.django_db
def test_the_timeline_page_lists_the_dependencies_as_text(client):
    plan = PlanFactory(first_year=2024, last_year=2026)
    lane = LaneFactory(plan=plan, name="Spår")
    first = ActivityFactory(
        plan=plan, lane=lane, title="Förstudie", start_year=2024, start_quarter=2
    )
    then = ActivityFactory(
        plan=plan, lane=lane, title="Införande", start_year=2024, start_quarter=1
    )
    then.predecessors.add(first)
    client.force_login(analyst())
    html = client.get(reverse("roadmap:timeline", args=[plan.pk])).content.decode()
    assert '<li class="dependency-broken">Förstudie <span aria-hidden="true">→</span>' in html
    assert "bryts: börjar 2024 Q1, före 2024 Q2" in html
