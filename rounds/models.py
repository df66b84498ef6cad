"""A status round before a meeting: requests to the activities' owners,
their answers, the reminders sent, and the manager's sign-off."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from core.fields import acting_user, part_of
from roadmap.models import Meeting, Plan, Snapshot
from roadmap.querysets import PlanScopedQuerySet


class RoundQuerySet(PlanScopedQuerySet):
    def open(self) -> RoundQuerySet:
        return self.filter(closed_at__isnull=True)

    def listing(self) -> RoundQuerySet:
        return self.select_related("plan", "meeting", "opened_by").annotate(
            request_count=models.Count("requests", distinct=True),
            answered_count=models.Count(
                "requests", filter=~models.Q(requests__answer=""), distinct=True
            ),
        )


class Round(models.Model):
    plan = part_of(Plan, _("plan"), related_name="rounds")
    # RESTRICT, not PROTECT: a meeting with a round cannot be deleted on its own, but the
    # whole plan can (its rounds go with it).
    meeting = models.OneToOneField(
        Meeting, on_delete=models.RESTRICT, related_name="round", verbose_name=_("möte")
    )
    due_date = models.DateField(_("svar senast"))
    opened_at = models.DateTimeField(_("öppnad"), default=timezone.now)
    opened_by = acting_user(_("öppnad av"))
    closed_at = models.DateTimeField(_("stängd"), null=True, blank=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-meeting__date"]
        verbose_name = _("statusomgång")
        verbose_name_plural = _("statusomgångar")

    def __str__(self) -> str:
        return str(self.meeting)

    def get_absolute_url(self) -> str:
        return reverse("rounds:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def close(self, moment: dt.datetime) -> None:
        self.closed_at = moment
        self.save(update_fields=["closed_at"])


class Answer(models.TextChoices):
    NONE = "", _("Ej besvarad")
    UPDATED = "updated", _("Besvarad")
    UNCHANGED = "unchanged", _("Oförändrad")


class StatusRequestQuerySet(models.QuerySet):
    def for_round(self, round_: Round) -> StatusRequestQuerySet:
        return self.filter(round=round_)

    def unanswered(self) -> StatusRequestQuerySet:
        return self.filter(answer=Answer.NONE)

    def answered(self) -> StatusRequestQuerySet:
        return self.exclude(answer=Answer.NONE)

    def for_owner(self, user) -> StatusRequestQuerySet:
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def listing(self) -> StatusRequestQuerySet:
        return self.select_related(
            "activity", "activity__lane", "activity__next_meeting", "owner", "answered_by"
        ).order_by("activity__lane__order", "activity__position", "activity_id")


class StatusRequest(models.Model):
    """One owner asked for one activity's status; the answer is recorded on it."""

    round = part_of(Round, _("omgång"), related_name="requests")
    activity = part_of(Activity, _("aktivitet"), related_name="status_requests")
    owner = part_of(settings.AUTH_USER_MODEL, _("ansvarig"), related_name="status_requests")
    answer = models.CharField(
        _("svar"), max_length=10, choices=Answer.choices, default=Answer.NONE, blank=True
    )
    answered_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    answered_by = acting_user(_("besvarad av"))
    # The activity's history record the answer wrote (None for "oförändrad").
    history_id = models.PositiveIntegerField(_("historikpost"), null=True, blank=True)

    objects = StatusRequestQuerySet.as_manager()

    class Meta:
        ordering = ["round", "activity__position", "activity_id"]
        verbose_name = _("statusfråga")
        verbose_name_plural = _("statusfrågor")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "activity"], name="status_request_once_per_round"
            )
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.activity}"

    def get_absolute_url(self) -> str:
        return reverse("rounds:answer", args=[self.pk])

    @property
    def is_answered(self) -> bool:
        return self.answer != Answer.NONE

    def record_answer(self, *, answer: str, user, history_id: int | None) -> None:
        self.answer = answer
        self.answered_at = timezone.now()
        self.answered_by = user
        self.history_id = history_id
        self.save(update_fields=["answer", "answered_at", "answered_by", "history_id"])


class ReminderKind(models.TextChoices):
    OPENING = "opening", _("Vid öppnandet")
    BEFORE_DUE = "before_due", _("Några dagar före sista svarsdag")
    DUE = "due", _("På sista svarsdagen")
    MANUAL = "manual", _("Skickad av chefen")


class Reminder(models.Model):
    """A reminder mail sent to one owner; the timer never sends one kind twice."""

    round = part_of(Round, _("omgång"), related_name="reminders")
    owner = part_of(settings.AUTH_USER_MODEL, _("ansvarig"), related_name="+")
    kind = models.CharField(_("slag"), max_length=12, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(_("skickad"), default=timezone.now)

    class Meta:
        ordering = ["round", "sent_at"]
        verbose_name = _("påminnelse")
        verbose_name_plural = _("påminnelser")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "owner", "kind"],
                condition=~models.Q(kind="manual"),
                name="reminder_once_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.owner} ({self.get_kind_display()})"


class SignOff(models.Model):
    """The manager's sign-off: the signed snapshot and the report frozen with it.

    `report` is the whole report as plain values (rounds.frozen); the .xlsx and
    .pptx are kept as the bytes made at signing, so a later edit changes nothing.
    """

    round = models.OneToOneField(
        Round, on_delete=models.CASCADE, related_name="sign_off", verbose_name=_("omgång")
    )
    snapshot = models.OneToOneField(
        Snapshot, on_delete=models.RESTRICT, related_name="sign_off", verbose_name=_("läge")
    )
    signed_at = models.DateTimeField(_("signerad"))
    signed_by = acting_user(_("signerad av"), blank=False)
    signed_by_name = models.CharField(_("signerad av (namn)"), max_length=200)
    report = models.JSONField(_("rapport"), editable=False)
    unanswered = models.JSONField(_("obesvarade"), default=list, editable=False)
    xlsx = models.BinaryField(_("Excel"), editable=False)
    pptx = models.BinaryField(_("PowerPoint"), editable=False)

    class Meta:
        verbose_name = _("signering")
        verbose_name_plural = _("signeringar")

    def __str__(self) -> str:
        return f"{self.round} ({self.signed_by_name})"
