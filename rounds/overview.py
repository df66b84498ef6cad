"""What the round's page and "Mina aktiviteter" show, read in a few queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from activities.change_text import summary
from activities.changes import ACTIVITY
from activities.models import OPEN_STATUSES, Activity
from activities.snapshots import Point, compare, plan_began
from core.people import display_name
from core.quarters import Quarter
from roadmap.models import Plan
from rounds.chart import StateCount
from rounds.models import Answer, Round, StatusRequest

SHOW = {
    "alla": None,
    "obesvarade": [Answer.NONE],
    "besvarade": [Answer.UPDATED, Answer.UNCHANGED],
    "oforandrade": [Answer.UNCHANGED],
}


@dataclass(frozen=True)
class RequestRow:
    request: StatusRequest
    change: str  # what changed in the activity since the round opened ("" = nothing)


@dataclass(frozen=True)
class RoundOverview:
    round: Round
    rows: list[RequestRow]
    counts: list[StateCount]
    total: int
    owners: list[tuple[int, str]]

    @property
    def answered(self) -> int:
        return sum(c.count for c in self.counts if c.state)

    @property
    def unanswered(self) -> int:
        return self.total - self.answered


def state_counts(answers: list[str]) -> list[StateCount]:
    return [
        StateCount(state.value, str(state.label), sum(1 for a in answers if a == state.value))
        for state in (Answer.UPDATED, Answer.UNCHANGED, Answer.NONE)
    ]


def round_overview(round_: Round, *, show: str = "alla", owner: int | None = None) -> RoundOverview:
    requests = list(StatusRequest.objects.for_round(round_).listing())
    until = round_.closed_at
    # A round can be older than the plan's history (a demo or an import).
    since = max(round_.opened_at, plan_began(round_.plan))
    changes = compare(
        round_.plan,
        Point(_("när omgången öppnades"), since),
        Point(_("nu"), until if until and until < timezone.now() else None),
    )
    states = SHOW.get(show) or None
    rows = [
        RequestRow(r, summary(c) if (c := changes.get(ACTIVITY, r.activity_id)) else "")
        for r in requests
        if (states is None or r.answer in states) and (owner is None or r.owner_id == owner)
    ]
    owners = sorted({(r.owner_id, display_name(r.owner)) for r in requests}, key=lambda o: o[1])
    return RoundOverview(
        round_, rows, state_counts([r.answer for r in requests]), len(requests), owners
    )


@dataclass(frozen=True)
class MyActivity:
    activity: Activity
    request: StatusRequest | None  # an unanswered request in an open round
    overdue: bool


def my_activities(user, *, today: dt.date) -> list[tuple[Plan, list[MyActivity]]]:
    """The user's activities across plans, each with what is due."""
    open_requests = {
        r.activity_id: r
        for r in StatusRequest.objects.for_owner(user)
        .unanswered()
        .filter(round__closed_at__isnull=True)
        .select_related("round", "round__meeting")
    }
    current = Quarter.of_date(today)
    grouped: dict[int, tuple[Plan, list[MyActivity]]] = {}
    for a in (
        Activity.objects.owned_by(user)
        .for_map()
        .select_related("plan")
        .order_by("plan__name", "start_year", "start_quarter", "pk")
    ):
        end = a.end or a.start
        late = end is not None and end < current and a.status in OPEN_STATUSES
        grouped.setdefault(a.plan_id, (a.plan, []))[1].append(
            MyActivity(a, open_requests.get(a.pk), late)
        )
    return list(grouped.values())
