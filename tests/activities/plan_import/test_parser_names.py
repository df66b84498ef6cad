"""A new plan from a workbook never gets an existing plan's name, and a file
with nothing new offers no import."""

import pytest

from roadmap.models import Plan
from tests.activities.plan_import.test_parser import SHARED
from tests.activities.plan_import.test_views import upload
from tests.factories import PlanFactory, planner

pytestmark = pytest.mark.django_db

TITLE = "Aktivitetsplan Samsjukvården Södra Älvsborg 2023"


@pytest.fixture
def planner_client(client):
    client.force_login(planner())
    return client


def test_the_proposed_name_is_not_an_existing_plans(planner_client):
    PlanFactory(name=TITLE)
    PlanFactory(name=f"{TITLE} (2)")
    html = planner_client.get(upload(planner_client, SHARED.read_bytes())["Location"])
    assert f'value="{TITLE} (3)"' in html.content.decode()


def test_an_existing_plans_name_is_refused_and_nothing_is_created(planner_client):
    PlanFactory(name=TITLE)
    url = upload(planner_client, SHARED.read_bytes())["Location"]
    response = planner_client.post(
        url, {"name": TITLE.upper(), "first_year": 2022, "last_year": 2023, "lane": "0"}
    )
    assert response.status_code == 200
    assert f"Det finns redan en plan som heter ”{TITLE.upper()}”" in response.content.decode()
    assert Plan.objects.filter(name__iexact=TITLE).count() == 1


def test_an_unchanged_file_offers_no_import(planner_client):
    plan = PlanFactory(first_year=2022, last_year=2024)
    data = SHARED.read_bytes()
    url = upload(planner_client, data, plan=plan)["Location"]
    planner_client.post(url, {"lane": plan.lanes.first().pk})
    url = upload(planner_client, data, plan=plan)["Location"]
    html = planner_client.get(url).content.decode()
    assert "Importera 0" not in html
    assert "Alla 19 aktiviteter finns redan i planen; det finns inget att importera." in html
    assert 'form="import-cancel"' in html  # the way out is still there
