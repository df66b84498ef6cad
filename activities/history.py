"""Reading and restoring the history django-simple-history records for
activities and milestones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.models import Activity, Scenario
from activities.services import item_reinsert, one_history_row
from core.clock import local_minute
from core.people import display_name_or_unknown
from roadmap.models import Goal, Lane, Meeting, Milestone, OwnerLevel, Plan

TYPE_LABELS = {
    "+": gettext_lazy("Skapad"),
    "~": gettext_lazy("Ändrad"),
    "-": gettext_lazy("Borttagen"),
}
DELETED_WITH_CARD = "deleted with its card"  # a marker on scenario history, never shown
HIDDEN_FIELDS = {"version", "updated_at", "position"}
RELATED = {
    "lane": Lane,
    "owner_level": OwnerLevel,
    "milestone": Milestone,
    "next_meeting": Meeting,
    "awaits_decision_at": Meeting,
    "goal": Goal,
}


@dataclass
class FieldChange:
    """One field's old and new value in one history entry."""

    field: str
    old: str
    new: str


@dataclass
class Entry:
    history_id: int
    when: object
    who: str
    kind: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    latest: bool = False


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except Exception:
        return name


def _display(model, name: str, value) -> str:
    if value in (None, ""):
        return "–"
    if isinstance(value, list):  # goal rows, as the history diff gives them: {"goal": pk, …}
        ids = [v["goal"] if isinstance(v, dict) else v.goal_id for v in value]
        goals = Goal.objects.in_bulk(ids)
        gone = _("(borttaget, id %(id)s)")
        names = sorted(str(goals[i]) if i in goals else gone % {"id": i} for i in ids)
        return ", ".join(names) or "–"
    try:
        f = model._meta.get_field(name)
    except Exception:
        return str(value)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if f.is_relation and name in RELATED:
        obj = RELATED[name].objects.filter(pk=value).first()
        return str(obj) if obj else _("(borttaget, id %(id)s)") % {"id": value}
    return str(value)


def history_entries(item: Activity | Milestone) -> list[Entry]:
    """Newest first; each entry lists what changed from the one before."""
    model = type(item)
    records = list(item.history.select_related("history_user").order_by("history_id"))
    entries = []
    previous = None
    for record in records:
        user = record.history_user
        entry = Entry(
            history_id=record.history_id,
            when=record.history_date,
            who=display_name_or_unknown(user),
            kind=str(TYPE_LABELS.get(record.history_type, record.history_type)),
            reason=record.history_change_reason or "",
        )
        if previous is not None:
            delta = record.diff_against(previous)
            for change in delta.changes:
                name = change.field
                if name in HIDDEN_FIELDS:
                    continue
                attname = name
                old, new = change.old, change.new
                if isinstance(old, list) or isinstance(new, list):
                    old, new = list(old or []), list(new or [])
                entry.changes.append(
                    FieldChange(
                        _label(model, attname),
                        _display(model, attname, old),
                        _display(model, attname, new),
                    )
                )
        previous = record
        if record.history_type == "~" and not entry.changes and not entry.reason:
            continue  # a save that changed nothing a person sees (older data has such rows)
        entries.append(entry)
    if entries:
        entries[-1].latest = True
    return list(reversed(entries))


def _existing(model, pk):
    return model.objects.filter(pk=pk).exists() if pk else False


def _copy_fields(target, source, *, skip: set[str]) -> None:
    for f in type(target)._meta.concrete_fields:
        if f.primary_key or f.name in skip:
            continue
        value = getattr(source, f.attname)
        if f.is_relation and value is not None and not _existing(f.related_model, value):
            value = None  # what it pointed at is gone
        setattr(target, f.attname, value)


def _unplace_if_invalid(item) -> None:
    try:
        item.full_clean()
    except ValidationError:
        # An old place can be invalid today (the plan's years changed): keep
        # the content, leave the card in the tray.
        if isinstance(item, Activity):
            item.start_year = item.start_quarter = item.end_year = item.end_quarter = None
        else:
            item.year = item.quarter = None
        item.full_clean()


def scenarios_of(record) -> list:
    """The scenarios an activity had at a version (a history record).

    A save writes the card's row first and its scenarios after it, so a
    version's scenarios are the ones standing just before the next version's row.
    """
    later = (
        type(record)
        .objects.filter(id=record.id, history_id__gt=record.history_id)
        .exclude(version=record.version)
        .order_by("history_id")
        .values_list("history_date", flat=True)
        .first()
    )
    moment = later - dt.timedelta(microseconds=1) if later else timezone.now()
    return list(Scenario.history.as_of(moment).filter(activity_id=record.id))


@transaction.atomic
def item_restore_version(*, item: Activity | Milestone, history_id: int) -> Activity | Milestone:
    """Makes an earlier version current again, as a new version (so the
    restore itself is in the history and can be undone the same way)."""
    record = item.history.filter(history_id=history_id).first()
    if record is None:
        raise Http404(_("Den versionen finns inte i historiken."))
    _copy_fields(item, record, skip={"plan", "version", "position"})
    _unplace_if_invalid(item)
    item._change_reason = _("Återställd till versionen från %(when)s") % {
        "when": local_minute(record.history_date)
    }
    with one_history_row(item, "~"):
        item.save()
        if isinstance(item, Activity):
            goals = [row.goal_id for row in record.goals.all() if _existing(Goal, row.goal_id)]
            item.goals.set(goals)
    if isinstance(item, Activity):
        then = {(s.number, s.text) for s in scenarios_of(record)}
        now = {(s.number, s.text) for s in item.scenarios.all()}
        if then != now:
            item.scenarios.all().delete()
            for number, text in sorted(then):
                Scenario.objects.create(activity=item, number=number, text=text)
    return item


activity_restore_version = item_restore_version


def deleted_items(plan: Plan) -> dict[str, list]:
    """The plan's deleted activities and milestones, newest deletion first."""
    result = {}
    for key, model in (("activities", Activity), ("milestones", Milestone)):
        records = model.history.filter(plan_id=plan.pk, history_type="-").order_by("-history_id")
        alive = set(model.objects.filter(plan=plan).values_list("pk", flat=True))
        seen, items = set(), []
        for record in records.select_related("history_user"):
            if record.id in alive or record.id in seen:
                continue
            seen.add(record.id)
            items.append(record)
        result[key] = items
    return result


def _scenarios_deleted_with(record) -> list:
    """The scenarios the card's deletion took with it (the newest deletion of each)."""
    latest = {}
    rows = Scenario.history.filter(activity_id=record.id, history_type="-")
    marked = rows.filter(history_change_reason=DELETED_WITH_CARD)
    for s in (marked if marked.exists() else rows).order_by("history_id"):
        latest[s.id] = s  # older data, unmarked: every deleted scenario, as before
    return list(latest.values())


@transaction.atomic
def activity_restore_deleted(*, plan: Plan, kind: str, history_id: int) -> Activity | Milestone:
    """Brings a deleted card back as it was: fields, goals, scenarios,
    meetings and its place in its cell's order."""
    model = {"activity": Activity, "milestone": Milestone}.get(kind)
    if model is None:
        raise Http404
    record = model.history.filter(plan_id=plan.pk, history_type="-", history_id=history_id).first()
    if record is None or model.objects.filter(pk=record.id).exists():
        raise Http404(_("Det finns inget borttaget kort att återställa här."))
    # The deletion's own row has no goals (they were unlinked first): the
    # row before it has them.
    before = (
        model.history.filter(id=record.id, history_id__lt=record.history_id)
        .exclude(history_type="-")
        .order_by("-history_id")
        .first()
    )
    item = model(pk=record.id, plan=plan)
    _copy_fields(item, record, skip={"plan"})
    _unplace_if_invalid(item)
    item._change_reason = _("Återställd efter borttagning")
    with one_history_row(item, "+"):
        item.save(force_insert=True)
        if isinstance(item, Activity) and before is not None:
            item.goals.set(
                [row.goal_id for row in before.goals.all() if _existing(Goal, row.goal_id)]
            )
    if isinstance(item, Activity):
        for s in _scenarios_deleted_with(record):
            Scenario.objects.create(activity=item, number=s.number, text=s.text)
    item_reinsert(item)
    return item


@transaction.atomic
def item_delete(*, item: Activity | Milestone) -> None:
    """Deletes a card; its scenarios are marked as deleted with it, so a
    restore brings back exactly those."""
    if isinstance(item, Activity):
        for scenario in item.scenarios.all():
            scenario._change_reason = DELETED_WITH_CARD
            scenario.delete()
    item.delete()
