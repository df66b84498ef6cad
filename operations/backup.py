"""Backup and restore of one plan as a portable .zip (manage.py export_plan / import_plan).

The file holds the plan, its lanes, owner levels, goals, meetings, milestones,
activities (with their goals), scenarios, snapshots, every history row of
those, the usernames that history and snapshots name, and any file a row
refers to. Restoring gives every object a new id in the target installation
and rewrites every reference to it (foreign keys, history, snapshot items),
so a plan can be restored next to itself or into another installation.
Objects that exist only in history (deleted cards) get fresh ids too, so
their history can be shown and restored there as well.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from activities.models import Activity, Scenario
from roadmap.models import Goal, Lane, Meeting, Milestone, OwnerLevel, Plan, Snapshot

FORMAT = "fardplan-plan"
FORMAT_VERSION = 1
Through = Activity.goals.through
Predecessors = Activity.predecessors.through
# In the order they are restored: everything a row refers to comes before it.
LIVE = [Plan, Lane, OwnerLevel, Goal, Meeting, Milestone, Activity, Through, Predecessors, Scenario]
HISTORIED = (Plan, Goal, Milestone, Activity, Scenario)
HISTORY = [m.history.model for m in HISTORIED]
SNAPSHOT_KINDS = {"activity": Activity, "milestone": Milestone}


class Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but keeping microseconds: history is ordered by them."""

    def default(self, o):
        if isinstance(o, dt.datetime):
            return o.isoformat()
        return super().default(o)


class BackupError(ValueError):
    """The file is not a plan backup this version can restore; nothing was changed."""


def _history_m2m():
    from django.apps import apps

    return apps.get_model("activities", "HistoricalActivity_goals")


def _label(model) -> str:
    return model._meta.label


# --- export -------------------------------------------------------------------


def _querysets(plan: Plan) -> dict:
    activity_ids = set(Activity.objects.filter(plan=plan).values_list("pk", flat=True))
    activity_ids |= set(
        Activity.history.model.objects.filter(plan_id=plan.pk).values_list("id", flat=True)
    )
    history_activity = Activity.history.model.objects.filter(plan_id=plan.pk)
    return {
        Plan: Plan.objects.filter(pk=plan.pk),
        Lane: Lane.objects.filter(plan=plan),
        OwnerLevel: OwnerLevel.objects.filter(plan=plan),
        Goal: Goal.objects.filter(plan=plan),
        Meeting: Meeting.objects.filter(plan=plan),
        Milestone: Milestone.objects.filter(plan=plan),
        Activity: Activity.objects.filter(plan=plan),
        Through: Through.objects.filter(activity__plan=plan),
        Predecessors: Predecessors.objects.filter(from_activity__plan=plan, to_activity__plan=plan),
        Scenario: Scenario.objects.filter(activity__plan=plan),
        Snapshot: Snapshot.objects.filter(plan=plan),
        Plan.history.model: Plan.history.model.objects.filter(id=plan.pk),
        Goal.history.model: Goal.history.model.objects.filter(plan_id=plan.pk),
        Milestone.history.model: Milestone.history.model.objects.filter(plan_id=plan.pk),
        Activity.history.model: history_activity,
        Scenario.history.model: Scenario.history.model.objects.filter(activity_id__in=activity_ids),
        _history_m2m(): _history_m2m().objects.filter(history__in=history_activity),
    }


def export_plan(plan: Plan) -> bytes:
    """The plan and all that belongs to it as a .zip."""
    buffer = io.BytesIO()
    rows: dict[str, list[dict]] = {}
    user_ids: set[int] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for model, queryset in _querysets(plan).items():
            rows[_label(model)] = [
                _row(obj, archive, user_ids) for obj in queryset.order_by("pk").iterator()
            ]
        users = dict(get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "username"))
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "plan": plan.name,
            "counts": {label: len(items) for label, items in rows.items()},
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        document = {"users": users, "rows": rows}
        archive.writestr("plan.json", json.dumps(document, cls=Encoder, ensure_ascii=False))
    return buffer.getvalue()


def _row(obj, archive: zipfile.ZipFile, user_ids: set[int]) -> dict:
    row = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if isinstance(field, models.FileField):
            stored, value = value, value.name if value else ""
            if value and f"files/{value}" not in archive.namelist():
                with stored.open("rb") as handle:
                    archive.writestr(f"files/{value}", handle.read())
        elif field.is_relation and field.related_model is get_user_model() and value:
            user_ids.add(value)
        row[field.attname] = value
    return row


# --- import -------------------------------------------------------------------


def import_plan(*, data: bytes, name: str | None = None) -> Plan:
    """Restores a plan from `export_plan`'s bytes as a new plan; all or nothing."""
    document, files = _read(data)
    rows = document["rows"]
    users = {
        int(old): new for old, new in _users_by_name(document["users"]).items() if new is not None
    }
    with transaction.atomic():
        ids: dict[str, dict[int, int]] = defaultdict(dict)
        for model in LIVE:
            _restore_live(model, rows.get(_label(model), []), ids, users, files)
        for base, historical in zip(
            (Plan, Goal, Milestone, Activity, Scenario), HISTORY, strict=True
        ):
            _allocate_deleted(base, rows.get(_label(historical), []), ids, users)
        # Snapshots last: their items may name cards deleted since.
        _restore_live(Snapshot, rows.get(_label(Snapshot), []), ids, users, files)
        for historical in [*HISTORY, _history_m2m()]:
            _restore_history(historical, rows.get(_label(historical), []), ids, users)
        plan = Plan.objects.get(pk=next(iter(ids[_label(Plan)].values())))
        if name:
            Plan.objects.filter(pk=plan.pk).update(name=name)
            plan.refresh_from_db()
    return plan


def _read(data: bytes) -> tuple[dict, dict[str, bytes]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            document = json.loads(archive.read("plan.json"))
            files = {
                n.removeprefix("files/"): archive.read(n)
                for n in archive.namelist()
                if n.startswith("files/")
            }
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError) as error:
        raise BackupError(f"Not a Färdplan plan backup: {error}") from error
    if manifest.get("format") != FORMAT or manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"Not a Färdplan plan backup of version {FORMAT_VERSION}: "
            f"format {manifest.get('format')!r}, version {manifest.get('version')!r}."
        )
    return document, files


def _users_by_name(users: dict[str, str]) -> dict[str, int | None]:
    """Exported user id -> this installation's user of the same username (or None)."""
    found = dict(
        get_user_model().objects.filter(username__in=users.values()).values_list("username", "pk")
    )
    return {old: found.get(username) for old, username in users.items()}


def _remap(model, row: dict, ids: dict, users: dict, skip: tuple[str, ...] = ()) -> dict:
    """The row with every reference rewritten to ids in this installation."""
    out = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname in skip or field.attname not in row:
            continue
        value = row[field.attname]
        if field.is_relation and value is not None:
            target = field.related_model
            if target is get_user_model():
                value = users.get(value)
            elif isinstance(target, type) and _label(target) in ids:
                value = ids[_label(target)].get(value)
            else:
                value = None
        elif value is not None:
            value = field.to_python(value)
        out[field.attname] = value
    return out


def _restore_live(model, rows: list[dict], ids: dict, users: dict, files: dict) -> None:
    parent = "parent_id" if model is Goal else None
    objs = []
    for row in rows:
        values = _remap(model, row, ids, users, skip=(parent,) if parent else ())
        if model is Snapshot:
            values["items"] = _snapshot_items(row["items"], ids)
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField) and values.get(field.attname):
                stored = default_storage.save(
                    values[field.attname], ContentFile(files[values[field.attname]])
                )
                values[field.attname] = stored
        objs.append(model(**values))
    created = model.objects.bulk_create(objs)
    for row, obj in zip(rows, created, strict=True):
        ids[_label(model)][row["id"]] = obj.pk
    _keep_automatic_dates(model, rows, created)
    if parent:
        for row, obj in zip(rows, created, strict=True):
            obj.parent_id = ids[_label(Goal)].get(row["parent_id"])
        Goal.objects.bulk_update(created, ["parent_id"])


def _keep_automatic_dates(model, rows: list[dict], created: list) -> None:
    """bulk_create stamps auto_now fields with today; the backup's dates win."""
    automatic = [
        f
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    if not automatic:
        return
    for row, obj in zip(rows, created, strict=True):
        for field in automatic:
            setattr(obj, field.attname, field.to_python(row[field.attname]))
    model.objects.bulk_update(created, [f.attname for f in automatic])


def _snapshot_items(items: list[dict], ids: dict) -> list[dict]:
    out = []
    for item in items:
        item = dict(item)
        model = SNAPSHOT_KINDS.get(item.get("kind"))
        if model is not None:
            item["id"] = ids[_label(model)][item["id"]]
        for key, target in (
            ("lane_id", Lane),
            ("next_meeting_id", Meeting),
            ("awaits_decision_at_id", Meeting),
        ):
            if item.get(key) is not None:
                item[key] = ids[_label(target)].get(item[key])
        out.append(item)
    return out


def _allocate_deleted(base, history_rows: list[dict], ids: dict, users: dict) -> None:
    """Fresh ids for objects that only history remembers (deleted cards): a row
    is inserted to take an id from the database's own sequence, then removed."""
    latest = {}
    for row in history_rows:
        if row["id"] not in ids[_label(base)]:
            latest[row["id"]] = row
    if not latest:
        return
    skip = ("parent_id",) if base is Goal else ()
    objs = [base(**_remap(base, row, ids, users, skip=skip)) for row in latest.values()]
    created = base.objects.bulk_create(objs)
    for old, obj in zip(latest, created, strict=True):
        ids[_label(base)][old] = obj.pk
    base.objects.filter(pk__in=[o.pk for o in created])._raw_delete(base.objects.db)


def _restore_history(model, rows: list[dict], ids: dict, users: dict) -> None:
    base = model.instance_type
    key = "m2m_history_id" if model is _history_m2m() else "history_id"
    objs = []
    for row in rows:
        values = _remap(model, row, ids, users)
        values["id"] = ids[_label(base)].get(row["id"], row["id"])
        objs.append(model(**values))
    created = model.objects.bulk_create(objs)
    for row, obj in zip(rows, created, strict=True):
        ids[_label(model)][row[key]] = obj.pk
