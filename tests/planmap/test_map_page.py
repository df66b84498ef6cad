"""The map page at its scales, and what it sends back after a change."""

import re

import pytest
from django.urls import reverse

from activities.models import Activity, Status
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    MilestoneFactory,
    PlanFactory,
    analyst,
    manager,
    planner,
)

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


def map_url(plan, query: str = "") -> str:
    return reverse("roadmap:plan_map", args=[plan.pk]) + query


@pytest.fixture
def plan():
    return PlanFactory(first_year=2024, last_year=2029)


def login(client, role):
    client.force_login(role())
    return client


def test_the_map_is_never_served_from_a_cache(client, plan):
    response = login(client, manager).get(map_url(plan))
    assert "no-store" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    ("query", "scale", "years"),
    [
        ("", "plan", ["2024", "2025", "2026", "2027", "2028", "2029"]),
        ("?scale=quarters", "quarters", ["2024", "2025", "2026", "2027", "2028", "2029"]),
        ("?scale=year&year=2026", "year", ["2026"]),
        ("?scale=year&year=1999", "year", ["2024"]),
        ("?scale=huge", "plan", ["2024", "2025", "2026", "2027", "2028", "2029"]),
    ],
)
def test_the_scale_comes_from_the_url(client, plan, query, scale, years):
    html = login(client, manager).get(map_url(plan, query)).content.decode()
    assert f'class="scale-{scale} ' in html
    assert re.findall(r'<th scope="colgroup" colspan="4" class="year">(\d+)</th>', html) == years
    assert re.search(rf'value="{scale}" checked', html)


def test_an_activity_with_an_end_spans_its_quarters(client, plan):
    lane = plan.lanes.first()
    activity = ActivityFactory(
        plan=plan, lane=lane, start_year=2025, start_quarter=3, end_year=2026, end_quarter=1
    )
    reader = login(client, manager)
    detailed = reader.get(map_url(plan, "?scale=quarters")).content.decode()
    card = detailed.split(f'id="activity-{activity.pk}"')[1].split(">")[0]
    assert "--span: 3; --real: 3;" in card
    assert (
        f'id="cell-{lane.pk}-2025-Q3"' in detailed.split(f'id="activity-{activity.pk}"')[0][-3000:]
    )
    overview = reader.get(map_url(plan)).content.decode()
    card = overview.split(f'id="activity-{activity.pk}"')[1].split(">")[0]
    assert "--span: 4; --real: 3;" in card  # a year wide at the overview, 3 quarters marked
    year = reader.get(map_url(plan, "?scale=year&year=2026")).content.decode()
    assert "--span: 1; --real: 1;" in year.split(f'id="activity-{activity.pk}"')[1].split(">")[0]
    assert "← från tidigare år" in year


def test_a_year_shows_only_what_happens_in_it_and_counts_it(client, plan):
    lane = plan.lanes.first()
    ActivityFactory(plan=plan, lane=lane, start_year=2025, start_quarter=1, title="Inne")
    ActivityFactory(plan=plan, lane=lane, start_year=2027, start_quarter=1, title="Utanför")
    ActivityFactory(plan=plan, lane=None, title="I facket")
    html = login(client, manager).get(map_url(plan, "?scale=year&year=2025")).content.decode()
    assert "Inne" in html and "I facket" in html and "Utanför" not in html
    assert "Visar 2 av 3 aktiviteter." in html


def test_the_overview_card_is_compact_and_the_detailed_card_complete(client, plan):
    activity = ActivityFactory(
        plan=plan, placed=True, status=Status.AWAITING, status_note="Besked i maj"
    )
    activity.goals.add(GoalFactory(plan=plan, code="Stad 2"))
    reader = login(client, manager)
    overview = reader.get(map_url(plan)).content.decode()
    detailed = reader.get(map_url(plan, "?scale=quarters")).content.decode()
    for html in (overview, detailed):
        assert f'title="{activity.title}"' in html  # the whole title on hover
        assert '◷</span> <span class="status-text">Inväntar besked</span>' in html
        assert ">Stad 2</span>" in html
    assert "Besked i maj" not in overview and "Besked i maj" in detailed


@pytest.mark.parametrize("role", [planner, manager, analyst])
@pytest.mark.parametrize(
    "query", ["", "?scale=quarters", "?scale=year&year=2025", "?q=a&status=planning"]
)
def test_at_most_twelve_queries_at_any_size(
    client, plan, role, query, django_assert_max_num_queries
):
    goals = GoalFactory.create_batch(3, plan=plan)
    lanes = list(plan.lanes.all())

    def add(n):
        for i in range(n):
            a = ActivityFactory(
                plan=plan,
                lane=lanes[i % 3] if i % 7 else None,
                start_year=2024 + i % 6,
                start_quarter=1 + i % 4,
                end_year=2025 + i % 5,
                end_quarter=2,
                owner_level=plan.owner_levels.first(),
            )
            a.goals.add(goals[i % 3])
            MilestoneFactory(plan=plan, goal=goals[0], lane=lanes[i % 3])

    reader = login(client, role)
    add(3)
    with django_assert_max_num_queries(12):
        assert reader.get(map_url(plan, query)).status_code == 200
    add(80)
    with django_assert_max_num_queries(12):
        assert reader.get(map_url(plan, query)).status_code == 200


def move(client, activity, plan_query="", **place):
    data = {"version": activity.version, "lane": "", "year": "", "quarter": "", **place}
    current = "http://testserver" + map_url(activity.plan, plan_query)
    return client.post(
        reverse("activities:move", args=[activity.pk]),
        data,
        headers={**HX, "HX-Current-URL": current},
    )


def test_a_move_redraws_only_the_cells_it_changed_and_the_count(client, plan):
    lanes = list(plan.lanes.all())
    activity = ActivityFactory(plan=plan, lane=lanes[0], start_year=2024, start_quarter=1)
    ActivityFactory(plan=plan, lane=lanes[1], start_year=2026, start_quarter=1, title="Orörd")
    html = move(
        login(client, planner), activity, "?scale=quarters", lane=lanes[1].pk, year=2024, quarter=2
    )
    html = html.content.decode()
    # the two cells, "Visar" and the (here empty) dependency list
    assert html.count('hx-swap-oob="true"') == 4
    assert (
        '<div id="map-dependencies" class="legend-dependencies" hidden hx-swap-oob="true">' in html
    )
    assert f'<div id="cell-{lanes[0].pk}-2024-Q1" class="cell-inner" hx-swap-oob="true">' in html
    assert f'<div id="cell-{lanes[1].pk}-2024-Q2" class="cell-inner" hx-swap-oob="true">' in html
    assert "Orörd" not in html and "lane-row" not in html
    assert 'id="map-summary"' in html and "Visar 2 av 2 aktiviteter." in html
    assert 'id="tray-activities"' not in html


def test_at_the_overview_a_move_redraws_the_cells_its_wide_card_covers(client, plan):
    lane = plan.lanes.first()
    activity = ActivityFactory(plan=plan, lane=lane, start_year=2024, start_quarter=1)
    html = move(login(client, planner), activity, lane=lane.pk, year=2025, quarter=1).content
    cells = re.findall(
        rf'id="cell-{lane.pk}-(\d{{4}}-Q\d)" class="cell-inner" hx-swap', html.decode()
    )
    # Drawn a year wide: 2024 Q1–Q4 empty out, 2025 Q1–Q4 fill.
    assert sorted(cells) == [f"{y}-Q{q}" for y in (2024, 2025) for q in (1, 2, 3, 4)]


def test_moves_to_and_from_the_tray_redraw_the_cells_and_the_tray(client, plan):
    lane = plan.lanes.first()
    activity = ActivityFactory(plan=plan, lane=lane, start_year=2024, start_quarter=1)
    editor = login(client, planner)
    html = move(editor, activity, "?scale=quarters").content.decode()
    assert f'id="cell-{lane.pk}-2024-Q1" class="cell-inner" hx-swap-oob' in html
    assert 'id="tray-activities"' in html
    activity.refresh_from_db()
    html = move(editor, activity, "?scale=quarters", lane=lane.pk, year=2025, quarter=1)
    html = html.content.decode()
    assert f'id="cell-{lane.pk}-2025-Q1" class="cell-inner" hx-swap-oob' in html
    assert 'id="tray-activities"' in html


def test_after_a_move_a_filtered_map_shows_exactly_what_its_filter_says(client, plan):
    lane = plan.lanes.first()
    hidden = ActivityFactory(
        plan=plan, lane=lane, start_year=2024, start_quarter=2, title="Dold", status="done"
    )
    shown = ActivityFactory(
        plan=plan, lane=lane, start_year=2024, start_quarter=1, title="Synlig", status="planning"
    )
    html = move(
        login(client, planner), shown, "?status=planning", lane=lane.pk, year=2024, quarter=2
    )
    html = html.content.decode()
    assert "Synlig" in html and f'id="activity-{hidden.pk}"' not in html
    assert "Visar 1 av 2 aktiviteter." in html


def test_a_save_that_leaves_the_filter_removes_the_card_and_updates_the_count(client, plan):
    activity = ActivityFactory(plan=plan, placed=True, status="planning", title="Planeras")
    data = {
        "title": activity.title,
        "status": "done",
        "status_note": "",
        "lane": activity.lane_id,
        "start_year": activity.start_year,
        "start_quarter": activity.start_quarter,
        "end_year": "",
        "end_quarter": "",
        "version": activity.version,
        "scenarios-TOTAL_FORMS": "0",
        "scenarios-INITIAL_FORMS": "0",
    }
    current = "http://testserver" + map_url(plan, "?status=planning")
    html = login(client, planner).post(
        reverse("activities:edit", args=[activity.pk]),
        data,
        headers={**HX, "HX-Current-URL": current},
    )
    html = html.content.decode()
    assert f'id="activity-{activity.pk}"' not in html
    assert f'<tr id="lane-row-{activity.lane_id}"' in html
    assert "Visar 0 av 1 aktivitet." in html


def test_create_and_delete_update_the_count(client, plan):
    lane = plan.lanes.first()
    ActivityFactory(plan=plan, lane=lane, start_year=2024, start_quarter=1)
    editor = login(client, planner)
    current = {**HX, "HX-Current-URL": "http://testserver" + map_url(plan)}
    data = {
        "title": "Ny",
        "status": "planning",
        "lane": lane.pk,
        "start_year": 2024,
        "start_quarter": 3,
        "scenarios-TOTAL_FORMS": "0",
        "scenarios-INITIAL_FORMS": "0",
    }
    html = editor.post(reverse("activities:create", args=[plan.pk]), data, headers=current)
    assert "Visar 2 av 2 aktiviteter." in html.content.decode()
    new = Activity.objects.get(title="Ny")
    html = editor.post(reverse("activities:delete", args=[new.pk]), headers=current)
    html = html.content.decode()
    assert "Visar 1 av 1 aktivitet." in html and f'id="activity-{new.pk}"' not in html


def test_cards_sit_under_a_heading_of_the_level_above_theirs(client, plan):
    ActivityFactory(plan=plan, placed=True)
    html = login(client, manager).get(map_url(plan)).content.decode()
    levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", html)]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_a_move_to_or_from_a_tray_with_other_cards_sends_only_that_card_and_the_count(client, plan):
    lane = plan.lanes.first()
    ActivityFactory(plan=plan, lane=None, title="Ligger kvar")
    activity = ActivityFactory(plan=plan, lane=lane, start_year=2024, start_quarter=1)
    editor = login(client, planner)
    html = move(editor, activity, "?scale=quarters").content.decode()
    assert 'id="tray-activities"' not in html and "Ligger kvar" not in html
    assert '<span id="tray-activities-count" class="count" hx-swap-oob="true">(2)</span>' in html
    assert '<div hx-swap-oob="beforeend:#tray-activities .tray-items"><article class="card"' in html
    activity.refresh_from_db()
    html = move(editor, activity, "?scale=quarters", lane=lane.pk, year=2025, quarter=1)
    html = html.content.decode()
    assert html.startswith('<span id="tray-activities-count" class="count" hx-swap-oob="true">(1)')
    assert f'<article id="activity-{activity.pk}" hx-swap-oob="delete"></article>' in html
    assert html.index('hx-swap-oob="delete"') < html.index(f'id="cell-{lane.pk}-2025-Q1"')
    assert "Ligger kvar" not in html
