"""Demo data: the seed plans and one user per role."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from activities.plan_data import plan_create_from_data
from core import roles
from core.people import acting_as, system_actor
from demo.dependencies import dependencies_demo_load
from roadmap.models import Plan

PLAN_FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "plans"
STAFFING_SAMPLE = (
    Path(settings.BASE_DIR)
    / "fixtures"
    / "staffing"
    / "personal_medicinkliniken_koping_fagersta.xlsx"
)
VASTMANLAND = "Hälsa- och sjukvården 2029"
STAFFING_ADMINISTRATION = "Hälso- och sjukvårdsförvaltningen (demo)"
DEMO_PASSWORD = "fardplan-demo"
DEMO_ACTOR = "Demodata"  # whom the history names for what the demo wrote
DEMO_USERS = (
    ("planerare", "Petra", "Planerare", roles.PLANNER),
    ("chef", "Carl", "Chef", roles.MANAGER),
    ("analytiker", "Anna", "Analytiker", roles.ANALYST),
)


@dataclass
class DemoResult:
    plans_created: list[str]
    plans_kept: list[str]
    users_created: list[str]
    staffing_imported: bool = False
    indicators_created: list[str] | None = None


@acting_as(lambda: system_actor(DEMO_ACTOR))
@transaction.atomic
def demo_load() -> DemoResult:
    """Loads what is missing and leaves everything else alone, so running
    it twice changes nothing (and never overwrites a planner's edits)."""
    result = DemoResult([], [], [])
    for path in sorted(PLAN_FIXTURES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if Plan.objects.filter(name=data["name"], organisation=data["organisation"]).exists():
            result.plans_kept.append(data["name"])
        else:
            plan_create_from_data(data=data)
            result.plans_created.append(data["name"])
    User = get_user_model()
    for username, first, last, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            result.users_created.append(username)
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    result.staffing_imported = _demo_staffing()
    _demo_round(sign=False)  # the owners' answers belong to the history dated below
    _demo_snapshot(loaded_now=VASTMANLAND in result.plans_created)
    result.indicators_created = _demo_thread()
    _demo_staffing_links()
    dependencies_demo_load()
    _demo_round(sign=True)
    return result


def _demo_staffing_links() -> None:
    """Närakut Köping concerns 1722100 Akutmottagningen Köping and its base unit."""
    from activity_staffing.demo_data import staffing_links_demo_load

    staffing_links_demo_load()


def _demo_thread() -> list[str]:
    """Vision, principles, target areas and indicators from the seeds (issue 12)."""
    from indicators.demo_data import thread_demo_load

    return thread_demo_load()


def _demo_round(*, sign: bool) -> None:
    """HSN 24/4's status round: owners as users, answered in part, then signed
    with the meeting's snapshot."""
    from rounds.demo import demo_round_open, demo_round_sign

    if sign:
        demo_round_sign()
    else:
        demo_round_open(password=DEMO_PASSWORD)


# The seed map is the slide shown to HSN on 24 April 2024, the morning of the meeting.
SEED_MOMENT = dt.time(8, 0)


def _demo_snapshot(*, loaded_now: bool) -> None:
    """The seed map is the state reported to HSN 24 april 2024: a plan loaded just
    now is dated at that meeting (its history, and the meeting's snapshot), so the
    report for 2024-04-24 and "sedan HSN 24/4" show it as it stood then."""
    from activities.snapshots import snapshot_take
    from roadmap.models import Snapshot

    plan = Plan.objects.filter(name=VASTMANLAND).first()
    meeting = plan and plan.meetings.filter(body="HSN", date="2024-04-24").first()
    if meeting is None or Snapshot.objects.filter(plan=plan).exists():
        return
    snapshot = snapshot_take(plan=plan, meeting=meeting, title=meeting.title, user=None)
    if loaded_now:  # never re-date a plan that planners may have changed since
        moment = timezone.make_aware(dt.datetime.combine(meeting.date, SEED_MOMENT))
        _date_seed(plan, moment)
        Snapshot.objects.filter(pk=snapshot.pk).update(taken_at=moment)


def _date_seed(plan: Plan, moment: dt.datetime) -> None:
    """Moves a plan loaded just now, and its whole history, back in time so that
    its last record falls at `moment`; the records keep their order."""
    from activities.models import Activity, Scenario
    from roadmap.models import Goal, Milestone

    histories = [
        plan.history.all(),
        *(model.history.filter(plan_id=plan.pk) for model in (Activity, Milestone, Goal)),
        Scenario.history.filter(activity__plan=plan),
    ]
    last = max(filter(None, (h.aggregate(last=Max("history_date"))["last"] for h in histories)))
    shift = last - moment
    Plan.objects.filter(pk=plan.pk).update(created_at=F("created_at") - shift)
    for history in histories:
        history.update(history_date=F("history_date") - shift)


def _demo_staffing() -> bool:
    """The seed's headcount table, imported as an analyst would (once)."""
    from staffing.parser import parse_staffing_bytes
    from staffing.services import sha256_of, staffing_import_commit, staffing_import_preview

    data = STAFFING_SAMPLE.read_bytes()
    parsed = parse_staffing_bytes(data)
    preview = staffing_import_preview(
        parsed=parsed,
        sha256=sha256_of(data),
        filename=STAFFING_SAMPLE.name,
        administration=STAFFING_ADMINISTRATION,
    )
    if preview.already:
        return False
    staffing_import_commit(
        parsed=parsed,
        data=data,
        filename=STAFFING_SAMPLE.name,
        user=None,
        administration=STAFFING_ADMINISTRATION,
    )
    return True
