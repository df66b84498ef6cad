"""Swedish forms have a Swedish blank choice; meetings that share a name are told apart by date."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import ActivityFactory, MeetingFactory, MilestoneFactory, planner

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(planner())
    return client


def test_blank_choice_is_swedish_on_every_card_form(editor):
    activity = ActivityFactory()
    milestone = MilestoneFactory(plan=activity.plan)
    for url in (
        reverse("activities:edit", args=[activity.pk]),
        reverse("activities:create", args=[activity.plan.pk]),
        reverse("roadmap:milestone_edit", args=[milestone.pk]),
    ):
        html = editor.get(url).content.decode()
        assert "Select an option" not in html, url
        assert '<option value="" selected>– Välj –</option>' in html, url


def test_blank_choice_in_english(editor):
    activity = ActivityFactory()
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = editor.get(reverse("activities:edit", args=[activity.pk])).content.decode()
    assert '<option value="" selected>– Choose –</option>' in html


def test_meetings_with_the_same_name_show_their_dates(editor):
    activity = ActivityFactory()
    name = "Dialogmöte Köping (Hotell Scheele)"
    for day in (dt.date(2024, 5, 13), dt.date(2024, 10, 7)):
        MeetingFactory(plan=activity.plan, title=name, date=day)
    html = editor.get(reverse("activities:edit", args=[activity.pk])).content.decode()
    assert html.count(f"2024-05-13 · {name}") == 2  # next checkpoint and awaited decision
    assert html.count(f"2024-10-07 · {name}") == 2
