import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.changes import Kind
from activities.models import Status
from activities.snapshots import (
    Point,
    PointRefused,
    SnapshotRefused,
    compare,
    date_point,
    now_point,
    snapshot_point,
    snapshot_take,
    state_at,
)
from roadmap.models import FrozenError, Snapshot
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    MeetingFactory,
    MilestoneFactory,
    PlanFactory,
    analyst,
    manager,
    planner,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PlanFactory(name="Hälsa- och sjukvården 2029")
    goal = GoalFactory(plan=plan, code="Stad 1", colour="#1b6ca8")
    for title in ("Närakut Köping", "Lokalförsörjningsplan", "Renovering Fagersta"):
        ActivityFactory(plan=plan, title=title, placed=True, status=Status.PLANNING).goals.add(goal)
    return plan


def test_snapshot_then_four_changes_diff_lists_exactly_those(plan):
    meeting = MeetingFactory(plan=plan, body="HSN", date=dt.date(2024, 4, 24))
    snapshot = snapshot_take(plan=plan, meeting=meeting, title="", user=planner())
    assert snapshot.title == str(meeting)
    assert snapshot.activity_count == 3

    a = plan.activities.get(title="Närakut Köping")
    a.status = Status.IN_PROGRESS
    a.save()
    b = plan.activities.get(title="Lokalförsörjningsplan")
    b.start_quarter = 2
    b._change_reason = "Resursbrist: väntar på rekrytering"
    b.save()
    b = plan.activities.get(pk=b.pk)
    b.start_quarter = 3
    b.save()  # the second step of the move: no reason given this time
    plan.activities.get(title="Renovering Fagersta").delete()
    ActivityFactory(plan=plan, title="Gemensam plan för primärvården")

    changes = compare(plan, snapshot_point(snapshot), now_point())
    found = sorted((item.item.title, str(kind)) for item in changes.items for kind in item.kinds)
    assert found == [
        ("Gemensam plan för primärvården", "added"),
        ("Lokalförsörjningsplan", "moved_later"),
        ("Närakut Köping", "status"),
        ("Renovering Fagersta", "removed"),
    ]
    status = changes.status_changes[0].first(Kind.STATUS)
    assert (status.before, status.after) == ("Planering", "Pågår")
    moved = changes.moved_later[0].first(Kind.MOVED_LATER)
    assert moved.quarters == 2
    assert moved.reason == "Resursbrist: väntar på rekrytering"


def test_a_move_without_a_reason_says_so(plan):
    snapshot = snapshot_take(plan=plan, meeting=None, title="Före", user=None)
    b = plan.activities.get(title="Lokalförsörjningsplan")
    b.lane = None
    b.save()
    changes = compare(plan, snapshot_point(snapshot), now_point())
    change = changes.unplaced[0].first(Kind.UNPLACED)
    assert change.reason == ""
    from activities.change_text import reason_text

    assert reason_text(change) == "ingen orsak angiven"


def test_milestone_moves_are_compared(plan):
    milestone = MilestoneFactory(plan=plan, title="Beslut i HSN", year=2024, quarter=2)
    snapshot = snapshot_take(plan=plan, meeting=None, title="Före", user=None)
    milestone.quarter = 4
    milestone._change_reason = "Beslut"
    milestone.save()
    changes = compare(plan, snapshot_point(snapshot), now_point())
    moved = changes.get("milestone", milestone.pk).first(Kind.MOVED_LATER)
    assert moved.quarters == 2 and moved.reason == "Beslut"


def test_snapshot_is_frozen(plan):
    snapshot = snapshot_take(plan=plan, meeting=None, title="HSN", user=None)
    snapshot.title = "Ändrad"
    with pytest.raises(FrozenError):
        snapshot.save()
    plan.activities.update(status=Status.DONE)
    snapshot = Snapshot.objects.get(pk=snapshot.pk)
    assert {s.status for s in state_at(plan, snapshot_point(snapshot))} == {"planning"}


def test_snapshot_of_an_empty_plan_is_refused():
    with pytest.raises(SnapshotRefused, match="inga aktiviteter"):
        snapshot_take(plan=PlanFactory(), meeting=None, title="", user=None)
    assert not Snapshot.objects.exists()


def test_snapshots_of_two_plans_are_not_compared(plan):
    other = PlanFactory(name="Handlingsplan Nära vård")
    ActivityFactory(plan=other)
    foreign = snapshot_take(plan=other, meeting=None, title="Kalmar", user=None)
    with pytest.raises(PointRefused, match="hör till planen ”Handlingsplan Nära vård”"):
        compare(plan, snapshot_point(foreign), now_point())


def test_state_as_of_a_date_reads_the_history(plan):
    a = plan.activities.get(title="Närakut Köping")
    moment = timezone.now()
    a.status = Status.DONE
    a.save()
    then = {s.title: s.status for s in state_at(plan, Point("då", moment))}
    assert then["Närakut Köping"] == "planning"
    assert {s.title: s.status for s in state_at(plan, now_point())}["Närakut Köping"] == "done"


def test_a_date_before_the_plan_existed_is_refused(plan):
    with pytest.raises(PointRefused, match="fanns inte"):
        state_at(plan, date_point(dt.date(2001, 1, 1)))


# Views


def test_manager_takes_a_snapshot_and_sees_it_listed(client, plan):
    meeting = MeetingFactory(
        plan=plan, body="HSN", date=dt.date(2024, 4, 24), title="Aktuellt läge HSN 24 april 2024"
    )
    client.force_login(manager())
    response = client.post(
        reverse("roadmap:snapshot_create", args=[plan.pk]), {"meeting": meeting.pk, "title": ""}
    )
    assert response.status_code == 302
    snapshot = Snapshot.objects.get()
    assert snapshot.title == "Aktuellt läge HSN 24 april 2024"
    assert snapshot.short_label == "HSN 24/4"
    page = client.get(reverse("roadmap:review", args=[plan.pk])).content.decode()
    assert "Aktuellt läge HSN 24 april 2024" in page
    assert "är sparat med 3 aktiviteter" in page


def test_analyst_may_not_take_a_snapshot(client, plan):
    client.force_login(analyst())
    response = client.post(reverse("roadmap:snapshot_create", args=[plan.pk]), {})
    assert response.status_code == 403
    assert not Snapshot.objects.exists()
    assert client.get(reverse("roadmap:review", args=[plan.pk])).status_code == 200


def test_empty_plan_snapshot_shows_a_message_not_a_500(client):
    empty = PlanFactory()
    client.force_login(planner())
    response = client.post(reverse("roadmap:snapshot_create", args=[empty.pk]), {}, follow=True)
    assert response.status_code == 200
    assert "inga aktiviteter eller delmål ännu" in response.content.decode()


def test_meeting_of_another_plan_is_refused(client, plan):
    foreign = MeetingFactory(plan=PlanFactory())
    client.force_login(planner())
    response = client.post(
        reverse("roadmap:snapshot_create", args=[plan.pk]), {"meeting": foreign.pk}, follow=True
    )
    assert "inget läge sparades" in response.content.decode()
    assert not Snapshot.objects.exists()


def test_changes_page_lists_changes_and_reasons(client, plan):
    snapshot = snapshot_take(plan=plan, meeting=None, title="HSN 24/4", user=None)
    b = plan.activities.get(title="Lokalförsörjningsplan")
    b.start_year, b.start_quarter = 2024, 3
    b._change_reason = "Inväntar besked: SRB"
    b.save()
    client.force_login(analyst())
    html = client.get(
        reverse("roadmap:changes", args=[plan.pk]), {"fran": snapshot.pk}
    ).content.decode()
    assert "Flyttade senare" in html
    assert "flyttad 2 kvartal senare, från 2024 Q1 till 2024 Q3" in html
    assert "Inväntar besked: SRB" in html


def test_changes_page_refuses_another_plans_snapshot_with_a_message(client, plan):
    other = PlanFactory(name="Samsjukvården")
    ActivityFactory(plan=other)
    foreign = snapshot_take(plan=other, meeting=None, title="Älvsborg", user=None)
    client.force_login(manager())
    response = client.get(reverse("roadmap:changes", args=[plan.pk]), {"fran": foreign.pk})
    assert response.status_code == 400
    assert "Jämför bara ögonblicksbilder av samma plan" in response.content.decode()


def test_changes_page_without_snapshots_asks_for_one(client, plan):
    client.force_login(manager())
    response = client.get(reverse("roadmap:changes", args=[plan.pk]))
    assert response.status_code == 200  # guidance, not an error: nothing was asked yet
    assert "ingen ögonblicksbild av planen ännu" in response.content.decode()
    bad = client.get(reverse("roadmap:changes", args=[plan.pk]) + "?fran=99999")
    assert bad.status_code == 400


def test_map_marks_changed_cards_since_a_snapshot(client, plan):
    meeting = MeetingFactory(plan=plan, body="HSN", date=dt.date(2024, 4, 24))
    snapshot = snapshot_take(plan=plan, meeting=meeting, title="", user=None)
    a = plan.activities.get(title="Närakut Köping")
    a.status = Status.IN_PROGRESS
    a.save()
    b = plan.activities.get(title="Lokalförsörjningsplan")
    b.start_quarter = 3
    b.save()
    plan.activities.get(title="Renovering Fagersta").delete()
    ActivityFactory(plan=plan, title="Gemensam plan")
    client.force_login(manager())
    url = reverse("roadmap:plan_map", args=[plan.pk])
    plain = client.get(url).content.decode()
    assert "sedan HSN 24/4" in plain and "Ändrad sedan" not in plain
    html = client.get(url, {"since": snapshot.pk}).content.decode()
    assert "Ändrad sedan HSN 24/4:</strong> status Planering → Pågår" in html
    assert (
        "flyttad 2 kvartal senare, från 2024 Q1 till 2024 Q3 (orsak: ingen orsak angiven)" in html
    )
    assert "Ny sedan HSN 24/4" in html
    assert "Borttagna sedan dess: Renovering Fagersta" in html
    assert html.count('class="card-change"') == 3
    assert f'name="since" value="{snapshot.pk}"' in html  # filters keep the toggle


@pytest.mark.parametrize("since", ["abc", "999999"])
def test_map_with_an_unknown_snapshot_shows_a_message(client, plan, since):
    client.force_login(manager())
    response = client.get(reverse("roadmap:plan_map", args=[plan.pk]), {"since": since})
    assert response.status_code == 200
    assert "inga ändringar markeras" in response.content.decode()


def test_map_ignores_another_plans_snapshot(client, plan):
    other = PlanFactory()
    ActivityFactory(plan=other)
    foreign = snapshot_take(plan=other, meeting=None, title="Annan", user=None)
    client.force_login(manager())
    html = client.get(
        reverse("roadmap:plan_map", args=[plan.pk]), {"since": foreign.pk}
    ).content.decode()
    assert "inga ändringar markeras" in html and "card-change" not in html
