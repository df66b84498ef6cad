"""The red thread's tree: roll-up counts per node from the database."""

import datetime as dt

import pytest
from django.urls import reverse

from indicators.tree import build_tree
from strategy.models import Principle, Vision
from tests.factories import ActivityFactory, GoalFactory, PlanFactory, manager
from tests.indicators.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    TargetAreaFactory,
)

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 5, 1)


@pytest.fixture
def plan():
    plan = PlanFactory(first_year=2024, last_year=2026)
    stad1, stad2 = GoalFactory(plan=plan, code="Stad 1"), GoalFactory(plan=plan, code="Stad 2")
    when = {"start_year": 2024, "start_quarter": 1, "end_year": 2024}
    late = ActivityFactory(plan=plan, title="Sen", status="in_progress", end_quarter=4, **when)
    done = ActivityFactory(plan=plan, title="Klar", status="done", end_quarter=2, **when)
    ActivityFactory(plan=plan, title="Ny", status="planning").goals.add(stad2)
    late.goals.add(stad1)
    done.goals.add(stad1)
    met = IndicatorFactory(plan=plan, name="Når", final_target=10)
    IndicatorValueFactory(indicator=met, value=12)
    met.goals.add(stad1)
    IndicatorFactory(plan=plan, name="Utan mål").activities.add(done)
    area = TargetAreaFactory(plan=plan, name="Kompetensförsörjning", kind="result")
    area.goals.add(stad1)
    TargetAreaFactory(plan=plan, name="Psykisk ohälsa")
    return plan


def counts(summary):
    return {c.key: c.count for c in summary.activities}, {
        c.key: c.count for c in summary.indicators
    }


def test_goal_and_area_roll_up(plan):
    tree = build_tree(plan, DAY)
    stad1, stad2 = tree.goals
    assert counts(stad1.summary) == ({"in_progress": 1, "done": 1}, {"on_track": 1, "no_target": 1})
    assert [a.title for a in stad1.summary.late] == ["Sen"]
    assert counts(stad2.summary) == ({"planning": 1}, {})
    (result_kind, [area]), (target_kind, [empty]) = tree.area_groups[::-1]
    assert (str(result_kind), area.area.name) == ("Resultatområden", "Kompetensförsörjning")
    assert counts(area.summary) == counts(stad1.summary)
    assert (empty.summary.activity_total, empty.goals) == (0, [])
    assert counts(tree.summary) == (
        {"planning": 1, "in_progress": 1, "done": 1},
        {"on_track": 1, "no_target": 1},
    )


def test_tree_page_shows_vision_principles_and_roll_up(client, plan):
    Vision.objects.create(plan=plan, text="En vård nära invånaren.")
    Principle.objects.create(plan=plan, name="Uppströms", points="Främja hälsa\nBevara funktion")
    client.force_login(manager())
    page = client.get(reverse("indicators:plan_tree", args=[plan.pk])).content.decode()
    assert "En vård nära invånaren." in page
    assert "<li>Bevara funktion</li>" in page
    assert "1 försenad" in page
    assert f'id="goal-{plan.goals.get(code="Stad 1").pk}"' in page


def test_map_legend_links_each_goal_to_the_tree(client, plan):
    client.force_login(manager())
    page = client.get(reverse("roadmap:plan_map", args=[plan.pk])).content.decode()
    for goal in plan.goals.all():
        assert reverse("indicators:plan_tree", args=[plan.pk]) + f"#goal-{goal.pk}" in page


def test_tree_page_queries_do_not_grow_with_the_plan(client, plan, django_assert_max_num_queries):
    client.force_login(manager())
    with django_assert_max_num_queries(25):
        client.get(reverse("indicators:plan_tree", args=[plan.pk]))
