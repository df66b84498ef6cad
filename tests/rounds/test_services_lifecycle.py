"""A round's life: opening, answering (as a versioned edit), "oförändrat",
refusals, and who may do what."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from activities.models import Activity, Status
from activities.snapshots import Point, compare, now_point
from rounds.models import Answer, Reminder, Round, StatusRequest
from rounds.services import RoundRefused, request_unchanged, round_open
from tests.factories import MeetingFactory, PlanFactory, analyst, manager, planner

pytestmark = pytest.mark.django_db

DUE = dt.date(2024, 4, 15)


def open_round(plan, meeting, user=None) -> Round:
    return round_open(plan=plan, meeting=meeting, due_date=DUE, user=user)


def closed_round(plan, meeting) -> tuple[Round, StatusRequest]:
    """A round closed as soon as it opened, and its request about Närakut Köping (Johan's)."""
    round_ = open_round(plan, meeting)
    req = round_.requests.get(activity__title="Närakut Köping")
    round_.close(round_.opened_at)
    return round_, req


def test_open_asks_every_placed_activity_with_an_owner(plan, meeting, activities):
    round_ = open_round(plan, meeting)
    asked = sorted(round_.requests.values_list("activity__title", "owner__username"))
    assert asked == [("Lab Fagersta", "eva"), ("Närakut Köping", "johan"), ("Vårdplatser", "johan")]
    assert round_.is_open


def test_open_refuses_a_due_date_after_the_meeting(plan, meeting, activities):
    with pytest.raises(RoundRefused) as refused:
        round_open(plan=plan, meeting=meeting, due_date=dt.date(2024, 4, 25), user=None)
    assert str(refused.value) == (
        "Svar senast: 2024-04-25 ligger efter mötet (2024-04-24); välj en dag före mötet."
    )
    assert Round.objects.count() == 0


def test_open_refuses_a_second_round_and_a_plan_without_owners(plan, meeting, activities):
    open_round(plan, meeting)
    with pytest.raises(RoundRefused, match="det finns redan en statusomgång"):
        open_round(plan, meeting)
    other = PlanFactory()
    other_meeting = MeetingFactory(plan=other, date=dt.date(2024, 5, 1))
    with pytest.raises(RoundRefused, match="Ingen placerad aktivitet"):
        round_open(plan=other, meeting=other_meeting, due_date=DUE, user=None)
    with pytest.raises(RoundRefused, match="hör till en annan plan"):
        round_open(plan=plan, meeting=other_meeting, due_date=DUE, user=None)
    assert Round.objects.count() == 1 and StatusRequest.objects.count() == 3


def test_manager_opens_a_round_and_owners_get_mail_with_their_links(
    client, plan, meeting, activities, owners
):
    client.force_login(manager(username="chef"))
    response = client.post(
        reverse("rounds:plan_rounds", args=[plan.pk]),
        {"meeting": meeting.pk, "due_date": "2024-04-15"},
    )
    round_ = Round.objects.get()
    assert response.status_code == 302 and response.url == round_.get_absolute_url()
    assert sorted(m.to[0] for m in mail.outbox) == ["e@x.se", "j@x.se"]
    johan_mail = next(m for m in mail.outbox if m.to == ["j@x.se"])
    assert johan_mail.subject == "Status inför HSN 24 april 2024: svara senast 2024-04-15"
    for req in round_.requests.filter(owner=owners[0]):
        assert f"http://testserver/svar/{req.pk}/" in johan_mail.body
        assert req.activity.title in johan_mail.body
    eva_request = round_.requests.get(owner=owners[1])
    assert f"/svar/{eva_request.pk}/" not in johan_mail.body
    assert Reminder.objects.filter(kind="opening").count() == 2


@pytest.mark.parametrize("role", [analyst, None])
def test_only_planners_and_managers_open_or_see_rounds(client, plan, meeting, activities, role):
    user = role(username="x") if role else activities[0].owner
    client.force_login(user)
    url = reverse("rounds:plan_rounds", args=[plan.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"meeting": meeting.pk, "due_date": "2024-04-15"}).status_code == 403
    round_ = open_round(plan, meeting)
    assert client.get(round_.get_absolute_url()).status_code == 403
    assert Round.objects.count() == 1


def test_bad_open_form_says_what_and_changes_nothing(client, plan, meeting, activities):
    client.force_login(planner(username="p"))
    response = client.post(
        reverse("rounds:plan_rounds", args=[plan.pk]),
        {"meeting": meeting.pk, "due_date": "2024-05-01"},
    )
    assert response.status_code == 400
    assert "Svar senast: 2024-05-01 ligger efter mötet (2024-04-24)" in response.text
    assert Round.objects.count() == 0 and mail.outbox == []


def answer_data(activity, **overrides):
    data = {
        "version": activity.version,
        "status": Status.IN_PROGRESS,
        "status_note": "Uppdraget klart till HSN maj/juni",
        "next_meeting": "",
        "next_checkpoint": "HSN maj/juni",
        "move_year": "",
        "move_quarter": "",
        "move_reason": "",
        "move_reason_text": "",
    }
    return {**data, **overrides}


def test_owner_answer_is_a_versioned_edit(client, plan, meeting, activities, owners):
    round_ = open_round(plan, meeting)
    req = round_.requests.get(activity__title="Närakut Köping")
    activity = req.activity
    client.force_login(owners[0])
    assert client.get(reverse("rounds:answer", args=[req.pk])).status_code == 200
    response = client.post(reverse("rounds:answer", args=[req.pk]), answer_data(activity))
    assert response.status_code == 302 and response.url == reverse("rounds:mine")
    activity.refresh_from_db()
    req.refresh_from_db()
    assert (activity.status, activity.status_note, activity.next_checkpoint) == (
        Status.IN_PROGRESS,
        "Uppdraget klart till HSN maj/juni",
        "HSN maj/juni",
    )
    assert activity.version == 2
    record = activity.history.latest("history_id")
    assert record.history_user == owners[0]
    assert record.history_change_reason == "Svar i statusomgången inför HSN 24 april 2024"
    assert (req.answer, req.answered_by, req.history_id) == (
        Answer.UPDATED,
        owners[0],
        record.history_id,
    )
    changes = compare(plan, Point("öppnad", round_.opened_at), now_point())
    assert [c.kind for c in changes.get("activity", activity.pk).changes] == [
        "status",
        "note",
        "checkpoint",
    ]


def test_answer_with_a_move_records_the_reason(client, plan, meeting, activities, owners):
    round_ = open_round(plan, meeting)
    req = round_.requests.get(activity__title="Närakut Köping")
    client.force_login(owners[0])
    data = answer_data(req.activity, move_year="2024", move_quarter="3", move_reason="resursbrist")
    data["move_reason_text"] = "väntar på rekrytering"
    assert client.post(reverse("rounds:answer", args=[req.pk]), data).status_code == 302
    activity = Activity.objects.get(pk=req.activity_id)
    assert (activity.start_year, activity.start_quarter) == (2024, 3)
    changes = compare(plan, Point("öppnad", round_.opened_at), now_point())
    moved = changes.get("activity", activity.pk).first("moved_later")
    assert (moved.before, moved.after, moved.reason) == (
        "2024 Q1",
        "2024 Q3",
        "Resursbrist: väntar på rekrytering",
    )


def test_a_move_without_a_reason_is_refused_and_nothing_changes(
    client, plan, meeting, activities, owners
):
    req = open_round(plan, meeting).requests.get(activity__title="Närakut Köping")
    client.force_login(owners[0])
    data = answer_data(req.activity, move_year="2024", move_quarter="3")
    response = client.post(reverse("rounds:answer", args=[req.pk]), data)
    assert response.status_code == 422
    assert "Ange varför aktiviteten flyttas." in response.text
    activity = Activity.objects.get(pk=req.activity_id)
    assert (activity.version, activity.start_quarter, activity.status) == (1, 1, Status.NOT_STARTED)
    assert not StatusRequest.objects.get(pk=req.pk).is_answered


def test_an_answer_over_a_newer_edit_is_a_conflict(client, plan, meeting, activities, owners):
    req = open_round(plan, meeting).requests.get(activity__title="Närakut Köping")
    stale = answer_data(req.activity)
    planner_edit = Activity.objects.get(pk=req.activity_id)
    planner_edit.status_note = "Ändrad av planeraren"
    planner_edit.save()
    client.force_login(owners[0])
    response = client.post(reverse("rounds:answer", args=[req.pk]), stale)
    assert response.status_code == 409
    assert "Någon annan ändrade aktiviteten" in response.text
    assert "Ändrad av planeraren" in response.text
    activity = Activity.objects.get(pk=req.activity_id)
    assert (activity.status_note, activity.version) == ("Ändrad av planeraren", 2)
    assert 'name="version" value="2"' in response.text
    assert not StatusRequest.objects.get(pk=req.pk).is_answered


def test_unchanged_is_one_click_and_leaves_the_activity_alone(
    client, plan, meeting, activities, owners
):
    req = open_round(plan, meeting).requests.get(activity__title="Lab Fagersta")
    client.force_login(owners[1])
    response = client.post(reverse("rounds:unchanged", args=[req.pk]))
    assert response.status_code == 302
    req.refresh_from_db()
    assert (req.answer, req.answered_by, req.history_id) == (Answer.UNCHANGED, owners[1], None)
    assert Activity.objects.get(pk=req.activity_id).version == 1


def test_other_owners_and_managers_get_403_planners_may_answer(
    client, plan, meeting, activities, owners
):
    req = open_round(plan, meeting).requests.get(activity__title="Närakut Köping")
    url = reverse("rounds:answer", args=[req.pk])
    for user in (owners[1], manager(username="c"), analyst(username="a")):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, answer_data(req.activity)).status_code == 403
        assert client.post(reverse("rounds:unchanged", args=[req.pk])).status_code == 403
    assert not StatusRequest.objects.get(pk=req.pk).is_answered
    petra = planner(username="petra2")
    client.force_login(petra)
    assert client.post(url, answer_data(req.activity)).status_code == 302
    assert StatusRequest.objects.get(pk=req.pk).answered_by == petra


def test_an_answer_after_close_is_refused_with_a_sentence(
    client, plan, meeting, activities, owners
):
    round_, req = closed_round(plan, meeting)
    client.force_login(owners[0])
    response = client.post(reverse("rounds:answer", args=[req.pk]), answer_data(req.activity))
    assert response.status_code == 409
    day = round_.closed_at.astimezone().strftime("%Y-%m-%d")
    assert (
        f"Statusomgången inför HSN 24 april 2024 är stängd sedan {day}; svaret sparades inte."
        in response.text
    )
    assert Activity.objects.get(pk=req.activity_id).version == 1
    with pytest.raises(RoundRefused):
        request_unchanged(status_request=req, user=owners[0])
    assert not StatusRequest.objects.get(pk=req.pk).is_answered


def test_after_close_the_owner_can_still_save_an_ordinary_edit(
    client, plan, meeting, activities, owners
):
    _round, req = closed_round(plan, meeting)
    client.force_login(owners[0])
    page = client.get(reverse("rounds:answer", args=[req.pk])).text
    assert "Spara som vanlig ändring" in page and "Oförändrat" not in page
    data = {**answer_data(req.activity), "vanlig": "1"}
    response = client.post(reverse("rounds:answer", args=[req.pk]), data)
    assert response.status_code == 302
    activity = Activity.objects.get(pk=req.activity_id)
    assert (activity.status, activity.version) == (Status.IN_PROGRESS, 2)
    assert activity.history.latest("history_id").history_user == owners[0]
    assert not StatusRequest.objects.get(pk=req.pk).is_answered


def test_a_form_sent_back_as_it_was_counts_as_unchanged(client, plan, meeting, activities, owners):
    req = open_round(plan, meeting).requests.get(activity__title="Närakut Köping")
    activity = req.activity
    same = answer_data(
        activity,
        status=activity.status,
        status_note=activity.status_note,
        next_checkpoint=activity.next_checkpoint,
    )
    client.force_login(owners[0])
    assert client.post(reverse("rounds:answer", args=[req.pk]), same).status_code == 302
    req.refresh_from_db()
    assert (req.answer, req.history_id) == (Answer.UNCHANGED, None)
    assert Activity.objects.get(pk=activity.pk).version == 1
