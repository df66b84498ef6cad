"""A whole plan from plain data (the demo fixtures' format), written in one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from activities.models import Activity, Scenario
from activities.services import one_history_row
from roadmap.models import Goal, Lane, Meeting, Milestone, OwnerLevel, Plan


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@transaction.atomic
def plan_create_from_data(*, data: dict[str, Any]) -> Plan:
    """Creates a whole plan from plain data (the demo fixtures' format).

    Every object is validated with full_clean, so a fixture with a lane
    of the wrong name or a quarter outside the plan fails loudly and
    leaves nothing behind.
    """
    plan = _saved(
        Plan(
            name=data["name"],
            organisation=data.get("organisation", ""),
            first_year=data["first_year"],
            last_year=data["last_year"],
            description=data.get("description", ""),
            decided_by=data.get("decided_by", ""),
            decided_on=_date(data.get("decided_on")),
            document_id=data.get("document_id", ""),
            document_version=data.get("document_version", ""),
            valid_from=_date(data.get("valid_from")),
            valid_to=_date(data.get("valid_to")),
            revision_date=_date(data.get("revision_date")),
        )
    )  # saving adds the default lanes and owner levels
    if "lanes" in data:
        plan.lanes.all().delete()
        Lane.objects.bulk_create(
            Lane(plan=plan, name=n, order=i) for i, n in enumerate(data["lanes"])
        )
    if "owner_levels" in data:
        plan.owner_levels.all().delete()
        OwnerLevel.objects.bulk_create(
            OwnerLevel(plan=plan, name=n, order=i) for i, n in enumerate(data["owner_levels"])
        )
    frame = _Frame(
        lanes={lane.name: lane for lane in plan.lanes.all()},
        levels={level.name: level for level in plan.owner_levels.all()},
        goals={g["code"]: _saved(_goal(plan, i, g)) for i, g in enumerate(data.get("goals", []))},
        meetings=_meetings(plan, data.get("meetings", [])),
    )
    for i, m in enumerate(data.get("milestones", [])):
        _saved(
            Milestone(
                plan=plan,
                title=m["title"],
                description=m.get("description", ""),
                goal=frame.goals.get(m.get("goal")),
                lane=frame.lanes.get(m.get("lane")),
                year=m.get("year"),
                quarter=m.get("quarter"),
                position=i,
            )
        )
    for i, a in enumerate(data.get("activities", [])):
        _activity_create(plan, frame, i, a)
    return plan


@dataclass
class _Frame:
    """The plan's lanes, levels, goals and meetings by the names the data uses."""

    lanes: dict[str, Lane]
    levels: dict[str, OwnerLevel]
    goals: dict[str, Goal]
    meetings: dict[str, Meeting]


def _saved(obj):
    obj.full_clean()
    obj.save()
    return obj


def _meetings(plan: Plan, rows: list[dict[str, Any]]) -> dict[str, Meeting]:
    meetings = {}
    for m in rows:
        meeting = _saved(
            Meeting(plan=plan, body=m["body"], date=_date(m["date"]), title=m.get("title", ""))
        )
        meetings[m.get("key", meeting.title)] = meeting
    return meetings


def _goal(plan: Plan, order: int, g: dict[str, Any]) -> Goal:
    goal = Goal(plan=plan, code=g["code"], title=g["title"], order=order)
    if "colour" in g:
        goal.colour = g["colour"]
    return goal


def _activity_create(plan: Plan, frame: _Frame, position: int, a: dict[str, Any]) -> Activity:
    start = a.get("start") or (None, None)
    end = a.get("end") or (None, None)
    activity = Activity(
        plan=plan,
        title=a["title"],
        description=a.get("description", ""),
        heading=a.get("heading", ""),
        lane=frame.lanes[a["lane"]] if a.get("lane") else None,
        owner_level=frame.levels[a["owner_level"]] if a.get("owner_level") else None,
        start_year=start[0],
        start_quarter=start[1],
        end_year=end[0],
        end_quarter=end[1],
        when_text=a.get("when_text", ""),
        done_text=a.get("done_text", ""),
        status=a.get("status", Activity._meta.get_field("status").default),
        status_note=a.get("status_note", ""),
        next_meeting=frame.meetings[a["next_meeting"]] if a.get("next_meeting") else None,
        next_checkpoint=a.get("next_checkpoint", ""),
        leader=a.get("leader", ""),
        working_group=a.get("working_group", ""),
        position=position,
    )
    activity.full_clean()
    with one_history_row(activity, "+"):  # created with its goals, in one entry
        activity.save()
        activity.goals.set([frame.goals[code] for code in a.get("goals", [])])
    for number, text in enumerate(a.get("scenarios", []), start=1):
        Scenario.objects.create(activity=activity, number=number, text=text)
    return activity
