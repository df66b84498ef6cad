import datetime as dt

import pytest
from django.urls import reverse

from activities.models import Status
from tests.factories import ActivityFactory, MeetingFactory, PlanFactory, analyst

pytestmark = pytest.mark.django_db


def test_agenda_lists_awaited_decisions_and_checkpoints(client):
    plan = PlanFactory()
    hsn = MeetingFactory(plan=plan, body="HSN", date=dt.date(2024, 6, 12), title="HSN maj/juni")
    other = MeetingFactory(plan=plan, body="SRB", date=dt.date(2024, 4, 19))
    ActivityFactory(
        plan=plan,
        title="Genomföra renovering i Fagersta",
        status=Status.AWAITING,
        status_note="Inväntar besked",
        awaits_decision_at=hsn,
    )
    ActivityFactory(plan=plan, title="Närakut Köping", next_meeting=hsn, status_note="HSN maj/juni")
    ActivityFactory(plan=plan, title="Annat möte", next_meeting=other)
    client.force_login(analyst())
    response = client.get(reverse("roadmap:meeting_agenda", args=[plan.pk, hsn.pk]))
    html = response.content.decode()
    assert [a.title for a in response.context["awaiting"]] == ["Genomföra renovering i Fagersta"]
    assert [a.title for a in response.context["checkpoint"]] == ["Närakut Köping"]
    assert "Annat möte" not in html
    assert "Inväntar besked" in html and "HSN maj/juni" in html


def test_agenda_of_another_plans_meeting_is_404(client):
    plan = PlanFactory()
    foreign = MeetingFactory(plan=PlanFactory())
    client.force_login(analyst())
    response = client.get(reverse("roadmap:meeting_agenda", args=[plan.pk, foreign.pk]))
    assert response.status_code == 404
