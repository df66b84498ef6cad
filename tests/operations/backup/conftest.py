import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from activities.models import Scenario, Status
from activities.snapshots import snapshot_take
from indicators.models import IndicatorTarget, IndicatorValue
from roadmap.models import Goal, Lane, Plan
from rounds.models import Reminder, ReminderKind, Round
from tests.factories import planner


@pytest.fixture
def plan():
    """The demo plan (strategy, indicators, staffing links, a signed round) after
    a planner's working day: edits, a move with a reason, a scenario, a
    dependency, a sub-goal, a target, a value, a reminder, a deleted card, a
    second snapshot, and a lane and a meeting deleted after it."""
    call_command("demo", stdout=io.StringIO())
    plan = Plan.objects.get(name="Hälsa- och sjukvården 2029")
    user = planner(username="backup-planner")
    card = plan.activities.order_by("pk").first()
    card.status, card.status_note, card._history_user = Status.IN_PROGRESS, "Igång", user
    card.save()
    moved = plan.activities.order_by("pk")[1]
    moved.start_year, moved._change_reason = 2026, "Resursbrist"
    moved.lane = Lane.objects.create(plan=plan, name="Tillfälligt spår", order=9)
    moved.save()
    Scenario.objects.create(activity=card, number=99, text="Om budgeten halveras")
    card.predecessors.add(moved)
    parent = plan.goals.order_by("pk").first()
    Goal.objects.create(plan=plan, code="Del 1", title="Delmål", parent=parent, order=5)
    indicator = plan.indicators.get()
    indicator.activities.add(card)
    IndicatorTarget.objects.create(indicator=indicator, year=2027, value=Decimal("12.5000"))
    IndicatorValue.objects.create(
        indicator=indicator, year=2024, value=Decimal("3.2500"), count=Decimal(40), note="Q"
    )
    round_ = Round.objects.get(plan=plan)
    owner = round_.requests.order_by("pk").first().owner
    Reminder.objects.create(round=round_, owner=owner, kind=ReminderKind.MANUAL)
    plan.activities.order_by("pk").last().delete()
    snapshot_take(plan=plan, meeting=None, title="Efter ändringarna", user=user)
    Lane.objects.get(plan=plan, name="Tillfälligt spår").delete()
    plan.meetings.filter(round__isnull=True, snapshots__isnull=True).order_by(
        "date"
    ).last().delete()
    return plan
