"""Planners edit a plan's vision, principles and target areas."""

import pytest
from django.urls import reverse

from strategy.models import Principle, TargetArea, Vision
from tests.factories import GoalFactory, PlanFactory, analyst, manager, planner

pytestmark = pytest.mark.django_db


def form_data(goal, **extra):
    data = {
        "vision-title": "Målbild", "vision-text": "En vård nära invånaren.", "vision-source": "",
        "principles-TOTAL_FORMS": 1, "principles-INITIAL_FORMS": 0,
        "principles-0-name": "Uppströms", "principles-0-points": "Främja hälsa\nBevara funktion",
        "principles-0-order": 0,
        "areas-TOTAL_FORMS": 1, "areas-INITIAL_FORMS": 0,
        "areas-0-kind": "target", "areas-0-name": "Psykisk ohälsa", "areas-0-goals": [goal.pk],
        "areas-0-order": 0,
    }  # fmt: skip
    return {**data, **extra}


def test_planner_saves_vision_principles_and_areas(client):
    plan = PlanFactory()
    goal = GoalFactory(plan=plan)
    client.force_login(planner())
    response = client.post(reverse("strategy:edit", args=[plan.pk]), form_data(goal))
    assert response.status_code == 302
    assert Vision.objects.get(plan=plan).text == "En vård nära invånaren."
    assert Principle.objects.get(plan=plan).point_list == ["Främja hälsa", "Bevara funktion"]
    assert list(TargetArea.objects.get(plan=plan).goals.all()) == [goal]


def test_a_goal_of_another_plan_saves_nothing(client):
    plan = PlanFactory()
    other = GoalFactory()
    client.force_login(planner())
    response = client.post(reverse("strategy:edit", args=[plan.pk]), form_data(other))
    assert response.status_code == 422
    assert not Vision.objects.exists() and not Principle.objects.exists()


def test_emptying_the_vision_removes_it(client):
    plan = PlanFactory()
    Vision.objects.create(plan=plan, text="Gammal")
    client.force_login(planner())
    data = form_data(GoalFactory(plan=plan), **{"vision-text": ""})
    assert client.post(reverse("strategy:edit", args=[plan.pk]), data).status_code == 302
    assert not Vision.objects.exists()


@pytest.mark.parametrize("role", [manager, analyst])
def test_only_planners_edit(client, role):
    plan = PlanFactory()
    client.force_login(role())
    assert client.get(reverse("strategy:edit", args=[plan.pk])).status_code == 403
    response = client.post(
        reverse("strategy:edit", args=[plan.pk]), form_data(GoalFactory(plan=plan))
    )
    assert response.status_code == 403 and not Vision.objects.exists()
