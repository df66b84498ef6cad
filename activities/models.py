"""Activities (utvecklingsaktiviteter) on a plan's strategic map."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from activities.confidential import Confidentiality, Withheld
from core.fields import (
    acting_user,
    optional_link,
    optional_quarter_field,
    optional_year_field,
    part_of,
    quarter_in_range,
)
from core.quarters import Quarter, optional_quarter
from core.versioning import VersionedMixin
from roadmap.models import Goal, Lane, Meeting, Milestone, OwnerLevel, Plan
from roadmap.placement import validate_placement
from roadmap.querysets import PlanScopedQuerySet, in_tray


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Ej påbörjad")
    PLANNING = "planning", _("Planering")
    IN_PROGRESS = "in_progress", _("Pågår")
    AWAITING = "awaiting", _("Inväntar besked")
    PAUSED = "paused", _("Pausad")
    STOPPED = "stopped", _("Stoppad")
    DONE = "done", _("Klar")

    @property
    def symbol(self) -> str:
        """A shape beside the colour, so status never rests on colour alone."""
        return _SYMBOLS[self]


_SYMBOLS = {
    Status.NOT_STARTED: "○",
    Status.PLANNING: "◔",
    Status.IN_PROGRESS: "◑",
    Status.AWAITING: "◷",
    Status.PAUSED: "‖",
    Status.STOPPED: "✕",
    Status.DONE: "●",
}


class MoveReason(models.TextChoices):
    """Quick choices for why an activity moved later or back to a tray.

    The reason travels with the move's history record
    (`history_change_reason`) as readable text: "<label>" or
    "<label>: <free text>" or only the free text; empty means none was given.
    """

    DECISION = "beslut", _("Beslut")
    RESOURCES = "resursbrist", _("Resursbrist")
    AWAITING = "inväntar besked", _("Inväntar besked")
    DEPENDENCY = "beroende", _("Beroende av annan aktivitet")
    REPRIORITISED = "omprioritering", _("Omprioritering")


def move_reason_text(code: str, text: str) -> str:
    label = str(MoveReason(code).label) if code in MoveReason.values else ""
    text = text.strip()
    return f"{label}: {text}" if label and text else label or text


OPEN_STATUSES = [s for s in Status if s not in (Status.DONE, Status.STOPPED)]


class ActivityQuerySet(PlanScopedQuerySet):
    def in_tray(self, plan: Plan) -> ActivityQuerySet:
        """What the map shows in its tray: unplaced, or placed outside the plan's years."""
        return self.filter(in_tray(plan, year="start_year", quarter="start_quarter", lane="lane"))

    def for_map(self) -> ActivityQuerySet:
        """Everything a card shows, fetched in a fixed number of queries."""
        return self.select_related(
            "lane", "owner_level", "next_meeting", "milestone"
        ).prefetch_related("goals")

    def search(self, text: str) -> ActivityQuerySet:
        q = models.Q()
        for word in text.split():
            q &= (
                models.Q(title__icontains=word)
                | models.Q(description__icontains=word)
                | models.Q(status_note__icontains=word)
                | models.Q(heading__icontains=word)
                | models.Q(leader__icontains=word)
            )
        return self.filter(q)

    def with_status(self, *statuses: str) -> ActivityQuerySet:
        return self.filter(status__in=statuses)

    def owned_by(self, user) -> ActivityQuerySet:
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def for_distribution(self) -> ActivityQuerySet:
        """Those that may leave the administration at all (activities.confidential)."""
        return self.exclude(confidentiality=Confidentiality.WHOLE)

    def withheld(self) -> Withheld:
        """Which of these are intern, whole or in detail (two columns, one query)."""
        return Withheld.from_levels(
            self.exclude(confidentiality=Confidentiality.OPEN).values_list("pk", "confidentiality")
        )

    def withheld_in(self, plan: Plan) -> Withheld:
        """What of `plan` is intern, including activities deleted since a snapshot
        froze them (their level as it was when they were deleted)."""
        current = list(
            self.model.objects.filter(plan=plan)
            .exclude(confidentiality=Confidentiality.OPEN)
            .values_list("pk", "confidentiality")
        )
        existing = self.model.objects.filter(plan=plan).values("pk")
        deleted = (
            self.model.history.filter(plan_id=plan.pk, history_type="-")
            .exclude(id__in=existing)
            .exclude(confidentiality=Confidentiality.OPEN)
            .values_list("id", "confidentiality")
        )
        return Withheld.from_levels([*current, *deleted])


# Kept by name so a save can write its one history row itself, after the
# goals and scenarios are in place (see activities.services.record_history).
ACTIVITY_HISTORY = HistoricalRecords(m2m_fields=["goals"])


class Activity(VersionedMixin, models.Model):
    plan = part_of(Plan, _("plan"), related_name="activities")
    title = models.CharField(_("titel"), max_length=500)
    description = models.TextField(_("beskrivning"), blank=True)
    heading = models.CharField(
        _("rubrik"),
        max_length=200,
        blank=True,
        help_text=_("Rubriken aktiviteten står under i en tabellplan."),
    )
    lane = optional_link(Lane, _("spår"), related_name="activities")
    owner_level = optional_link(OwnerLevel, _("organisatorisk nivå"), related_name="activities")
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="activities", verbose_name=_("mål")
    )
    milestone = optional_link(Milestone, _("delmål"), related_name="activities")
    start_year = optional_year_field(_("startår"))
    start_quarter = optional_quarter_field(_("startkvartal"))
    end_year = optional_year_field(_("slutår"))
    end_quarter = optional_quarter_field(_("slutkvartal"))
    when_text = models.CharField(
        _("när (som skrivet)"), max_length=200, blank=True, help_text=_("NÄR i tabellplanen.")
    )
    done_text = models.CharField(
        _("klart (som skrivet)"), max_length=200, blank=True, help_text=_("KLART i tabellplanen.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    status_note = models.CharField(_("statusnotering"), max_length=500, blank=True)
    next_meeting = optional_link(
        Meeting, _("nästa avstämning (möte)"), related_name="checkpoint_activities"
    )
    next_checkpoint = models.CharField(
        _("nästa avstämning"),
        max_length=200,
        blank=True,
        help_text=_("Fritext när avstämningen inte är ett inlagt möte, t.ex. ”HSN maj/juni”."),
    )
    awaits_decision_at = optional_link(
        Meeting,
        _("inväntar beslut vid"),
        related_name="awaited_activities",
        help_text=_("Mötet där ett beslut som aktiviteten väntar på ska fattas."),
    )
    predecessors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="successors",
        verbose_name=_("beror på"),
        help_text=_("Aktiviteter som ska vara klara innan den här börjar (slut → start)."),
    )
    leader = models.CharField(_("ledare"), max_length=200, blank=True)
    # The leader as a user, who can be asked for status; `leader` stays the
    # free text for people without an account.
    owner = acting_user(
        _("ansvarig (användare)"),
        related_name="owned_activities",
        help_text=_("Den som får frågor om status inför möten."),
    )
    working_group = models.TextField(_("arbetsgrupp"), blank=True)
    confidentiality = models.CharField(
        _("offentlighet"),
        max_length=10,
        choices=Confidentiality.choices,
        default=Confidentiality.OPEN,
        help_text=_("Intern: lämnas inte ut i delade länkar, utskick eller dataflöden."),
    )
    confidential_reason = models.CharField(
        _("skäl för intern"),
        max_length=200,
        blank=True,
        help_text=_("Kort, t.ex. ”Pågående upphandling” eller ”Personuppgifter”."),
    )
    position = models.PositiveIntegerField(_("ordning i cellen"), default=0)
    # Bumped on every save; an edit must name the version it started from.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    history = ACTIVITY_HISTORY
    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        indexes = [models.Index(fields=["plan", "lane", "start_year", "start_quarter"])]
        constraints = [
            quarter_in_range("start_quarter", name="activity_start_quarter_1_4"),
            quarter_in_range("end_quarter", name="activity_end_quarter_1_4"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activities:detail", args=[self.pk])

    @property
    def start(self) -> Quarter | None:
        return optional_quarter(self.start_year, self.start_quarter)

    @property
    def end(self) -> Quarter | None:
        return optional_quarter(self.end_year, self.end_quarter)

    @property
    def is_placed(self) -> bool:
        return self.lane_id is not None and self.start is not None

    @cached_property
    def goal_list(self) -> list[Goal]:
        """The goals once per card (the map prefetches them)."""
        return list(self.goals.all())

    @property
    def is_intern(self) -> bool:
        return self.confidentiality != Confidentiality.OPEN

    @property
    def checkpoint(self) -> str:
        if self.next_meeting_id:
            return str(self.next_meeting)
        return self.next_checkpoint

    def clean(self) -> None:
        if not self.plan_id:
            return
        errors = validate_placement(
            self.plan,
            lane=self.lane,
            fields={
                "start_year": (self.start_year, self.start_quarter),
                "end_year": (self.end_year, self.end_quarter),
            },
        )
        if self.owner_level_id and self.owner_level.plan_id != self.plan_id:
            errors["owner_level"] = _("Den organisatoriska nivån hör till en annan plan.")
        if self.milestone_id and self.milestone.plan_id != self.plan_id:
            errors["milestone"] = _("Delmålet hör till en annan plan.")
        for name in ("next_meeting", "awaits_decision_at"):
            meeting = getattr(self, name)
            if meeting is not None and meeting.plan_id != self.plan_id:
                errors[name] = _("Mötet hör till en annan plan.")
        if self.is_intern and not self.confidential_reason.strip():
            errors["confidential_reason"] = _("Ange ett kort skäl till att aktiviteten är intern.")
        if self.end_year is not None and self.start_year is None and "end_year" not in errors:
            errors["end_year"] = _("Ett slut kräver en start.")
        if not errors and self.start and self.end and self.end < self.start:
            errors["end_year"] = _("Slutet (%(end)s) ligger före starten (%(start)s).") % {
                "end": self.end,
                "start": self.start,
            }
        if errors:
            raise ValidationError(errors)


class Scenario(models.Model):
    activity = part_of(Activity, _("aktivitet"), related_name="scenarios")
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["activity", "number"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarier")
        constraints = [
            models.UniqueConstraint(fields=["activity", "number"], name="scenario_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"
