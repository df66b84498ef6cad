"""export_plan then import_plan gives back the same plan: every row, every
reference, every history entry and every snapshot, under new ids."""

import io
import json
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import RestrictedError
from django.urls import reverse

from activities.models import Activity, Scenario
from activity_staffing.models import StaffingLink
from operations.backup import export_plan, import_plan
from operations.backup.parts import PARTS
from roadmap.models import Milestone, Plan, Snapshot
from rounds.models import Reminder, Round, SignOff, StatusRequest
from staffing.models import Unit

pytestmark = pytest.mark.django_db


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
        "activities": sorted(_activity(a) for a in plan.activities.all()),
        "history": sorted(_history(h, titles) for h in history),
        "scenario_history": sorted(
            (h.text, h.history_type, titles["activity", h.activity_id])
            for h in Scenario.history.model.objects.filter(activity_id__in=history.values("id"))
        ),
        "plan_history": list(
            Plan.history.model.objects.filter(id=plan.pk).values_list("history_type", "name")
        ),
        "snapshots": [
            _snapshot(s, titles) for s in Snapshot.objects.filter(plan=plan).order_by("taken_at")
        ],
    }


def _activity(a: Activity) -> tuple:
    return (
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


def _history(h, titles: dict) -> tuple:
    return (
        titles["activity", h.id],
        h.history_type,
        h.history_date,
        h.history_change_reason,
        h.history_user.username if h.history_user else None,
        h.status,
        h.start_year,
        tuple(sorted(g.goal.code for g in h.goals.all())),
    )


def _snapshot(s: Snapshot, titles: dict) -> tuple:
    items = sorted(
        (i["kind"], titles[i["kind"], i["id"]], i["lane"], i["status"], i.get("lane_id") is None)
        for i in s.items
    )
    return (
        s.title,
        s.taken_at,
        s.taken_by.username if s.taken_by else None,
        s.meeting.title if s.meeting else None,
        items,
    )


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
    assert out.getvalue() == f"Återställde ”Hälsa- och sjukvården 2029” som plan {restored.pk}.\n"
    assert canonical(restored) == before


def test_the_snapshot_items_point_at_the_restored_cards(plan):
    copy = import_plan(data=export_plan(plan), name="Kopia").plan
    assert copy.name == "Kopia"
    live = set(copy.activities.values_list("pk", flat=True))
    latest = Snapshot.objects.filter(plan=copy).latest()
    ids = {i["id"] for i in latest.items if i["kind"] == "activity"}
    assert ids == live
    assert {i["lane_id"] for i in latest.items if (i["lane_id"] or 0) > 0} <= set(
        copy.lanes.values_list("pk", flat=True)
    )


# --- every carried model, field by field ----------------------------------------


def exported_rows(plan: Plan) -> dict[str, list[dict]]:
    with zipfile.ZipFile(io.BytesIO(export_plan(plan))) as archive:
        return json.loads(archive.read("plan.json"))["rows"]


def expected(part, field, value, ids: dict):
    """What a restored row must hold where the original held `value`."""
    if value is None or field.attname in part.natural:
        return value
    if field.attname in part.json:

        def ref(model, old):
            if old is None:
                return None
            new = ids[model._meta.label].get(old)
            return new if new is not None else (old if old < 0 else -old)

        return part.json[field.attname](value, ref)
    target = part.refs.get(field.attname) or field.related_model
    if target is None or target is get_user_model():
        return value  # one installation: the same users
    return ids[target._meta.label].get(value)


def assert_same_rows(before: dict, after: dict, ids: dict) -> None:
    for part in PARTS:
        key = part.model._meta.pk.attname
        restored = {row[key]: row for row in after[part.label]}
        assert len(restored) == len(before[part.label]), part.label
        for row in before[part.label]:
            copy = restored[ids[part.label][row[key]]]
            for field in part.model._meta.concrete_fields:
                if not field.primary_key:
                    want = expected(part, field, row[field.attname], ids)
                    assert copy[field.attname] == want, (part.label, field.name)


def test_the_fixture_has_rows_of_every_carried_model(plan):
    assert [p.label for p in PARTS if not exported_rows(plan)[p.label]] == []


def test_every_carried_model_comes_back_field_by_field(plan):
    before = exported_rows(plan)
    restored = import_plan(data=export_plan(plan))
    assert restored.left_out == []
    assert_same_rows(before, exported_rows(restored.plan), restored.ids)
    assert exported_rows(plan) == before


def test_every_carried_model_comes_back_after_the_plan_was_deleted(plan):
    before, data = exported_rows(plan), export_plan(plan)
    plan.delete()
    restored = import_plan(data=data)
    assert restored.left_out == []
    assert_same_rows(before, exported_rows(restored.plan), restored.ids)
    assert Plan.objects.filter(name="Hälsa- och sjukvården 2029").get() == restored.plan


def test_references_to_things_deleted_since_become_negative(plan):
    restored = import_plan(data=export_plan(plan))
    meetings = restored.plan.meetings.values_list("pk", flat=True)
    report = SignOff.objects.get(round__plan=restored.plan).report
    pks = [m["pk"] for m in report["meetings"]]
    assert len([pk for pk in pks if pk < 0]) == 1
    assert sorted(pk for pk in pks if pk > 0) == sorted(meetings)
    latest = Snapshot.objects.filter(plan=restored.plan).latest()
    assert len([i for i in latest.items if (i["lane_id"] or 0) < 0]) == 1


def test_a_restored_signed_round_reads_as_the_signed_one(plan, client):
    restored = import_plan(data=export_plan(plan))
    original = Round.objects.get(plan=plan)
    copy = Round.objects.get(plan=restored.plan)
    client.force_login(get_user_model().objects.get(username="chef"))
    pages = [client.get(reverse("rounds:signed", args=[r.pk])) for r in (original, copy)]
    assert [p.status_code for p in pages] == [200, 200]
    titles = [r.activity.title for r in copy.requests.select_related("activity")]
    assert all(t in pages[1].content.decode() for t in titles)


def test_a_restored_round_keeps_its_meeting_and_snapshot_restricted(plan):
    copy = Round.objects.get(plan=import_plan(data=export_plan(plan)).plan)
    with pytest.raises(RestrictedError):
        copy.meeting.delete()
    with pytest.raises(RestrictedError):
        copy.sign_off.snapshot.delete()
    copy.plan.delete()
    assert Round.objects.filter(pk=copy.pk).exists() is False


# --- what this installation lacks -------------------------------------------------


def test_a_staffing_link_to_a_unit_missing_here_is_reported_not_dropped(plan, tmp_path):
    link = StaffingLink.objects.select_related("activity", "unit__base_unit").get(
        activity__plan=plan, unit__isnull=False
    )
    file = tmp_path / "plan.zip"
    call_command("export_plan", str(plan.pk), str(file), stdout=io.StringIO())
    Unit.objects.filter(code="1722100").delete()
    out = io.StringIO()
    call_command("import_plan", str(file), "--name", "Kopia", stdout=out)
    copy = Plan.objects.get(name="Kopia")
    assert out.getvalue().splitlines()[1:] == [
        f"Utelämnat: activity_staffing.StaffingLink {link.pk} (i activities.Activity "
        f"{link.activity.title!r}): unit 1722100 finns inte i den här installationen; "
        "återställdes inte."
    ]
    restored = StaffingLink.objects.filter(activity__plan=copy)
    assert [(s.activity.title, s.unit, s.base_unit.name) for s in restored] == [
        (link.activity.title, None, link.unit.base_unit.name)
    ]


def test_rows_that_need_a_user_missing_here_are_reported(plan):
    data = export_plan(plan)
    request = StatusRequest.objects.filter(round__plan=plan).order_by("pk").first()
    owner = request.owner.username
    asked = StatusRequest.objects.filter(round__plan=plan, owner=request.owner).count()
    reminded = Reminder.objects.filter(round__plan=plan, owner=request.owner).count()
    request.owner.delete()
    restored = import_plan(data=data)
    missing = f"användaren {owner!r} finns inte i den här installationen; återställdes inte."
    assert len([x for x in restored.left_out if x.endswith(missing)]) == asked + reminded
    assert restored.left_out[-1] == (
        f"Ingen användare heter {owner!r} här: hänvisningar till dem lämnades tomma."
    )
    assert StatusRequest.objects.filter(round__plan=restored.plan).count() == 4 - asked
