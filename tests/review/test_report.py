import datetime as dt

import pytest
from django.urls import reverse

from activities.models import Status
from activities.snapshots import snapshot_take
from review.report import ReportRefused, build_report
from tests.factories import ActivityFactory, GoalFactory, PlanFactory, analyst, manager

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PlanFactory(
        name="Hälsa- och sjukvården 2029", document_version="Aktuellt läge HSN 24 april 2024"
    )
    stad1 = GoalFactory(plan=plan, code="Stad 1", title="Hälso- och sjukvårdens utveckling")
    stad3 = GoalFactory(plan=plan, code="Stad 3", title="Förutsättningar")
    it = plan.lanes.get(name="IT/Teknisk utveckling")
    ActivityFactory(
        plan=plan,
        title="Närakut Köping",
        placed=True,
        status=Status.PLANNING,
        status_note="HSN maj/juni",
        leader="Johan Nordmark",
        next_checkpoint="HSN maj/juni",
    ).goals.add(stad1)
    ActivityFactory(
        plan=plan, title="Lokalförsörjningsplan", placed=True, status=Status.PLANNING
    ).goals.add(stad3)
    ActivityFactory(
        plan=plan, title="Renovering Fagersta", lane=it, start_year=2024, start_quarter=1
    ).goals.add(stad3)
    ActivityFactory(plan=plan, title="Utan mål", status=Status.DONE)
    return plan


def four_changes(plan):
    a = plan.activities.get(title="Närakut Köping")
    a.status = Status.IN_PROGRESS
    a.save()
    b = plan.activities.get(title="Lokalförsörjningsplan")
    b.start_quarter = 3
    b._change_reason = "Resursbrist"
    b.save()
    plan.activities.get(title="Renovering Fagersta").delete()
    ActivityFactory(plan=plan, title="Gemensam plan för primärvården")


def test_report_groups_counts_and_late_items(plan):
    report = build_report(plan, None)
    headings = [g.heading for g in report.groups]
    assert headings == [
        "Stad 1: Hälso- och sjukvårdens utveckling",
        "Stad 3: Förutsättningar",
        "Utan mål",
    ]
    stad3 = report.groups[1]
    assert [lane.lane for lane in stad3.lanes] == ["Verksamhetsutveckling", "IT/Teknisk utveckling"]
    counts = {c.status: c.count for c in report.status_counts}
    assert counts["planning"] == 2 and counts["done"] == 1 and counts["not_started"] == 1
    # Planned for 2024 and not done: late by now; the done one is not.
    assert {a.title for a in report.overdue} == {
        "Närakut Köping",
        "Lokalförsörjningsplan",
        "Renovering Fagersta",
    }
    assert report.changes is None


def test_report_shows_the_changes_since_the_last_snapshot(client, plan):
    snapshot_take(plan=plan, meeting=None, title="Aktuellt läge HSN 24 april 2024", user=None)
    four_changes(plan)
    client.force_login(analyst())
    response = client.get(reverse("roadmap:report", args=[plan.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    report = response.context["report"]
    assert sorted(str(k) for item in report.changes.items for k in item.kinds) == [
        "added",
        "moved_later",
        "removed",
        "status",
    ]
    for text in (
        "Ändringar sedan ”Aktuellt läge HSN 24 april 2024”",
        "status Planering → Pågår",
        "flyttad 2 kvartal senare, från 2024 Q1 till 2024 Q3",
        "Resursbrist",
        "Renovering Fagersta",
        "Gemensam plan för primärvården",
        "Johan Nordmark",
        "HSN maj/juni",
        "försenad",
        "version Aktuellt läge HSN 24 april 2024",
    ):
        assert text in html, text
    assert 'media="print"' in html and "css/print.css" in html


def test_report_for_a_past_date_uses_the_history(client, plan):
    client.force_login(manager())
    today = dt.date.today()
    response = client.get(reverse("roadmap:report", args=[plan.pk]), {"datum": today.isoformat()})
    assert response.status_code == 200


def test_report_before_the_plan_existed_is_a_message(client, plan):
    client.force_login(manager())
    response = client.get(reverse("roadmap:report", args=[plan.pk]), {"datum": "2001-01-01"})
    assert response.status_code == 400
    assert "fanns inte 2001-01-01" in response.content.decode()
    with pytest.raises(ReportRefused):
        build_report(plan, dt.date(2001, 1, 1))


@pytest.mark.parametrize("raw", ["igår", "2024-13-01", "9999-01-01"])
def test_report_with_a_bad_date_is_a_message(client, plan, raw):
    client.force_login(manager())
    response = client.get(reverse("roadmap:report", args=[plan.pk]), {"datum": raw})
    assert response.status_code == 400
    assert "message-error" in response.content.decode()


def test_titles_with_markup_are_text_in_the_report(client, plan):
    ActivityFactory(plan=plan, title="<script>alert(1)</script>")
    client.force_login(manager())
    html = client.get(reverse("roadmap:report", args=[plan.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
