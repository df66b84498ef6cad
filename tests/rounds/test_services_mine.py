""" "Mina aktiviteter": a user's activities across plans, with what is due."""

import datetime as dt

import pytest
from django.urls import reverse

from activities.models import Status
from rounds.services import round_open
from tests.factories import ActivityFactory, PlanFactory, UserFactory, planner

pytestmark = pytest.mark.django_db


def test_my_activities_across_plans_with_the_open_request(
    client, plan, meeting, activities, owners
):
    johan = owners[0]
    other_plan = PlanFactory(name="Handlingsplan Nära vård")
    ActivityFactory(
        plan=other_plan, placed=True, title="Gemensam plan", owner=johan, status=Status.DONE
    )
    round_ = round_open(plan=plan, meeting=meeting, due_date=dt.date(2024, 4, 15), user=None)
    client.force_login(johan)
    page = client.get(reverse("rounds:mine")).text
    for title in ("Närakut Köping", "Vårdplatser", "Gemensam plan", "Handlingsplan Nära vård"):
        assert title in page
    assert "Lab Fagersta" not in page and "Utan ansvarig användare" not in page
    for req in round_.requests.filter(owner=johan):
        assert reverse("rounds:answer", args=[req.pk]) in page
    assert page.count("Svara inför HSN 24 april 2024 senast 2024-04-15") == 2
    # Placed in 2024 Q1: late unless done (the one in the other plan is done).
    assert page.count("försenad") == 2


def test_a_user_without_activities_is_told_how_they_get_some(client):
    client.force_login(UserFactory(username="ny"))
    page = client.get(reverse("rounds:mine")).text
    assert "Du är inte ansvarig för någon aktivitet ännu." in page


def test_owner_is_set_on_the_activity_form(client, plan, owners):
    activity = ActivityFactory(plan=plan, placed=True, title="Ny ägare")
    client.force_login(planner(username="p"))
    form = client.get(reverse("activities:edit", args=[activity.pk])).text
    assert f'<option value="{owners[0].pk}">Johan Nordmark</option>' in form
