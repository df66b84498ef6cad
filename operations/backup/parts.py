"""What a plan backup holds: one line per model, in the order they are restored
(everything a row refers to comes before it). The next app that hangs data on
a plan adds one `Part` here.

A part says how to reach its rows from a plan (a lookup that takes the plan's
id, or a function giving a Q), and what its references need beyond the
generic rules in `restore`:
- `natural`: foreign keys to installation-wide rows, carried by a natural key
  (a staffing unit by its code) and matched by it on restore;
- `refs`: plain integer fields that hold another carried row's id;
- `json`: JSON fields with ids inside, and the function that rewrites them;
- `deleted`: give fresh ids to the objects only its history remembers.
Foreign keys to carried models, to users (by username) and to the model
itself (a goal's parent) are found from the model and need no line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.models import Q

from activities.models import Activity, Scenario
from activity_staffing.models import StaffingLink
from indicators.models import Indicator, IndicatorSnapshot, IndicatorTarget, IndicatorValue
from operations.backup import payloads
from roadmap.models import Goal, Lane, Meeting, Milestone, OwnerLevel, Plan, Snapshot
from rounds.models import Reminder, Round, SignOff, StatusRequest
from staffing.models import BaseUnit, Unit
from strategy.models import Principle, TargetArea, Vision

HistoricalActivity = Activity.history.model


@dataclass(frozen=True)
class Part:
    model: type[models.Model]
    reach: str | Callable[[int], Q]
    natural: dict[str, tuple[type[models.Model], str]] = field(default_factory=dict)
    refs: dict[str, type[models.Model]] = field(default_factory=dict)
    json: dict[str, Callable] = field(default_factory=dict)
    deleted: bool = False

    @property
    def label(self) -> str:
        return self.model._meta.label

    def rows(self, plan_id: int) -> models.QuerySet:
        where = self.reach(plan_id) if callable(self.reach) else Q(**{self.reach: plan_id})
        found = self.model._default_manager.filter(where)
        if self.natural:
            found = found.select_related(*(n.removesuffix("_id") for n in self.natural))
        return found.order_by("pk")


def _history(base: type[models.Model], reach: str | Callable[[int], Q]) -> Part:
    """A history table: its `id` is the id of the object it records."""
    return Part(base.history.model, reach, refs={"id": base})


def _predecessors(plan_id: int) -> Q:
    return Q(from_activity__plan=plan_id, to_activity__plan=plan_id)


def _scenario_history(plan_id: int) -> Q:
    # Deleted cards' scenarios too: their activity is only in the history.
    cards = HistoricalActivity.objects.filter(plan_id=plan_id).values("id")
    return Q(activity_id__in=cards) | Q(activity__plan=plan_id)


PARTS = [
    # Format 1: the plan, its map and their history.
    Part(Plan, "pk"),
    Part(Lane, "plan"),
    Part(OwnerLevel, "plan"),
    Part(Goal, "plan", deleted=True),
    Part(Meeting, "plan"),
    Part(Milestone, "plan", deleted=True),
    Part(Activity, "plan", deleted=True),
    Part(Activity.goals.through, "activity__plan"),
    Part(Activity.predecessors.through, _predecessors),
    Part(Scenario, "activity__plan", deleted=True),
    Part(Snapshot, "plan", json={"items": payloads.snapshot_items}),
    _history(Plan, "id"),
    _history(Goal, "plan_id"),
    _history(Milestone, "plan_id"),
    _history(Activity, "plan_id"),
    _history(Scenario, _scenario_history),
    Part(apps.get_model("activities", "HistoricalActivity_goals"), "history__plan_id"),
    # Format 2: strategy, indicators, staffing links and status rounds.
    Part(Vision, "plan"),
    Part(Principle, "plan"),
    Part(TargetArea, "plan"),
    Part(TargetArea.goals.through, "targetarea__plan"),
    Part(Indicator, "plan"),
    Part(Indicator.goals.through, "indicator__plan"),
    Part(Indicator.target_areas.through, "indicator__plan"),
    Part(Indicator.activities.through, "indicator__plan"),
    Part(IndicatorTarget, "indicator__plan"),
    Part(IndicatorValue, "indicator__plan"),
    Part(IndicatorSnapshot, "snapshot__plan", json={"items": payloads.indicator_items}),
    Part(
        StaffingLink,
        "activity__plan",
        natural={"unit_id": (Unit, "code"), "base_unit_id": (BaseUnit, "name")},
    ),
    Part(Round, "plan"),
    Part(StatusRequest, "round__plan", refs={"history_id": HistoricalActivity}),
    Part(Reminder, "round__plan"),
    Part(SignOff, "round__plan", json={"report": payloads.frozen_report}),
]
