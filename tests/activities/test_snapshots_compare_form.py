"""The changes page's form shows the points the page compares."""

import re

import pytest
from django.urls import reverse

from activities.snapshots import snapshot_take
from tests.factories import ActivityFactory, PlanFactory, manager

pytestmark = pytest.mark.django_db


def _selected(html: str, name: str) -> str:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    chosen = re.search(r"<option[^>]*selected[^>]*>([^<]*)</option>", select)
    return chosen.group(1) if chosen else ""


@pytest.mark.parametrize("query", [{}, {"till_datum": ""}, {"fran": ""}])
def test_from_select_names_the_snapshot_the_heading_names(client, query):
    plan = PlanFactory()
    ActivityFactory(plan=plan)
    snapshot_take(plan=plan, meeting=None, title="Första läget", user=None)
    snapshot_take(plan=plan, meeting=None, title="HSN 24 april", user=None)
    client.force_login(manager())
    html = client.get(reverse("roadmap:changes", args=[plan.pk]), query).content.decode()
    assert "Från HSN 24 april till nu" in html
    assert _selected(html, "fran") == "HSN 24 april"


def test_from_select_stays_empty_when_a_date_is_chosen(client):
    plan = PlanFactory()
    ActivityFactory(plan=plan)
    snapshot_take(plan=plan, meeting=None, title="HSN 24 april", user=None)
    client.force_login(manager())
    day = plan.created_at.date().isoformat()
    html = client.get(
        reverse("roadmap:changes", args=[plan.pk]), {"fran_datum": day}
    ).content.decode()
    assert f"Från {day} till nu" in html
    assert _selected(html, "fran") == "–"
