"""export_plan then import_plan gives back the same plan: every row, every
reference, every history entry and every snapshot, under new ids."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from activities.models import Activity, Scenario, Status
from activities.snapshots import snapshot_take
from operations.backup import export_plan, import_plan
from roadmap.models import Milestone, Plan, Snapshot
from tests.factories import planner

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    """The demo plan after a planner's working day: edits, a move with a
    reason, a scenario, a deleted card and a second snapshot."""
    call_command("demo", stdout=io.StringIO())
    plan = Plan.objects.get(name="Hälsa- och sjukvården 2029")
    user = planner(username="backup-planner")
    card = plan.activities.order_by("pk").first()
    card.status, card.status_note, card._history_user = Status.IN_PROGRESS, "Igång", user
    card.save()
    moved = plan.activities.order_by("pk")[1]
    moved.start_year, moved._change_reason = 2026, "Resursbrist"
    moved.save()
    Scenario.objects.create(activity=card, number=99, text="Om budgeten halveras")
    card.predecessors.add(moved)
    plan.activities.order_by("pk").last().delete()
    snapshot_take(plan=plan, meeting=None, title="Efter ändringarna", user=user)
    return plan


def canonical(plan: Plan) -> dict:
    """Everything about a plan, with ids replaced by what they point at."""
    history = Activity.history.model.objects.filter(plan_id=plan.pk)
    titles = {("activity", h.id): h.title for h in history} | {
        ("milestone", m.id): m.title
        for m in Milestone.history.model.objects.filter(plan_id=plan.pk)
    }
    return {
        "plan": {k: v for k, v in vars(plan).items() if k not in {"id", "_state"}},
        "lanes": list(plan.lanes.values_list("name", "order")),
        "levels": list(plan.owner_levels.values_list("name", "order")),
        "goals": list(plan.goals.values_list("code", "title", "colour", "order", "parent__code")),
        "meetings": list(plan.meetings.values_list("body", "date", "title")),
        "milestones": list(
            plan.milestones.values_list("title", "lane__name", "goal__code", "year", "quarter")
        ),
        "activities": sorted(
            (
                a.title,
                a.status,
                a.status_note,
                a.lane.name if a.lane else None,
                a.owner_level.name if a.owner_level else None,
                a.milestone.title if a.milestone else None,
                a.next_meeting.title if a.next_meeting else None,
                (a.start_year, a.start_quarter, a.end_year, a.end_quarter),
                a.version,
                a.updated_at,
                tuple(sorted(a.goals.values_list("code", flat=True))),
                tuple(a.scenarios.values_list("number", "text")),
                tuple(sorted(a.predecessors.values_list("title", flat=True))),
            )
            for a in plan.activities.all()
        ),
        "history": sorted(
            (
                titles["activity", h.id],
                h.history_type,
                h.history_date,
                h.history_change_reason,
                h.history_user.username if h.history_user else None,
                h.status,
                h.start_year,
                tuple(sorted(g.goal.code for g in h.goals.all())),
            )
            for h in history
        ),
        "scenario_history": sorted(
            (h.text, h.history_type, titles["activity", h.activity_id])
            for h in Scenario.history.model.objects.filter(activity_id__in=history.values("id"))
        ),
        "plan_history": list(
            Plan.history.model.objects.filter(id=plan.pk).values_list("history_type", "name")
        ),
        "snapshots": [
            (
                s.title,
                s.taken_at,
                s.taken_by.username if s.taken_by else None,
                s.meeting.title if s.meeting else None,
                sorted(
                    (
                        i["kind"],
                        titles[i["kind"], i["id"]],
                        i["lane"],
                        i["status"],
                        i.get("lane_id") is None,
                    )
                    for i in s.items
                ),
            )
            for s in Snapshot.objects.filter(plan=plan).order_by("taken_at")
        ],
    }


def test_a_round_trip_loses_nothing(plan):
    before = canonical(plan)
    copy = import_plan(data=export_plan(plan)).plan
    assert copy.pk != plan.pk
    assert canonical(copy) == before
    assert canonical(plan) == before


def test_a_plan_restored_after_it_was_deleted_is_the_same_plan(plan, tmp_path):
    before = canonical(plan)
    file = tmp_path / "plan.zip"
    call_command("export_plan", str(plan.pk), str(file), stdout=io.StringIO())
    plan.delete()
    out = io.StringIO()
    call_command("import_plan", str(file), stdout=out)
    restored = Plan.objects.get(name="Hälsa- och sjukvården 2029")
    assert out.getvalue() == f"Restored 'Hälsa- och sjukvården 2029' as plan {restored.pk}.\n"
    assert canonical(restored) == before


def test_the_snapshot_items_point_at_the_restored_cards(plan):
    copy = import_plan(data=export_plan(plan), name="Kopia").plan
    assert copy.name == "Kopia"
    live = set(copy.activities.values_list("pk", flat=True))
    latest = Snapshot.objects.filter(plan=copy).latest()
    ids = {i["id"] for i in latest.items if i["kind"] == "activity"}
    assert ids == live
    assert {i["lane_id"] for i in latest.items if i["lane_id"]} <= set(
        copy.lanes.values_list("pk", flat=True)
    )


def test_the_file_says_what_it_holds(plan):
    with zipfile.ZipFile(io.BytesIO(export_plan(plan))) as archive:
        import json

        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format"] == "fardplan-plan"
    assert manifest["version"] == 2
    assert manifest["counts"]["activities.Activity"] == plan.activities.count()
    assert manifest["counts"]["roadmap.Snapshot"] == 2


def test_a_file_that_is_not_a_backup_changes_nothing(tmp_path):
    bad = tmp_path / "not.zip"
    bad.write_bytes(b"PK but not really")
    with pytest.raises(CommandError, match="not.zip: Not a Färdplan plan backup"):
        call_command("import_plan", str(bad))
    assert Plan.objects.count() == 0


def test_export_names_a_plan_that_does_not_exist():
    with pytest.raises(CommandError, match="No single plan with id or name 'Ingen'"):
        call_command("export_plan", "Ingen", "/tmp/never.zip")
