"""Demo: Västmanland's status round before HSN 24 april 2024, answered in
part and signed, with the activity owners as users. Loaded once; a second
run finds the round and leaves everything alone."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core import roles
from roadmap.models import Plan, Snapshot
from rounds.forms import AnswerForm
from rounds.models import Round
from rounds.services import request_answer, request_unchanged, round_open
from rounds.signing import round_sign_off

PLAN = "Hälsa- och sjukvården 2029"
DUE = dt.date(2024, 4, 15)
OPENED = dt.datetime(2024, 4, 2, 9, 0)
# username, first name, last name, the activities they own (title starts)
DEMO_OWNERS = (
    ("johan", "Johan", "Nordmark", ("Utredning och detaljerad beskrivning",)),
    ("karin", "Karin", "Lind", ("Lokalförsörjningsplan", "Regionen och kommunerna")),
    ("erik", "Erik", "Sjöberg", ("Akuta omhändertagandet",)),
)


def _owners(password: str) -> dict[str, object]:
    User = get_user_model()
    owners = {}
    for username, first, last, _titles in DEMO_OWNERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.se",
            },
        )
        if created:
            user.set_password(password)
            user.save()
        owners[username] = user
    return owners


def _meeting():
    plan = Plan.objects.filter(name=PLAN).first()
    return plan, plan and plan.meetings.filter(body="HSN", date="2024-04-24").first()


@transaction.atomic
def demo_round_open(*, password: str) -> bool:
    """Opens the round and answers two of its four requests; False when it exists."""
    plan, meeting = _meeting()
    if meeting is None or Round.objects.filter(meeting=meeting).exists():
        return False
    owners = _owners(password)
    for username, _first, _last, titles in DEMO_OWNERS:
        for title in titles:
            plan.activities.filter(title__startswith=title, owner__isnull=True).update(
                owner=owners[username]
            )
    chef = get_user_model().objects.filter(groups__name=roles.MANAGER).first()
    round_ = round_open(plan=plan, meeting=meeting, due_date=DUE, user=chef)
    Round.objects.filter(pk=round_.pk).update(opened_at=timezone.make_aware(OPENED))
    requests = round_.requests.select_related("activity")
    # Johan answers in the form; Karin answers one "oförändrat".
    johan = requests.get(activity__title__startswith=DEMO_OWNERS[0][3][0])
    activity = johan.activity
    form = AnswerForm(
        {
            "version": activity.version,
            "status": activity.status,
            "status_note": "Uppdragsbeskrivningen klar; beslut HSN maj/juni",
            "next_checkpoint": activity.next_checkpoint,
        },
        instance=activity,
        plan=plan,
    )
    if form.is_valid():
        request_answer(status_request=johan, form=form, user=owners["johan"])
    karin = requests.get(activity__title__startswith=DEMO_OWNERS[1][3][0])
    request_unchanged(status_request=karin, user=owners["karin"])
    return True


@transaction.atomic
def demo_round_sign() -> bool:
    """The manager signs with the meeting's snapshot (the demo dates it at the
    meeting); the answers are dated with it. False when there is nothing to sign."""
    plan, meeting = _meeting()
    round_ = meeting and Round.objects.filter(meeting=meeting, sign_off__isnull=True).first()
    snapshot = round_ and Snapshot.objects.filter(meeting=meeting, signed=False).first()
    chef = get_user_model().objects.filter(groups__name=roles.MANAGER).first()
    if not snapshot or chef is None:
        return False
    round_.requests.answered().update(answered_at=snapshot.taken_at)
    round_sign_off(round_=round_, user=chef, confirm_unanswered=True, snapshot=snapshot)
    return True
