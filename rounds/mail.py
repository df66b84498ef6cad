"""Reminder mails: who gets one, what it says, and sending it once.

Mail goes through Django's mailers (console in development, locmem in tests,
SMTP from the environment in production; see the settings). Each reminder is recorded
before it is sent, in the same transaction, so a kind reaches an owner once
even when the timer runs twice; a failed send records nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.people import display_name
from rounds.models import Reminder, ReminderKind, Round, StatusRequest
from rounds.schedule import reminder_kind


def mail_configured() -> bool:
    """Whether the project has a mailer to send through (none: production
    without EMAIL_HOST; the round's page then offers a list to copy)."""
    return "default" in getattr(settings, "MAILERS", {})


@dataclass(frozen=True)
class OwnerLetter:
    owner_id: int
    owner_name: str
    email: str
    items: list[tuple[str, str]]  # (activity title, answer form URL)


@dataclass
class RemindResult:
    mailed: list[str] = field(default_factory=list)
    without_email: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)


def letters(round_: Round, *, site_url: str) -> list[OwnerLetter]:
    """One letter per owner with unanswered requests, each linking its forms."""
    by_owner: dict[int, list[StatusRequest]] = defaultdict(list)
    owners = {}
    for r in StatusRequest.objects.for_round(round_).unanswered().listing():
        by_owner[r.owner_id].append(r)
        owners[r.owner_id] = r.owner
    base = site_url.rstrip("/")
    return [
        OwnerLetter(
            pk,
            display_name(owners[pk]),
            owners[pk].email,
            [(r.activity.title, base + reverse("rounds:answer", args=[r.pk])) for r in reqs],
        )
        for pk, reqs in sorted(by_owner.items(), key=lambda kv: display_name(owners[kv[0]]))
    ]


def compose(
    letter: OwnerLetter, *, kind: str, meeting: str, plan: str, due: dt.date
) -> tuple[str, str]:
    """Subject and body of one reminder. Pure."""
    day = due.isoformat()
    subjects = {
        ReminderKind.OPENING: _("Status inför %(meeting)s: svara senast %(day)s"),
        ReminderKind.BEFORE_DUE: _("Påminnelse: status inför %(meeting)s senast %(day)s"),
        ReminderKind.DUE: _("Sista dagen i dag: status inför %(meeting)s"),
        ReminderKind.MANUAL: _("Påminnelse: status inför %(meeting)s senast %(day)s"),
    }
    subject = subjects[kind] % {"meeting": meeting, "day": day}
    lines = [
        _("Hej %(name)s,") % {"name": letter.owner_name},
        "",
        _(
            "Inför %(meeting)s ber vi om aktuell status för dina aktiviteter i ”%(plan)s”. "
            "Svara senast %(day)s. Ett svar tar en minut: status, notering och nästa "
            "avstämning, eller ”oförändrat”."
        )
        % {"meeting": meeting, "plan": plan, "day": day},
        "",
    ]
    for title, url in letter.items:
        lines += [f"• {title}", f"  {url}", ""]
    lines.append(_("Tack! /Färdplan"))
    return subject, "\n".join(lines)


def round_remind(*, round_: Round, kind: str, site_url: str) -> RemindResult:
    """Sends `kind` to every owner with unanswered requests who has not had it yet."""
    result = RemindResult()
    if not mail_configured():
        return result
    with translation.override(settings.LANGUAGE_CODE):
        meeting, plan = str(round_.meeting), round_.plan.name
        sent = set(
            Reminder.objects.filter(round=round_, kind=kind).values_list("owner_id", flat=True)
        )
        for letter in letters(round_, site_url=site_url):
            if kind != ReminderKind.MANUAL and letter.owner_id in sent:
                result.already.append(letter.owner_name)
                continue
            if not letter.email:
                result.without_email.append(letter.owner_name)
                continue
            subject, body = compose(
                letter, kind=kind, meeting=meeting, plan=plan, due=round_.due_date
            )
            try:
                with transaction.atomic():
                    Reminder.objects.create(round=round_, owner_id=letter.owner_id, kind=kind)
                    send_mail(subject, body, None, [letter.email])
            except IntegrityError:  # another run sent it a moment ago
                result.already.append(letter.owner_name)
                continue
            result.mailed.append(letter.owner_name)
    return result


def reminders_send_due(*, today: dt.date, site_url: str) -> list[tuple[Round, str, RemindResult]]:
    """What the timer runs: each open round's current reminder, once per owner."""
    done = []
    for round_ in Round.objects.open().select_related("plan", "meeting"):
        kind = reminder_kind(
            today=today,
            opened_on=timezone.localdate(round_.opened_at),
            due=round_.due_date,
        )
        if kind is not None:
            done.append((round_, kind, round_remind(round_=round_, kind=kind, site_url=site_url)))
    return done
