import datetime as dt

import pytest
from django.urls import reverse

from api.calendar import CalendarEvent, calendar_ics, fold
from api.models import ApiToken
from api.services import api_token_create
from tests.factories import MeetingFactory, PlanFactory, planner

pytestmark = pytest.mark.django_db


def test_ics_is_rfc5545_shaped():
    event = CalendarEvent("m-1@fardplan", dt.date(2024, 4, 24), "HSN; april, 2024", "https://x/a")
    text = calendar_ics("Hälsa 2029", [event], stamp=dt.datetime(2024, 4, 1, 8, tzinfo=dt.UTC))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert "DTSTART;VALUE=DATE:20240424\r\nDTEND;VALUE=DATE:20240425\r\n" in text
    assert "SUMMARY:HSN\\; april\\, 2024\r\n" in text
    assert "DTSTAMP:20240401T080000Z" in text
    assert text.endswith("END:VCALENDAR\r\n")


def test_long_lines_fold_at_75_octets_without_splitting_characters():
    folded = fold("DESCRIPTION:" + "å" * 80)
    lines = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert "".join(line.removeprefix(" ") for line in lines) == "DESCRIPTION:" + "å" * 80


def test_calendar_feed_lists_meetings_linking_to_their_agendas(client):
    plan = PlanFactory(name="Hälsa 2029")
    meeting = MeetingFactory(plan=plan, body="HSN", date=dt.date(2024, 4, 24), title="")
    _token, secret = api_token_create(user=planner(), label="Outlook")
    response = client.get(reverse("feeds:calendar", args=[secret, plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    agenda = reverse("roadmap:meeting_agenda", args=[plan.pk, meeting.pk])
    assert f"URL:http://testserver{agenda}" in text
    assert "SUMMARY:HSN 2024-04-24" in text
    assert f"UID:meeting-{meeting.pk}@fardplan" in text


def test_calendar_with_wrong_or_revoked_token_is_404(client):
    plan = PlanFactory()
    token, secret = api_token_create(user=planner(), label="Outlook")
    assert client.get(reverse("feeds:calendar", args=["nope", plan.pk])).status_code == 404
    token.revoke()
    assert client.get(reverse("feeds:calendar", args=[secret, plan.pk])).status_code == 404


def test_user_creates_token_in_browser_sees_it_once_and_revokes_it(client):
    user = planner()
    plan = PlanFactory()
    client.force_login(user)
    response = client.post(reverse("feeds:tokens"), {"label": "Power BI"})
    assert response.status_code == 201
    secret = response.context["secret"]
    assert secret in response.text
    assert reverse("feeds:calendar", args=[secret, plan.pk]) in response.text
    token = ApiToken.objects.get(user=user)
    assert secret not in client.get(reverse("feeds:tokens")).text
    response = client.post(reverse("feeds:revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_someone_elses_token(client):
    token, _secret = api_token_create(user=planner(), label="x")
    client.force_login(planner())
    assert client.post(reverse("feeds:revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_needs_a_label(client):
    client.force_login(planner())
    response = client.post(reverse("feeds:tokens"), {"label": ""})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
