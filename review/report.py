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
from activities.dependency_reads import plan_edges
from activities.models import Activity, Status
from activities.snapshots import (
    PointRefused,
    compare,
    date_point,
    last_changed,
    latest_snapshot,
    now_point,
    snapshot_point,
    state_at,
)
from core.quarters import Quarter
from indicators.report_lines import IndicatorLine, indicator_lines
from indicators.rollup import ActivityFact, IndicatorFact, for_goal, roll_up
from indicators.tree import Summary, summarise
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
    body: str = ""


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
    indicators: list[IndicatorLine] = field(default_factory=list)
    indicators_are_current: bool = True
    # Activity id -> the day it was last changed, as the history knew it on `day`.
    changed_on: dict[int, dt.date] = field(default_factory=dict)
    # What this report cannot know, in plain words (shown above the report).
    notes: list[str] = field(default_factory=list)
    # Finish → start dependencies as (predecessor id, successor id), as they are now.
    dependencies: list[tuple[int, int]] = field(default_factory=list)

    @property
    def running_head(self) -> str:
        """The line at the top of every printed page: plan, date and version."""
        head = _("%(plan)s · Aktuellt läge %(day)s") % {
            "plan": self.plan_name,
            "day": self.day.isoformat(),
        }
        if self.version:
            head = _("%(head)s · version %(version)s") % {"head": head, "version": self.version}
        return head

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
    def goal_rollups(self) -> list[tuple[GoalInfo, Summary]]:
        """Per goal track: its activities by status, the late ones, its indicators' status."""
        facts = [
            ActivityFact(a.id, a.title, a.status, a.end, frozenset(a.goals))
            for a in self.activities
            if a.kind == ACTIVITY
        ]
        lines = [
            IndicatorFact(n, line.name, line.status, frozenset(line.goal_codes))
            for n, line in enumerate(self.indicators)
        ]
        return [
            (goal, summarise(roll_up(*for_goal(goal.code, facts, lines), self.quarter)))
            for goal in self.goals
        ]

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

    def _passed(self, item: ItemState) -> bool:
        """Its planned quarter has passed and it is neither done nor stopped."""
        end = item.end
        return (
            item.kind == ACTIVITY and end is not None and end < self.quarter and not item.is_closed
        )

    def _followed_up(self, item: ItemState) -> bool:
        """Someone changed it after its planned quarter ended (unknown counts as yes)."""
        changed = self.changed_on.get(item.id)
        return changed is None or changed > item.end.last_day

    def is_overdue(self, item: ItemState) -> bool:
        """Late as far as anyone can tell: its planned quarter has passed, it was
        looked at since, and it is still neither done nor stopped."""
        return self._passed(item) and self._followed_up(item)

    def is_unreported(self, item: ItemState) -> bool:
        """Its planned quarter has passed without anyone changing it since: whether
        it is late or done cannot be known until its status is updated."""
        return self._passed(item) and not self._followed_up(item)

    @cached_property
    def overdue(self) -> list[ItemState]:
        # Cached: the page asks once per row ("a in report.overdue"), which was O(n²).
        return [a for a in self.activities if self.is_overdue(a)]

    @cached_property
    def unreported(self) -> list[ItemState]:
        return [a for a in self.activities if self.is_unreported(a)]

    # For the template's per-row checks: a set lookup, not a scan of the list per row.
    @cached_property
    def overdue_keys(self) -> frozenset[tuple[str, int]]:
        return frozenset(a.key for a in self.overdue)

    @cached_property
    def unreported_keys(self) -> frozenset[tuple[str, int]]:
        return frozenset(a.key for a in self.unreported)

    @property
    def unreported_since(self) -> list[tuple[ItemState, dt.date | None]]:
        """Each activity not followed up, with the day it was last changed."""
        return [(a, self.changed_on.get(a.id)) for a in self.unreported]

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
    notes = []
    if not point.is_now:
        notes.append(
            _(
                "Läget %(date)s är återskapat ur planens ändringshistorik: aktiviteternas och "
                "delmålens plats, status och noteringar som de var sparade den dagen. Spår, mål "
                "och möten visas med dagens namn."
            )
            % {"date": point.label}
        )
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
        meetings=[MeetingInfo(m.pk, m.date, str(m), m.body) for m in plan.meetings.all()],
        since_label=since.title if since else "",
        changes=changes,
        indicators=indicator_lines(plan, None if point.is_now else day),
        indicators_are_current=point.is_now,
        changed_on=last_changed(plan, point.moment),
        notes=notes,
        dependencies=plan_edges(plan),
    )
    if for_distribution:
        return report.for_distribution(Activity.objects.withheld_in(plan))
    return report
