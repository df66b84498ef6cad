import pytest
from django.urls import reverse

from activities.models import Activity
from tests.factories import PlanFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def post_activity(admin_client, plan, **fields):
    data = {
        "plan": plan.pk,
        "title": "Via admin",
        "status": "planning",
        "position": 0,
        "scenarios-TOTAL_FORMS": 0,
        "scenarios-INITIAL_FORMS": 0,
        "scenarios-MIN_NUM_FORMS": 0,
        "scenarios-MAX_NUM_FORMS": 1000,
        **fields,
    }
    return admin_client.post(reverse("admin:activities_activity_add"), data)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"start_year": 2025, "start_quarter": 5}, "start_quarter", "4"),
        ({"start_year": 2031, "start_quarter": 1}, "start_year", "2024–2029"),
    ],
)
def test_admin_refuses_bad_placements_naming_the_field(admin_client, fields, field, words):
    plan = PlanFactory()
    response = post_activity(admin_client, plan, lane=plan.lanes.first().pk, **fields)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert field in errors and words in " ".join(errors[field])
    assert not Activity.objects.exists()


def test_admin_refuses_another_plans_lane(admin_client):
    plan, other = PlanFactory(), PlanFactory()
    response = post_activity(admin_client, plan, lane=other.lanes.first().pk)
    assert "lane" in response.context["adminform"].form.errors
    assert not Activity.objects.exists()


def test_admin_changelists_render(admin_client):
    PlanFactory()
    for name in ("activities_activity", "roadmap_plan", "roadmap_goal", "roadmap_milestone"):
        assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
