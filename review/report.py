"""The "Aktuellt läge" status report: one plan at one date, grouped by goal
track and lane, with counts per status, what is late, and what changed
since the last snapshot.

`build_report` reads the database once and returns a `Report` of plain
values; the page, the .xlsx and the .pptx are all written from it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone
from django.utils.translation import gettext as _

from activities.changes import ACTIVITY, MILESTONE, Changes, ItemState
from activities.confidential import Withheld, redact_changes, redact_states
from activities.models import Activity, Status
from activities.snapshots import (
    PointRefused,
    compare,
    date_point,
    latest_snapshot,
    now_point,
    snapshot_point,
    state_at,
)
from core.quarters import Quarter
from roadmap.models import Plan


@dataclass(frozen=True)
class GoalInfo:
    code: str
    title: str
    colour: str


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    symbol: str
    count: int


@dataclass
class LaneGroup:
    lane: str
    items: list[ItemState]


@dataclass
class GoalGroup:
    goal: GoalInfo | None
    lanes: list[LaneGroup]

    @property
    def heading(self) -> str:
        if self.goal is None:
            return _("Utan mål")
        return f"{self.goal.code}: {self.goal.title}"

    @property
    def count(self) -> int:
        return sum(len(lane.items) for lane in self.lanes)


@dataclass(frozen=True)
class MeetingInfo:
    pk: int
    day: dt.date
    label: str


@dataclass
class Report:
    plan_id: int
    plan_name: str
    organisation: str
    version: str
    day: dt.date
    first_year: int
    last_year: int
    goals: list[GoalInfo]
    lanes: list[str]
    activities: list[ItemState]
    milestones: list[ItemState]
    meetings: list[MeetingInfo] = field(default_factory=list)
    since_label: str = ""
    changes: Changes | None = None

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    def for_distribution(self, withheld: Withheld) -> Report:
        """This report as it may leave the administration (activities.confidential)."""
        changes = redact_changes(self.changes, withheld) if self.changes is not None else None
        return dataclasses.replace(
            self, activities=redact_states(self.activities, withheld), changes=changes
        )

    @property
    def quarter(self) -> Quarter:
        return Quarter.of_date(self.day)

    def goal(self, code: str) -> GoalInfo | None:
        return next((g for g in self.goals if g.code == code), None)

    @property
    def groups(self) -> list[GoalGroup]:
        groups = []
        for goal in [*self.goals, None]:
            code = goal.code if goal else ""
            known = {g.code for g in self.goals}
            mine = [
                a
                for a in self.activities
                if (a.goal == code) or (goal is None and a.goal not in known)
            ]
            if not mine:
                continue
            lanes = []
            for lane in [*self.lanes, ""]:
                items = [a for a in mine if a.lane == lane]
                if items:
                    lanes.append(LaneGroup(lane or _("Oplacerade"), items))
            groups.append(GoalGroup(goal, lanes))
        return groups

    @property
    def status_counts(self) -> list[StatusCount]:
        return [
            StatusCount(
                s.value,
                str(s.label),
                s.symbol,
                sum(1 for a in self.activities if a.status == s.value),
            )
            for s in Status
        ]

    def is_overdue(self, item: ItemState) -> bool:
        """Its planned quarter has passed and it is neither done nor stopped."""
        end = item.end
        return (
            item.kind == ACTIVITY
            and end is not None
            and end < self.quarter
            and not (item.is_closed)
        )

    @cached_property
    def overdue(self) -> list[ItemState]:
        # Cached: the page asks once per row ("a in report.overdue"), which was O(n²).
        return [a for a in self.activities if self.is_overdue(a)]

    @property
    def placed(self) -> list[ItemState]:
        return [a for a in self.activities if a.is_placed]

    @property
    def unplaced(self) -> list[ItemState]:
        return [a for a in self.activities if not a.is_placed]


class ReportRefused(ValueError):
    """The report cannot be made for that date; `str(err)` is for the user."""


def build_report(
    plan: Plan, day: dt.date | None = None, *, for_distribution: bool = False
) -> Report:
    today = timezone.localdate()
    if day is not None and day > today:
        raise ReportRefused(
            _("%(date)s ligger i framtiden; välj dagens datum eller ett tidigare.")
            % {"date": day.isoformat()}
        )
    point = now_point() if day is None or day == today else date_point(day)
    try:
        states = state_at(plan, point)
    except PointRefused as err:
        raise ReportRefused(str(err)) from None
    since = latest_snapshot(plan, until=point.moment)
    changes = compare(plan, snapshot_point(since), point) if since else None
    goals = [GoalInfo(g.code, g.title, g.colour) for g in plan.goals.order_by("order", "pk")]
    report = Report(
        plan_id=plan.pk,
        plan_name=plan.name,
        organisation=plan.organisation,
        version=plan.document_version,
        day=day or today,
        first_year=plan.first_year,
        last_year=plan.last_year,
        goals=goals,
        lanes=list(plan.lanes.values_list("name", flat=True)),
        activities=[s for s in states if s.kind == ACTIVITY],
        milestones=[s for s in states if s.kind == MILESTONE],
        meetings=[MeetingInfo(m.pk, m.date, str(m)) for m in plan.meetings.all()],
        since_label=since.title if since else "",
        changes=changes,
    )
    if for_distribution:
        return report.for_distribution(Activity.objects.withheld_in(plan))
    return report
