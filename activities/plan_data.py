"""Writes that span several objects of a plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from activities.models import Activity, Scenario
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
    plan = Plan(
        name=data["name"],
        organisation=data.get("organisation", ""),
        first_year=data["first_year"],
        last_year=data["last_year"],
        description=data.get("description", ""),
        decided_by=data.get("decided_by", ""),
        decided_on=_date(data.get("decided_on")),
        document_id=data.get("document_id", ""),
        version=data.get("version", ""),
        valid_from=_date(data.get("valid_from")),
        valid_to=_date(data.get("valid_to")),
        revision_date=_date(data.get("revision_date")),
    )
    plan.full_clean()
    plan.save()  # adds the default lanes and owner levels
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
    lanes = {lane.name: lane for lane in plan.lanes.all()}
    levels = {level.name: level for level in plan.owner_levels.all()}

    goals = {}
    for i, g in enumerate(data.get("goals", [])):
        goal = Goal(plan=plan, code=g["code"], title=g["title"], order=i)
        if "colour" in g:
            goal.colour = g["colour"]
        goal.full_clean()
        goal.save()
        goals[goal.code] = goal

    meetings = {}
    for m in data.get("meetings", []):
        meeting = Meeting(
            plan=plan, body=m["body"], date=_date(m["date"]), title=m.get("title", "")
        )
        meeting.full_clean()
        meeting.save()
        meetings[m.get("key", meeting.title)] = meeting

    for i, m in enumerate(data.get("milestones", [])):
        milestone = Milestone(
            plan=plan,
            title=m["title"],
            description=m.get("description", ""),
            goal=goals.get(m.get("goal")),
            lane=lanes.get(m.get("lane")),
            year=m.get("year"),
            quarter=m.get("quarter"),
            position=i,
        )
        milestone.full_clean()
        milestone.save()

    for i, a in enumerate(data.get("activities", [])):
        start = a.get("start") or (None, None)
        end = a.get("end") or (None, None)
        activity = Activity(
            plan=plan,
            title=a["title"],
            description=a.get("description", ""),
            heading=a.get("heading", ""),
            lane=lanes[a["lane"]] if a.get("lane") else None,
            owner_level=levels[a["owner_level"]] if a.get("owner_level") else None,
            start_year=start[0],
            start_quarter=start[1],
            end_year=end[0],
            end_quarter=end[1],
            when_text=a.get("when_text", ""),
            done_text=a.get("done_text", ""),
            status=a.get("status", Activity._meta.get_field("status").default),
            status_note=a.get("status_note", ""),
            next_meeting=meetings[a["next_meeting"]] if a.get("next_meeting") else None,
            next_checkpoint=a.get("next_checkpoint", ""),
            leader=a.get("leader", ""),
            working_group=a.get("working_group", ""),
            position=i,
        )
        activity.full_clean()
        activity.save()
        activity.goals.set([goals[code] for code in a.get("goals", [])])
        for number, text in enumerate(a.get("scenarios", []), start=1):
            Scenario.objects.create(activity=activity, number=number, text=text)
    return plan
