"""Database objects as feed rows, after the rule of what may leave the
administration (activities.confidential) for every activity."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from activities.change_text import change_label
from activities.changes import Changes, ItemState
from activities.confidential import Withheld, redact_changes, redact_states, redact_values
from activities.models import Activity, Status

STATUS_LABELS = dict(Status.choices)


def activity_rows(activities: Iterable[Activity], withheld: Withheld) -> list[dict]:
    rows = []
    for a in activities:
        row = redact_values(
            withheld.level(a.pk),
            {
                "id": a.pk,
                "plan_id": a.plan_id,
                "title": a.title,
                "heading": a.heading,
                "description": a.description,
                "lane_id": a.lane_id,
                "lane": a.lane.name if a.lane else "",
                "owner_level": a.owner_level.name if a.owner_level else "",
                "goals": [g.code for g in a.goal_list],
                "start_year": a.start_year,
                "start_quarter": a.start_quarter,
                "end_year": a.end_year,
                "end_quarter": a.end_quarter,
                "status": a.status,
                "status_label": str(STATUS_LABELS.get(a.status, a.status)),
                "status_note": a.status_note,
                "checkpoint": a.checkpoint,
                "next_meeting_id": a.next_meeting_id,
                "leader": a.leader,
                "version": a.version,
                "updated_at": a.updated_at,
            },
        )
        if row is not None:
            rows.append(row)
    return rows


def status_change_rows(records: Iterable, withheld: Withheld, existing: set[int]) -> list[dict]:
    """One row each time an activity's status changed (its first record counts)."""
    rows, last = [], defaultdict(str)
    for r in records:
        if r.id not in existing or r.id in withheld.whole or r.history_type == "-":
            continue
        if r.status != last[r.id]:
            rows.append(
                {
                    "activity_id": r.id,
                    "plan_id": r.plan_id,
                    "status": r.status,
                    "status_label": str(STATUS_LABELS.get(r.status, r.status)),
                    "previous_status": last[r.id],
                    "changed_at": r.history_date,
                }
            )
        last[r.id] = r.status
    return rows


def snapshot_item_rows(snapshot_id: int, states: list[ItemState], withheld: Withheld) -> list[dict]:
    return [
        {
            "snapshot_id": snapshot_id,
            "kind": s.kind,
            "id": s.id,
            "title": s.title,
            "lane": s.lane,
            "start_year": s.start_year,
            "start_quarter": s.start_quarter,
            "end_year": s.end_year,
            "end_quarter": s.end_quarter,
            "status": s.status,
            "status_label": s.status_label,
            "status_note": s.status_note,
            "checkpoint": s.checkpoint,
            "leader": s.leader,
            "goals": list(s.goals),
            "owner_level": s.owner_level,
        }
        for s in redact_states(states, withheld)
    ]


def change_rows(snapshot_id: int, since_id: int, changes: Changes, withheld: Withheld) -> list:
    return [
        {
            "snapshot_id": snapshot_id,
            "since_snapshot_id": since_id,
            "item_kind": item.item.kind,
            "item_id": item.item.id,
            "title": item.item.title,
            "change": str(change.kind),
            "change_label": change_label(change.kind),
            "before": change.before,
            "after": change.after,
            "quarters": change.quarters,
            "reason": change.reason,
        }
        for item, change in redact_changes(changes, withheld).flat()
    ]
