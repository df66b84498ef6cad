"""Opening a round and answering its requests.

An answer is an ordinary versioned edit of the activity (the same save and
move the map uses), so history, conflicts and "what changed" see it as any
other edit; the request only records that, when and by whom it was answered.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import Activity, move_reason_text
from activities.services import MoveRefused, Place, item_move, item_save_form
from roadmap.models import Meeting, Plan
from rounds.models import Answer, Round, StatusRequest


class RoundRefused(ValueError):
    """The round cannot be opened or the answer not saved; `str(err)` is for the user."""


def round_closed_sentence(round_: Round) -> str:
    return _(
        "Statusomgången inför %(meeting)s är stängd sedan %(day)s; svaret sparades inte. "
        "Du kan fortfarande spara det som en vanlig ändring av aktiviteten."
    ) % {
        "meeting": round_.meeting,
        "day": timezone.localtime(round_.closed_at).strftime("%Y-%m-%d"),
    }


@transaction.atomic
def round_open(*, plan: Plan, meeting: Meeting, due_date: dt.date, user) -> Round:
    """Opens a round with one request per placed activity that has an owner."""
    if meeting.plan_id != plan.pk:
        raise RoundRefused(_("Möte: ”%(m)s” hör till en annan plan.") % {"m": meeting})
    if Round.objects.filter(meeting=meeting).exists():
        raise RoundRefused(_("Möte: det finns redan en statusomgång inför %(m)s.") % {"m": meeting})
    if due_date > meeting.date:
        raise RoundRefused(
            _("Svar senast: %(due)s ligger efter mötet (%(day)s); välj en dag före mötet.")
            % {"due": due_date.isoformat(), "day": meeting.date.isoformat()}
        )
    placed = Activity.objects.for_plan(plan).exclude(pk__in=Activity.objects.in_tray(plan))
    activities = list(placed.filter(owner__isnull=False, plan=plan))
    if not activities:
        raise RoundRefused(
            _(
                "Ingen placerad aktivitet i ”%(plan)s” har en ansvarig användare, så det finns "
                "ingen att fråga. Ange ansvariga på aktiviteterna först."
            )
            % {"plan": plan}
        )
    round_ = Round.objects.create(
        plan=plan,
        meeting=meeting,
        due_date=due_date,
        opened_by=user if getattr(user, "is_authenticated", False) else None,
    )
    StatusRequest.objects.bulk_create(
        StatusRequest(round=round_, activity=a, owner_id=a.owner_id) for a in activities
    )
    return round_


def _latest_history_id(activity: Activity) -> int | None:
    return activity.history.order_by("-history_id").values_list("history_id", flat=True).first()


def _save_edit(*, form, user, reason: str) -> tuple[Activity, bool]:
    """The answer form's edit (and move) as ordinary versioned saves; False
    when the form changed nothing (then nothing is written)."""
    data = form.cleaned_data
    form.instance._history_user = user
    form.instance._change_reason = reason[:100]
    saved = item_save_form(form=form, expected_version=data["version"])
    activity = saved.item
    if data.get("move_to") is not None:
        item_move(
            item=activity,
            expected_version=activity.version,
            place=Place(activity.lane, data["move_to"]),
            reason=move_reason_text(data["move_reason"], data["move_reason_text"]),
        )
        return activity, True
    return activity, saved.changed


def request_answer(*, status_request: StatusRequest, form, user) -> Activity:
    """Saves the owner's answer as an edit of the activity (and a move, when
    one was asked for). Raises RoundRefused when the round is closed,
    EditConflict when the activity changed since the form was opened,
    MoveRefused when the move is not valid; nothing is saved then."""
    round_ = status_request.round
    if not round_.is_open:
        raise RoundRefused(round_closed_sentence(round_))
    with transaction.atomic():
        reason = _("Svar i statusomgången inför %(m)s") % {"m": round_.meeting}
        activity, changed = _save_edit(form=form, user=user, reason=reason)
        # A form sent back as it was is the same answer as "oförändrat".
        status_request.record_answer(
            answer=Answer.UPDATED if changed else Answer.UNCHANGED,
            user=user,
            history_id=_latest_history_id(activity) if changed else None,
        )
    return activity


def request_edit_after_close(*, status_request: StatusRequest, form, user) -> Activity:
    """After the round closed: the same form saved as an ordinary edit, not as
    an answer (the signed report has already been frozen without it)."""
    with transaction.atomic():
        return _save_edit(form=form, user=user, reason="")[0]


def request_unchanged(*, status_request: StatusRequest, user) -> None:
    """ "Oförändrat": the answer is that nothing changed; the activity is not touched."""
    round_ = status_request.round
    if not round_.is_open:
        raise RoundRefused(round_closed_sentence(round_))
    status_request.record_answer(answer=Answer.UNCHANGED, user=user, history_id=None)


__all__ = [
    "MoveRefused",
    "RoundRefused",
    "request_answer",
    "request_edit_after_close",
    "request_unchanged",
    "round_closed_sentence",
    "round_open",
]
