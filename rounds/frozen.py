"""A report as plain JSON and back: the signed "Aktuellt läge" is kept this
way, so it reads the same whatever happens to the plan later. Pure: no models.

The changes are kept as the state they start from and the move reasons; the
diff (itself pure) rebuilds them against the report's own items.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal

from activities.changes import ItemState, diff
from indicators.report_lines import IndicatorLine
from review.report import GoalInfo, MeetingInfo, Report


def report_to_json(
    report: Report,
    *,
    before: Sequence[ItemState] | None,
    reasons: Mapping[tuple[str, int], str],
) -> dict:
    return {
        "plan_id": report.plan_id,
        "plan_name": report.plan_name,
        "organisation": report.organisation,
        "version": report.version,
        "day": report.day.isoformat(),
        "first_year": report.first_year,
        "last_year": report.last_year,
        "goals": [{"code": g.code, "title": g.title, "colour": g.colour} for g in report.goals],
        "lanes": list(report.lanes),
        "activities": [a.to_json() for a in report.activities],
        "milestones": [m.to_json() for m in report.milestones],
        "meetings": [
            {"pk": m.pk, "day": m.day.isoformat(), "label": m.label, "body": m.body}
            for m in report.meetings
        ],
        "since_label": report.since_label,
        "changed_on": [[pk, day.isoformat()] for pk, day in sorted(report.changed_on.items())],
        "notes": list(report.notes),
        "indicators": [_line_to_json(line) for line in report.indicators],
        "indicators_are_current": report.indicators_are_current,
        "dependencies": [list(edge) for edge in report.dependencies],
        "before": None if before is None else [s.to_json() for s in before],
        "reasons": [[kind, pk, text] for (kind, pk), text in sorted(reasons.items())],
    }


def report_from_json(data: Mapping) -> Report:
    activities = [ItemState.from_json(a) for a in data["activities"]]
    milestones = [ItemState.from_json(m) for m in data["milestones"]]
    changes = None
    if data.get("before") is not None:
        before = [ItemState.from_json(s) for s in data["before"]]
        reasons = {(kind, pk): text for kind, pk, text in data.get("reasons", [])}
        changes = diff(before, [*activities, *milestones], reasons=reasons)
    return Report(
        plan_id=data["plan_id"],
        plan_name=data["plan_name"],
        organisation=data["organisation"],
        version=data["version"],
        day=dt.date.fromisoformat(data["day"]),
        first_year=data["first_year"],
        last_year=data["last_year"],
        goals=[GoalInfo(**g) for g in data["goals"]],
        lanes=list(data["lanes"]),
        activities=activities,
        milestones=milestones,
        meetings=[
            MeetingInfo(m["pk"], dt.date.fromisoformat(m["day"]), m["label"], m.get("body", ""))
            for m in data["meetings"]
        ],
        since_label=data["since_label"],
        changes=changes,
        changed_on={pk: dt.date.fromisoformat(day) for pk, day in data.get("changed_on", [])},
        notes=list(data.get("notes", [])),
        indicators=[_line_from_json(line) for line in data.get("indicators", [])],
        indicators_are_current=data.get("indicators_are_current", True),
        dependencies=[(pred, succ) for pred, succ in data.get("dependencies", [])],
    )


_DECIMALS = ("value", "count", "target", "change")


def _line_to_json(line: IndicatorLine) -> dict:
    data = dataclasses.asdict(line)
    for name in _DECIMALS:
        data[name] = None if data[name] is None else str(data[name])
    data["goal_codes"] = list(line.goal_codes)
    return data


def _line_from_json(data: Mapping) -> IndicatorLine:
    values = dict(data)
    for name in _DECIMALS:
        values[name] = None if values[name] is None else Decimal(values[name])
    values["goal_codes"] = tuple(values["goal_codes"])
    return IndicatorLine(**values)
