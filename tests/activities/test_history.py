"""History: one row per save, none for a save that changes nothing, goals
by name, the demo named as the author, restores that bring everything back."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.history import history_entries
from activities.models import Activity, Status
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    MeetingFactory,
    PlanFactory,
    ScenarioFactory,
)
from tests.forms import activity_form_data

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


def test_a_card_edit_writes_one_history_row_with_its_goals(editor):
    activity = ActivityFactory()
    goal = GoalFactory(plan=activity.plan, code="Stad 2", title="Hälsa")
    rows = activity.history.count()
    url = reverse("activities:edit", args=[activity.pk])
    editor.post(url, activity_form_data(activity, status_note="Ny", goals=[goal.pk]))
    assert activity.history.count() == rows + 1
    assert [g.goal_id for g in activity.history.latest().goals.all()] == [goal.pk]


def test_a_save_that_changes_nothing_writes_nothing(editor):
    activity = ActivityFactory(status_note="Samma")
    activity.goals.add(GoalFactory(plan=activity.plan))
    rows = activity.history.count()
    response = editor.post(
        reverse("activities:edit", args=[activity.pk]), activity_form_data(activity)
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.history.count() == rows and activity.version == 1


def test_history_names_a_goal_change(editor):
    activity = ActivityFactory()
    goal = GoalFactory(plan=activity.plan, code="Stad 2", title="Hälsa")
    editor.post(
        reverse("activities:edit", args=[activity.pk]),
        activity_form_data(activity, goals=[goal.pk]),
    )
    changes = [(c.field, c.old, c.new) for c in history_entries(activity)[0].changes]
    assert changes == [("Mål", "–", "Stad 2: Hälsa")]


def test_history_hides_an_empty_entry_from_older_data():
    activity = ActivityFactory(status_note="A")
    activity.save()  # a no-op save as older versions wrote it
    assert [e.kind for e in history_entries(activity)] == ["Skapad"]


def test_demo_changes_are_attributed_to_demodata():
    from demo.loading import demo_load

    demo_load()
    activity = Activity.objects.first()
    assert history_entries(activity)[-1].who == "Demodata"


def test_restore_note_names_local_time(editor, settings):
    settings.TIME_ZONE = "Europe/Stockholm"
    activity = ActivityFactory(status_note="Första")
    first = activity.history.earliest()
    first.history_date = dt.datetime(2026, 11, 30, 4, 59, tzinfo=dt.UTC)
    first.save()
    activity.status_note = "Andra"
    activity.save()
    editor.post(reverse("activities:restore", args=[activity.pk, first.history_id]))
    assert activity.history.latest().history_change_reason.endswith("2026-11-30 05:59")
    assert timezone.localtime(first.history_date).tzinfo == ZoneInfo("Europe/Stockholm")


def test_restoring_a_deleted_card_brings_back_everything(editor):
    plan = PlanFactory()
    lane = plan.lanes.first()
    goal = GoalFactory(plan=plan, code="Stad 1")
    meeting = MeetingFactory(plan=plan)
    cell = dict(plan=plan, lane=lane, start_year=2025, start_quarter=1)
    first, middle, last = (ActivityFactory(**cell, position=i) for i in range(3))
    middle.goals.add(goal)
    middle.next_meeting = middle.awaits_decision_at = meeting
    middle.status = Status.IN_PROGRESS
    middle.save()
    ScenarioFactory(activity=middle, number=1, text="Kvar")
    gone = ScenarioFactory(activity=middle, number=2, text="Borttagen tidigare")
    editor.post(
        reverse("activities:edit", args=[middle.pk]),
        activity_form_data(middle, **{"scenarios-1-DELETE": "on"}),
    )
    assert middle.scenarios.count() == 1 and gone.text

    editor.post(reverse("activities:delete", args=[middle.pk]))
    record = Activity.history.filter(id=middle.pk, history_type="-").latest()
    url = reverse("activities:restore_deleted", args=[plan.pk, "activity", record.history_id])
    assert editor.post(url).status_code == 302

    restored = Activity.objects.get(pk=middle.pk)
    assert [g.code for g in restored.goals.all()] == ["Stad 1"]
    assert [(s.number, s.text) for s in restored.scenarios.all()] == [(1, "Kvar")]
    assert restored.next_meeting == meeting and restored.awaits_decision_at == meeting
    assert restored.status == Status.IN_PROGRESS
    order = Activity.objects.filter(lane=lane).order_by("position", "pk")
    assert list(order.values_list("pk", flat=True)) == [first.pk, middle.pk, last.pk]
    assert [e.kind for e in history_entries(restored)][:1] == ["Skapad"]
    assert restored.history.filter(history_type="+").latest().goals.count() == 1


def test_a_new_card_and_a_demo_card_start_with_one_entry_holding_their_goals(editor):
    from demo.loading import demo_load

    demo_load()
    seeded = Activity.objects.filter(goals__isnull=False).first()
    assert seeded.history.count() == 1 and seeded.history.get().goals.count() >= 1
    goal = GoalFactory(plan=seeded.plan)
    data = {"title": "Ny", "status": Status.PLANNING, "goals": [goal.pk]}
    data |= {"scenarios-TOTAL_FORMS": "0", "scenarios-INITIAL_FORMS": "0"}
    editor.post(reverse("activities:create", args=[seeded.plan.pk]), data)
    created = Activity.objects.get(goals=goal)
    assert [r.history_type for r in created.history.all()] == ["+"]
    assert created.history.get().goals.get().goal_id == goal.pk
