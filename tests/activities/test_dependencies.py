"""Finish → start dependencies: the pure checks, the panel, the move warning
and the slipped predecessors in "Vad har ändrats"."""

import json

import pytest
from django.urls import reverse

from activities.dependencies import Span, clashes, makes_loop
from activities.snapshots import snapshot_take
from core.quarters import Quarter
from tests.factories import ActivityFactory, PlanFactory, manager, planner

Q = Quarter


def span(pk, start, end=None):
    return Span(pk, f"A{pk}", start, end or start)


def test_a_successor_starting_before_its_predecessors_last_quarter_clashes():
    spans = {1: span(1, Q(2024, 1), Q(2024, 4)), 2: span(2, Q(2024, 3)), 3: span(3, Q(2024, 4))}
    edges = [(1, 2), (1, 3)]
    assert [(c.predecessor.pk, c.successor.pk) for c in clashes(spans, edges, 1)] == [(1, 2)]
    assert clashes(spans, edges, 3) == []  # the same quarter is not earlier
    assert clashes({**spans, 2: span(2, None)}, edges, 2) == []  # unplaced: nothing to compare
    text = clashes(spans, edges, 2)[0].text()
    assert (
        text == "”A2” börjar 2024 Q3, före kvartalet då ”A1”, som den beror på, slutar (2024 Q4)."
    )


def test_loops_are_found_however_long():
    edges = [(1, 2), (2, 3)]
    assert makes_loop(edges, 1, {3})
    assert makes_loop([], 1, {1})
    assert not makes_loop(edges, 3, {1})


@pytest.fixture
def pair(db):
    plan = PlanFactory(first_year=2024, last_year=2026)
    lane = plan.lanes.first()
    pred = ActivityFactory(
        plan=plan, title="Lokalförsörjningsplan", lane=lane,
        start_year=2024, start_quarter=2, end_year=2024, end_quarter=4,
    )  # fmt: skip
    succ = ActivityFactory(
        plan=plan, title="Renovering", lane=lane, start_year=2025, start_quarter=1
    )
    succ.predecessors.add(pred)
    return pred, succ


def move(client, item, year, quarter):
    return client.post(
        reverse("activities:move", args=[item.pk]),
        {"lane": item.lane_id, "year": year, "quarter": quarter, "version": item.version},
        HTTP_HX_REQUEST="true",
    )


@pytest.mark.django_db
def test_moving_a_successor_before_its_predecessor_ends_warns_naming_both(client, pair):
    pred, succ = pair
    client.force_login(planner())
    response = move(client, succ, 2024, 3)
    html = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in html
    assert "”Renovering” börjar 2024 Q3, före kvartalet då ”Lokalförsörjningsplan”" in html
    message = json.loads(response.headers["HX-Trigger-After-Settle"])["fardplan:changed"]
    assert "före kvartalet då ”Lokalförsörjningsplan”" in message["message"]
    succ.refresh_from_db()
    assert str(succ.start) == "2024 Q3"  # a warning, not a refusal


@pytest.mark.django_db
def test_moving_a_predecessor_past_its_successor_warns_too(client, pair):
    pred, succ = pair
    client.force_login(planner())
    html = move(client, pred, 2025, 2).content.decode()
    assert "”Renovering” börjar 2025 Q1, före kvartalet då ”Lokalförsörjningsplan”" in html


@pytest.mark.django_db
def test_a_move_that_keeps_the_order_says_nothing(client, pair):
    pred, succ = pair
    client.force_login(planner())
    assert "Beroende bryts" not in move(client, succ, 2025, 3).content.decode()


@pytest.mark.django_db
def test_panel_sets_dependencies_and_refuses_a_loop(client, pair):
    pred, succ = pair
    client.force_login(planner())
    url = reverse("activities:edit", args=[pred.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "goals"}
    data.update(title=pred.title, status=pred.status, predecessors=[succ.pk], version=pred.version,
                **{"scenarios-TOTAL_FORMS": 0, "scenarios-INITIAL_FORMS": 0})  # fmt: skip
    response = client.post(url, data)
    assert "bilda en slinga" in response.content.decode()
    assert list(pred.predecessors.all()) == []


@pytest.mark.django_db
def test_detail_page_lists_dependencies_as_text(client, pair):
    pred, succ = pair
    client.force_login(manager())
    html = client.get(reverse("activities:detail", args=[succ.pk])).content.decode()
    assert "Beror på:" in html and "Lokalförsörjningsplan</a> (slutar 2024 Q4)" in html
    html = client.get(reverse("activities:detail", args=[pred.pk])).content.decode()
    assert "Renovering</a> (börjar 2025 Q1)" in html


@pytest.mark.django_db
def test_changes_list_activities_whose_predecessors_slipped(client, pair):
    pred, succ = pair
    snapshot_take(plan=pred.plan, meeting=None, title="HSN", user=None)
    pred.end_year, pred.end_quarter = 2025, 2
    pred.save()
    client.force_login(manager())
    html = client.get(reverse("roadmap:changes", args=[pred.plan.pk])).content.decode()
    assert "1 aktivitet vars föregående aktivitet har glidit" in html
    assert (
        "”Renovering” beror på ”Lokalförsörjningsplan”, som nu slutar 2025 Q2 (var 2024 Q4)."
        in html
    )


def test_slips_count_an_end_that_moved_while_the_start_stayed():
    from activities.changes import ACTIVITY, ItemState
    from activities.dependencies import slipped_predecessors

    def state(pk, end, title):
        return ItemState(ACTIVITY, pk, title, start_year=2024, start_quarter=1,
                         end_year=end and end[0], end_quarter=end and end[1])  # fmt: skip

    old = [state(1, (2024, 4), "Före"), state(2, None, "Efter")]
    assert [(s.successor, s.predecessor, str(s.before), str(s.after)) for s in
            slipped_predecessors(old, [state(1, (2025, 1), "Före"), old[1]], [(1, 2)])] == [
        ("Efter", "Före", "2024 Q4", "2025 Q1")
    ]  # fmt: skip
    assert slipped_predecessors(old, old, [(1, 2)]) == []
    assert slipped_predecessors(old, [state(1, (2024, 2), "Före"), old[1]], [(1, 2)]) == []


@pytest.mark.django_db
def test_the_map_lists_dependencies_as_text_and_marks_a_broken_one(client, pair):
    pred, succ = pair
    client.force_login(manager())
    html = client.get(reverse("roadmap:plan_map", args=[pred.plan.pk])).content.decode()
    assert "Beroenden (slut → start)" in html and "bryts" not in html
    succ.start_year, succ.start_quarter = 2024, 3
    succ.save()
    html = client.get(reverse("roadmap:plan_map", args=[pred.plan.pk])).content.decode()
    assert "bryts: börjar 2024 Q3, före 2024 Q4" in html
