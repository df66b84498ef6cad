"""Staffing on the activities it concerns: the demo's link, the trend as
numbers, and who sees it."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from activities.models import Activity
from activity_staffing.models import StaffingLink
from activity_staffing.trend import sparkline
from staffing.models import Unit
from tests.factories import UserFactory, analyst, manager, planner

pytestmark = pytest.mark.django_db
NARAKUT = "Utredning och detaljerad beskrivning av närakutsuppdraget i Köping"


@pytest.fixture
def narakut():
    call_command("demo", stdout=io.StringIO())
    return Activity.objects.get(title=NARAKUT)


def test_demo_links_narakut_to_the_unit_and_base_unit_once(narakut):
    call_command("demo", stdout=io.StringIO())
    links = StaffingLink.objects.filter(activity=narakut)
    assert sorted(str(x.unit or x.base_unit) for x in links) == [
        "1722100 Akutmottagningen Köping",
        "P3 Medicinkliniken Köping Fagersta",
    ]


@pytest.mark.parametrize("role", [planner, manager, analyst])
def test_every_role_sees_the_linked_units_figures_as_text(client, narakut, role):
    client.force_login(role())
    html = client.get(reverse("activity_staffing:activity", args=[narakut.pk])).content.decode()
    assert "1722100 Akutmottagningen Köping" in html
    assert "P3 Medicinkliniken Köping Fagersta" in html
    assert "anställda 2021-03" in html and "(förändring" in html
    assert "Slutade:" in html and "ssk" in html


def test_a_user_without_a_role_sees_nothing(client, narakut):
    client.force_login(UserFactory())
    assert client.get(reverse("activity_staffing:activity", args=[narakut.pk])).status_code == 403


def test_planners_but_not_managers_keep_out_of_the_staffing_area(client, narakut):
    client.force_login(planner())
    assert client.get(reverse("staffing:dashboard")).status_code == 403
    client.force_login(manager())
    assert client.get(reverse("staffing:dashboard")).status_code == 200


def test_the_panel_and_detail_page_load_the_trend(client, narakut):
    client.force_login(planner())
    url = reverse("activity_staffing:activity", args=[narakut.pk])
    for page in ("activities:detail", "activities:edit"):
        assert f'hx-get="{url}"' in client.get(reverse(page, args=[narakut.pk])).content.decode()
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith("<section") and "Akutmottagningen Köping" in fragment


def test_planner_chooses_the_units(client, narakut):
    unit = Unit.objects.get(code="1722190")
    client.force_login(planner())
    url = reverse("activity_staffing:edit", args=[narakut.pk])
    assert client.post(url, {"units": [unit.pk]}).status_code == 302
    assert [str(x.unit) for x in StaffingLink.objects.filter(activity=narakut)] == [str(unit)]


@pytest.mark.parametrize("role", [manager, analyst])
def test_only_planners_choose_units(client, narakut, role):
    client.force_login(role())
    url = reverse("activity_staffing:edit", args=[narakut.pk])
    assert client.post(url, {"units": []}).status_code == 403
    assert StaffingLink.objects.filter(activity=narakut).count() == 2


def test_sparkline_points():
    assert sparkline([1]) == ""
    assert sparkline([10, 20], width=100, height=20) == "0.0,20.0 100.0,0.0"
    assert sparkline([5, 5], width=100, height=20) == "0.0,10.0 100.0,10.0"
