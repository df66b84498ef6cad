import pytest
from django.urls import reverse

from activities.models import Status
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    MilestoneFactory,
    PlanFactory,
    manager,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(client):
    client.force_login(manager())
    return client


def map_url(plan, **params):
    from urllib.parse import urlencode

    return reverse("roadmap:plan_map", args=[plan.pk]) + ("?" + urlencode(params) if params else "")


def test_plan_list_links_every_plan(reader):
    plans = PlanFactory.create_batch(3)
    html = reader.get(reverse("roadmap:plan_list")).content.decode()
    for plan in plans:
        assert map_url(plan) in html


def test_cards_land_in_their_cell_and_unplaced_in_the_tray(reader):
    plan = PlanFactory()
    it = plan.lanes.get(name="IT/Teknisk utveckling")
    placed = ActivityFactory(plan=plan, lane=it, start_year=2025, start_quarter=2, title="Placerad")
    ActivityFactory(plan=plan, title="Oplacerad")
    MilestoneFactory(plan=plan, title="Flytande delmål")
    MilestoneFactory(plan=plan, title="Satt delmål", lane=it, year=2026, quarter=1)
    response = reader.get(map_url(plan))
    smap = response.context["map"]
    assert [a.title for a in smap.cell(it, placed.start).activities] == ["Placerad"]
    assert [a.title for a in smap.unplaced_activities] == ["Oplacerad"]
    assert [m.title for m in smap.unplaced_milestones] == ["Flytande delmål"]
    html = response.content.decode()
    assert "Oplacerade utvecklingsaktiviteter" in html and "Oplacerade delmål" in html
    cell_html = html.split(f'id="cell-{it.pk}-2025-Q2"')[1].split("</td>")[0]
    assert "Placerad" in cell_html


def test_card_shows_status_as_text_and_goal_code(reader):
    plan = PlanFactory()
    goal = GoalFactory(plan=plan, code="Stad 2", colour="#2e7d32")
    activity = ActivityFactory(plan=plan, status=Status.AWAITING, status_note="HSN maj/juni")
    activity.goals.add(goal)
    html = reader.get(map_url(plan)).content.decode()
    assert "Inväntar besked" in html
    assert "Stad 2" in html
    assert "#2e7d32" in html


def test_html_in_titles_is_shown_as_text(reader):
    plan = PlanFactory()
    ActivityFactory(plan=plan, title="<script>alert(1)</script>")
    html = reader.get(map_url(plan)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "awaiting"}, {"Väntar"}),
        ({"q": "köping"}, {"Närakut Köping"}),
        ({"lane": "IT"}, {"Digitalt"}),
        ({}, {"Väntar", "Närakut Köping", "Digitalt"}),
    ],
)
def test_filters(reader, params, expected):
    plan = PlanFactory()
    it = plan.lanes.get(name="IT/Teknisk utveckling")
    ActivityFactory(plan=plan, title="Väntar", status=Status.AWAITING)
    ActivityFactory(plan=plan, title="Närakut Köping")
    ActivityFactory(plan=plan, title="Digitalt", lane=it, start_year=2024, start_quarter=1)
    if params.get("lane") == "IT":
        params = {"lane": it.pk}
    smap = reader.get(map_url(plan, **params)).context["map"]
    shown = {a.title for a in smap.unplaced_activities} | {
        a.title for row in smap.rows for c in row.cells for a in c.activities
    }
    assert shown == expected


def test_goal_and_owner_level_filters(reader):
    plan = PlanFactory()
    goal = GoalFactory(plan=plan)
    level = plan.owner_levels.first()
    with_goal = ActivityFactory(plan=plan, title="Med mål", owner_level=level)
    with_goal.goals.add(goal)
    ActivityFactory(plan=plan, title="Utan mål")
    for params in ({"goal": goal.pk}, {"owner_level": level.pk}):
        smap = reader.get(map_url(plan, **params)).context["map"]
        assert [a.title for a in smap.unplaced_activities] == ["Med mål"]


@pytest.mark.parametrize(
    "params",
    [
        {"lane": "abc"},
        {"status": "<b>bad</b>"},
        {"goal": "999999"},
        {"owner_level": "-1"},
        {"q": "x" * 500},
    ],
)
def test_garbage_filters_show_the_whole_map_with_a_notice(reader, params):
    plan = PlanFactory()
    ActivityFactory.create_batch(2, plan=plan)
    response = reader.get(map_url(plan, **params))
    assert response.status_code == 200
    assert response.context["map"].shown == 2
    assert "kunde inte tolkas" in response.content.decode()


def test_another_plans_lane_is_not_a_valid_filter(reader):
    plan, other = PlanFactory(), PlanFactory()
    ActivityFactory(plan=plan)
    response = reader.get(map_url(plan, lane=other.lanes.first().pk))
    assert "kunde inte tolkas" in response.content.decode()


def test_htmx_filter_returns_only_the_map_body(reader):
    plan = PlanFactory()
    ActivityFactory(plan=plan, title="Syns")
    response = reader.get(map_url(plan, q="Syns"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="map-body"')
    assert "<html" not in html and "Syns" in html


def test_map_renders_in_constant_queries(reader, django_assert_max_num_queries):
    plan = PlanFactory()
    goals = GoalFactory.create_batch(3, plan=plan)

    def add(n):
        for i in range(n):
            a = ActivityFactory(
                plan=plan,
                lane=plan.lanes.all()[i % 3],
                start_year=2024 + i % 6,
                start_quarter=1 + i % 4,
                owner_level=plan.owner_levels.first(),
            )
            a.goals.add(goals[i % 3])
            MilestoneFactory(plan=plan, goal=goals[0])

    add(3)
    with django_assert_max_num_queries(20) as small:
        reader.get(map_url(plan))
    add(60)
    with django_assert_max_num_queries(len(small.captured_queries)):
        reader.get(map_url(plan, q="Aktivitet"))
    with django_assert_max_num_queries(len(small.captured_queries)):
        reader.get(map_url(plan))


def test_activity_detail_shows_everything(reader):
    activity = ActivityFactory(
        leader="Chefläkare X", working_group="Statistik", description="Beskr"
    )
    activity.scenarios.create(number=1, text="Nattstängd närakut")
    html = reader.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    for text in ("Chefläkare X", "Statistik", "Beskr", "Nattstängd närakut"):
        assert text in html


def test_unknown_plan_is_404(reader):
    assert reader.get(reverse("roadmap:plan_map", args=[999999])).status_code == 404
