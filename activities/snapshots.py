"""Taking snapshots and reading a plan's state at a point: now, a snapshot,
or a date (through the history). The diff itself is `activities.changes`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.changes import ACTIVITY, MILESTONE, Changes, ItemState, diff, is_move_later
from activities.models import Activity, Status
from roadmap.models import Meeting, Milestone, Plan, Snapshot

STATUS_LABELS = dict(Status.choices)


class SnapshotRefused(ValueError):
    """The snapshot cannot be taken; `str(err)` is for the user."""


class PointRefused(ValueError):
    """The point in time cannot be read; `str(err)` is for the user."""


def _checkpoint(meeting_id: int | None, text: str, meetings: dict[int, Meeting]) -> str:
    if meeting_id and meeting_id in meetings:
        return str(meetings[meeting_id])
    return text


def _lane(lane_id: int | None, lanes: dict[int, str]) -> dict:
    """An item's lane id and name, when the lane is one of the plan's `lanes`."""
    return {"lane_id": lane_id if lane_id in lanes else None, "lane": lanes.get(lane_id, "")}


def _activity_state(a, *, lanes, levels, meetings, goals, milestones) -> ItemState:
    return ItemState(
        kind=ACTIVITY,
        id=a.id,
        title=a.title,
        **_lane(a.lane_id, lanes),
        start_year=a.start_year,
        start_quarter=a.start_quarter,
        end_year=a.end_year,
        end_quarter=a.end_quarter,
        status=a.status,
        status_label=str(STATUS_LABELS.get(a.status, a.status)),
        status_note=a.status_note,
        checkpoint=_checkpoint(a.next_meeting_id, a.next_checkpoint, meetings),
        leader=a.leader,
        goals=tuple(goals),
        owner_level=levels.get(a.owner_level_id, ""),
        next_meeting_id=a.next_meeting_id,
        awaits_decision_at_id=a.awaits_decision_at_id,
        position=a.position,
        description=a.description,
        heading=a.heading,
        working_group=a.working_group,
        milestone=milestones.get(a.milestone_id, ""),
        awaits=_checkpoint(a.awaits_decision_at_id, "", meetings),
    )


def _milestone_state(m, *, lanes, goal_codes) -> ItemState:
    return ItemState(
        kind=MILESTONE,
        id=m.id,
        title=m.title,
        **_lane(m.lane_id, lanes),
        start_year=m.year,
        start_quarter=m.quarter,
        goals=(goal_codes[m.goal_id],) if m.goal_id in goal_codes else (),
        position=m.position,
    )


def _frame(plan: Plan):
    lanes = dict(plan.lanes.values_list("pk", "name"))
    levels = dict(plan.owner_levels.values_list("pk", "name"))
    meetings = {m.pk: m for m in plan.meetings.all()}
    goal_codes = dict(plan.goals.order_by("order", "pk").values_list("pk", "code"))
    milestones = dict(plan.milestones.values_list("pk", "title"))
    return lanes, levels, meetings, goal_codes, milestones


def state_now(plan: Plan) -> list[ItemState]:
    """Every activity and milestone of the plan as it stands, in 5 queries."""
    through = Activity.goals.through
    goal_links = (
        through.objects.filter(activity__plan=plan)
        .order_by("goal__order", "goal_id")
        .values_list("activity_id", "goal_id")
    )
    return _states(
        plan,
        activities=Activity.objects.for_plan(plan).order_by("position", "pk"),
        goal_links=goal_links,
        key="id",
        milestones=Milestone.objects.for_plan(plan).order_by("position", "pk"),
    )


def _states(plan: Plan, *, activities, goal_links, key: str, milestones) -> list[ItemState]:
    """The states of `activities` (rows or history records) and `milestones`;
    `goal_links` pairs each activity's `key` (id or history_id) with a goal."""
    lanes, levels, meetings, goal_codes, milestone_titles = _frame(plan)
    goals_of: dict[int, list[str]] = defaultdict(list)
    for activity_key, goal_id in goal_links:
        goals_of[activity_key].append(goal_codes.get(goal_id, ""))
    states = [
        _activity_state(
            a,
            lanes=lanes,
            levels=levels,
            meetings=meetings,
            goals=goals_of.get(getattr(a, key), ()),
            milestones=milestone_titles,
        )
        for a in activities
    ]
    states += [_milestone_state(m, lanes=lanes, goal_codes=goal_codes) for m in milestones]
    return states


def plan_began(plan: Plan) -> dt.datetime:
    first = plan.history.order_by("history_date").values_list("history_date", flat=True).first()
    return min(first, plan.created_at) if first else plan.created_at


def state_as_of(plan: Plan, moment: dt.datetime) -> list[ItemState]:
    """The plan's items as the history tells them at `moment`."""
    if moment < plan_began(plan):
        raise PointRefused(
            _("Planen ”%(plan)s” fanns inte %(date)s; den lades in %(began)s.")
            % {
                "plan": plan,
                "date": timezone.localtime(moment).strftime("%Y-%m-%d"),
                "began": timezone.localtime(plan_began(plan)).strftime("%Y-%m-%d"),
            }
        )
    records = [
        r
        for r in Activity.history.filter(plan_id=plan.pk, history_date__lte=moment)
        .latest_of_each()
        .order_by("position", "id")
        if r.history_type != "-"
    ]
    through = Activity.history.model._meta.get_field("historicalactivity_goals").related_model
    goal_links = through.objects.filter(history_id__in=[r.history_id for r in records]).values_list(
        "history_id", "goal_id"
    )
    milestones = [
        m
        for m in Milestone.history.filter(plan_id=plan.pk, history_date__lte=moment)
        .latest_of_each()
        .order_by("position", "id")
        if m.history_type != "-"
    ]
    return _states(
        plan, activities=records, goal_links=goal_links, key="history_id", milestones=milestones
    )


def last_changed(plan: Plan, moment: dt.datetime | None) -> dict[int, dt.date]:
    """Activity id -> the local day of its last recorded change up to `moment` (None: now)."""
    records = Activity.history.filter(plan_id=plan.pk)
    if moment is not None:
        records = records.filter(history_date__lte=moment)
    return {
        row["id"]: timezone.localdate(row["last"])
        for row in records.values("id").annotate(last=Max("history_date")).order_by()
    }


def state_of(snapshot: Snapshot) -> list[ItemState]:
    return [ItemState.from_json(data) for data in snapshot.items]


@transaction.atomic
def snapshot_take(
    *, plan: Plan, meeting: Meeting | None, title: str, user, signed: bool = False
) -> Snapshot:
    """Freezes the plan's items now. Refuses an empty plan and a meeting of another plan."""
    if meeting is not None and meeting.plan_id != plan.pk:
        raise SnapshotRefused(_("Mötet hör till en annan plan."))
    states = state_now(plan)
    if not states:
        raise SnapshotRefused(
            _(
                "Planen ”%(plan)s” har inga aktiviteter eller delmål ännu, så det finns inget "
                "läge att spara. Lägg in aktiviteter först."
            )
            % {"plan": plan}
        )
    title = title.strip() or (str(meeting) if meeting else _("Aktuellt läge"))
    return Snapshot.objects.create(
        plan=plan,
        meeting=meeting,
        title=title[:200],
        taken_at=timezone.now(),
        taken_by=user if getattr(user, "is_authenticated", False) else None,
        plan_name=plan.name,
        plan_version=plan.document_version,
        activity_count=sum(1 for s in states if s.kind == ACTIVITY),
        milestone_count=sum(1 for s in states if s.kind == MILESTONE),
        items=[s.to_json() for s in states],
        signed=signed,
    )


@dataclass(frozen=True)
class Point:
    """A moment to compare: now, a snapshot, or a date."""

    label: str
    moment: dt.datetime | None = None  # None = now
    snapshot: Snapshot | None = None

    @property
    def is_now(self) -> bool:
        return self.moment is None and self.snapshot is None


def now_point() -> Point:
    return Point(_("nu"))


def snapshot_point(snapshot: Snapshot) -> Point:
    return Point(snapshot.title, snapshot.taken_at, snapshot)


def date_point(day: dt.date) -> Point:
    """The end of `day`, local time: a report for a date includes that day."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time.max))
    return Point(day.isoformat(), moment)


def state_at(plan: Plan, point: Point) -> list[ItemState]:
    if point.snapshot is not None:
        if point.snapshot.plan_id != plan.pk:
            raise PointRefused(
                _(
                    "Ögonblicksbilden ”%(snapshot)s” hör till planen ”%(other)s”, inte till "
                    "”%(plan)s”. Jämför bara ögonblicksbilder av samma plan."
                )
                % {"snapshot": point.snapshot, "other": point.snapshot.plan_name, "plan": plan}
            )
        return state_of(point.snapshot)
    if point.moment is None or point.moment >= timezone.now():
        return state_now(plan)
    return state_as_of(plan, point.moment)


def move_reasons(
    plan: Plan, before: list[ItemState], since: dt.datetime, until: dt.datetime | None
) -> dict[tuple[str, int], str]:
    """The reasons given for moves later or back to a tray between two moments.

    Walks each item's history records in the window in order and keeps the
    reason of every record that moved it later ("" when none was given).
    """
    start = {s.key: s for s in before}
    reasons: dict[tuple[str, int], list[str]] = defaultdict(list)
    sources = (
        (ACTIVITY, Activity.history, "start_year", "start_quarter"),
        (MILESTONE, Milestone.history, "year", "quarter"),
    )
    for kind, history, year, quarter in sources:
        records = history.filter(plan_id=plan.pk, history_date__gt=since)
        if until is not None:
            records = records.filter(history_date__lte=until)
        previous: dict[int, ItemState | None] = {}
        for r in records.order_by("history_date", "history_id").only(
            "id", "title", "lane", year, quarter, "history_change_reason", "history_date"
        ):
            key = (kind, r.id)
            state = ItemState(
                kind,
                r.id,
                r.title,
                lane_id=r.lane_id,
                start_year=getattr(r, year),
                start_quarter=getattr(r, quarter),
            )
            if is_move_later(previous.get(r.id, start.get(key)), state):
                reasons[key].append((r.history_change_reason or "").strip())
            previous[r.id] = state
    return {key: "; ".join(dict.fromkeys(t for t in texts if t)) for key, texts in reasons.items()}


def compare(plan: Plan, before: Point, after: Point) -> Changes:
    """What changed in `plan` from `before` to `after`."""
    old = state_at(plan, before)
    new = state_at(plan, after)
    since = before.moment or timezone.now()
    reasons = move_reasons(plan, old, since, after.moment)
    return diff(old, new, reasons=reasons)


def latest_snapshot(plan: Plan, *, until: dt.datetime | None = None) -> Snapshot | None:
    """Where "what changed" starts by default: the latest signed-off snapshot,
    else the latest of all."""
    snapshots = Snapshot.objects.for_plan(plan).select_related("meeting")
    if until is not None:
        snapshots = snapshots.taken_by_then(until)
    return snapshots.order_by("-signed", "-taken_at", "-pk").first()
