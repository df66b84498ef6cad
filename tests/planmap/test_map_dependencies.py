"""The map's dependencies: the cards carry what static/js/connectors.js draws
from, the legend lists each one (saying which are not drawn), and a move sends
the list again so a dependency it breaks is named at once."""

import re

import pytest
from django.urls import reverse

from planmap.map_filters import MapFilterForm
from planmap.scales import parse_scale
from planmap.strategic_map import build_map, map_dependencies
from tests.factories import ActivityFactory, LaneFactory, PlanFactory, manager, planner

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


@pytest.fixture
def chain():
    plan = PlanFactory(first_year=2024, last_year=2026)
    lane = LaneFactory(plan=plan, name="Spår", order=0)
    study = ActivityFactory(plan=plan, lane=lane, title="Förstudie", start_year=2024,
                            start_quarter=1, end_year=2024, end_quarter=2)  # fmt: skip
    build = ActivityFactory(plan=plan, lane=lane, title="Bygge", start_year=2025, start_quarter=1)
    unplaced = ActivityFactory(plan=plan, title="Upphandling")
    build.predecessors.add(study, unplaced)
    return plan, lane, study, build, unplaced


def test_cards_carry_their_quarters_and_predecessors(client, chain):
    plan, _lane, study, build, unplaced = chain
    client.force_login(manager())
    html = client.get(reverse("roadmap:plan_map", args=[plan.pk])).content.decode()
    # 2024 Q1 is quarter index 2024 * 4 + 0; the end is inclusive.
    study_tag = f'id="activity-{study.pk}" data-id="{study.pk}" data-version="1" '
    assert study_tag + 'data-start="8096" data-end="8097" style=' in html
    after = re.search(
        f'id="activity-{build.pk}" [^>]*data-start="8100" data-end="8100" data-after="([0-9,]+)"',
        html,
    )
    assert set(after.group(1).split(",")) == {str(study.pk), str(unplaced.pk)}  # any order
    assert f'id="activity-{unplaced.pk}" data-id="{unplaced.pk}" data-version="1" style' in html


def test_the_list_says_which_dependencies_the_map_cannot_draw(client, chain):
    plan, lane, study, build, unplaced = chain
    lines = {(d.pred.title, d.succ.title): d for d in build_map(plan).dependencies}
    assert {k: (d.breaks, d.drawn) for k, d in lines.items()} == {
        ("Förstudie", "Bygge"): (False, True),
        ("Upphandling", "Bygge"): (False, False),  # in the tray
    }
    # One year, 2025: Förstudie (2024) is not on it either.
    year = parse_scale({"scale": "year", "year": "2025"}, 2024, 2026)
    drawn = {(d.pred.title, d.drawn) for d in build_map(plan, scale=year).dependencies}
    assert drawn == {("Förstudie", False), ("Upphandling", False)}
    client.force_login(manager())
    html = client.get(reverse("roadmap:plan_map", args=[plan.pk])).content.decode()
    assert html.count("(ritas inte på kartan)") == 1


def test_map_dependencies_matches_the_built_map(chain):
    plan = chain[0]
    form = MapFilterForm(plan=plan)
    for query in ({}, {"scale": "year", "year": "2025"}):
        scale = parse_scale(query, 2024, 2026)
        assert map_dependencies(plan, form, scale) == build_map(plan, form, scale).dependencies
    filtered = MapFilterForm({"q": "Bygge"}, plan=plan)  # one end filtered away: not listed
    assert map_dependencies(plan, filtered, parse_scale({}, 2024, 2026)) == []


def test_a_move_that_breaks_a_dependency_names_it_in_the_list_at_once(client, chain):
    plan, lane, study, build, _unplaced = chain
    client.force_login(planner())
    current = "http://testserver" + reverse("roadmap:plan_map", args=[plan.pk])
    response = client.post(
        reverse("activities:move", args=[build.pk]),
        {"version": build.version, "lane": lane.pk, "year": 2024, "quarter": 1},
        headers={**HX, "HX-Current-URL": current},
    )
    html = response.content.decode()
    assert '<div id="map-dependencies" class="legend-dependencies" hx-swap-oob="true">' in html
    assert '<li class="dependency-broken"><a href="' in html
    assert "bryts: börjar 2024 Q1, före 2024 Q2" in html
