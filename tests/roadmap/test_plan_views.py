import pytest
from django.urls import reverse

from roadmap.models import Plan
from tests.factories import ActivityFactory, PlanFactory, manager

pytestmark = pytest.mark.django_db


def settings_data(plan: Plan, **changes) -> dict:
    data = {
        "name": plan.name,
        "organisation": plan.organisation,
        "first_year": plan.first_year,
        "last_year": plan.last_year,
    }
    for prefix, rows in (
        ("lanes", [(lane.pk, lane.name, lane.order) for lane in plan.lanes.all()]),
        ("owner_levels", [(lv.pk, lv.name, lv.order) for lv in plan.owner_levels.all()]),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for i, (pk, name, order) in enumerate(rows):
            data.update(
                {f"{prefix}-{i}-id": pk, f"{prefix}-{i}-name": name, f"{prefix}-{i}-order": order}
            )
    for prefix in ("goals", "meetings"):
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    data.update(changes)
    return data


def test_create_a_plan_with_the_default_frame(editor):
    response = editor.post(
        reverse("roadmap:plan_create"),
        {
            "name": "Nära vård Gävleborg",
            "organisation": "Region Gävleborg",
            "first_year": 2025,
            "last_year": 2030,
        },
    )
    plan = Plan.objects.get(name="Nära vård Gävleborg")
    assert response["Location"] == reverse("roadmap:plan_settings", args=[plan.pk])
    assert plan.lanes.count() == 3 and plan.owner_levels.count() == 3


def test_create_refuses_years_in_the_wrong_order(editor):
    response = editor.post(
        reverse("roadmap:plan_create"), {"name": "X", "first_year": 2030, "last_year": 2025}
    )
    assert response.status_code == 200
    assert "Sista år" in response.content.decode()
    assert not Plan.objects.exists()


def test_rename_a_lane_add_a_goal_and_a_meeting(editor):
    plan = PlanFactory()
    first = plan.lanes.first()
    data = settings_data(
        plan,
        **{
            "lanes-0-name": "Vård och omsorg",
            "goals-TOTAL_FORMS": 1,
            "goals-0-code": "Mål 1",
            "goals-0-title": "Fler vårdas hemma",
            "goals-0-colour": "#aa3300",
            "goals-0-order": 0,
            "meetings-TOTAL_FORMS": 1,
            "meetings-0-body": "HSN",
            "meetings-0-date": "2025-05-20",
            "meetings-0-title": "HSN maj",
        },
    )
    response = editor.post(reverse("roadmap:plan_settings", args=[plan.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    first.refresh_from_db()
    assert first.name == "Vård och omsorg"
    assert plan.goals.get().colour == "#aa3300"
    assert str(plan.meetings.get().date) == "2025-05-20"


def test_narrowing_years_past_placed_activities_is_refused_and_saves_nothing(editor):
    plan = PlanFactory(first_year=2024, last_year=2029)
    ActivityFactory(plan=plan, lane=plan.lanes.first(), start_year=2029, start_quarter=1)
    data = settings_data(plan, last_year=2027, name="Nytt namn")
    response = editor.post(reverse("roadmap:plan_settings", args=[plan.pk]), data)
    assert response.status_code == 422
    assert "1 aktiviteter ligger utanför 2024–2027" in response.content.decode()
    plan.refresh_from_db()
    assert (plan.last_year, plan.name) != (2027, "Nytt namn")


def test_deleting_a_lane_puts_its_activities_in_the_tray(editor):
    plan = PlanFactory()
    lane = plan.lanes.first()
    activity = ActivityFactory(plan=plan, lane=lane, start_year=2025, start_quarter=1)
    data = settings_data(plan, **{"lanes-0-DELETE": "on"})
    assert editor.post(reverse("roadmap:plan_settings", args=[plan.pk]), data).status_code == 302
    activity.refresh_from_db()
    assert activity.lane is None and not activity.is_placed


def test_readers_get_403(client):
    plan = PlanFactory()
    client.force_login(manager())
    assert client.get(reverse("roadmap:plan_settings", args=[plan.pk])).status_code == 403
    assert client.post(reverse("roadmap:plan_create"), {"name": "X"}).status_code == 403
    assert not Plan.objects.filter(name="X").exists()
