"""Plans and the frame of their strategic map: lanes, owner levels, goal
tracks, milestones and the meetings that set the reporting rhythm."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.fields import (
    optional_link,
    optional_quarter_field,
    optional_year_field,
    part_of,
    quarter_in_range,
    year_field,
)
from core.quarters import Quarter, optional_quarter
from core.versioning import VersionedMixin
from roadmap.placement import validate_placement
from roadmap.querysets import PlanScopedQuerySet, in_tray

DEFAULT_LANES = (
    _("Verksamhetsutveckling"),
    _("IT/Teknisk utveckling"),
    _("Fastighetsutveckling"),
)
DEFAULT_OWNER_LEVELS = (
    _("Förvaltningsledning utifrån förvaltningsplan"),
    _("Uppdragsägare/Verksamhetschef"),
    _("Projektledare/Verksamhetsutvecklare"),
)

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Ange färgen som #rrggbb, till exempel #1f77b4.")
)


def years_error(first: int | None, last: int | None) -> str | None:
    """What is wrong with a plan's span of years, if anything (`last_year`'s message)."""
    if first is None or last is None:
        return None
    if last < first:
        return _("Sista år kan inte ligga före första år.")
    if last - first > 15:
        return _("En plan kan omfatta högst 16 år.")
    return None


class PlanQuerySet(models.QuerySet):
    def with_counts(self) -> PlanQuerySet:
        return self.annotate(activity_count=models.Count("activities", distinct=True))

    def name_taken(self, name: str) -> bool:
        """A plan a person would take for `name`: same name, case and spaces aside.
        Compared in Python: SQLite folds the case of ASCII letters only (Å, Ä, Ö)."""
        return name.strip().casefold() in self._folded_names()

    def unused_name(self, name: str) -> str:
        """`name`, or the first of `name (2)`, `name (3)`, … that no plan has."""
        name, taken = name.strip()[:190], self._folded_names()
        candidate, n = name, 1
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{name} ({n})"
        return candidate

    def _folded_names(self) -> set[str]:
        return {n.strip().casefold() for n in self.values_list("name", flat=True)}


class Plan(models.Model):
    name = models.CharField(_("namn"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    first_year = year_field(_("första år"))
    last_year = year_field(_("sista år"))
    description = models.TextField(_("beskrivning"), blank=True)
    decided_by = models.CharField(_("beslutad av"), max_length=200, blank=True)
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    document_id = models.CharField(_("dok-ID"), max_length=100, blank=True)
    # The document's own version ("Version" on the plan's cover), not the lock counter that
    # activities and milestones call `version` (core.versioning).
    document_version = models.CharField(_("version"), max_length=50, blank=True)
    valid_from = models.DateField(_("giltig från"), null=True, blank=True)
    valid_to = models.DateField(_("giltig till"), null=True, blank=True)
    revision_date = models.DateField(_("revideras senast"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    history = HistoricalRecords()
    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("plan")
        verbose_name_plural = _("planer")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="plan_years_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("roadmap:plan_map", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if wrong := years_error(self.first_year, self.last_year):
            errors["last_year"] = wrong
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("Giltig till kan inte ligga före giltig från.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs) -> None:
        adding = self._state.adding
        with transaction.atomic():
            super().save(*args, **kwargs)
            if adding:
                self.add_default_frame()

    def add_default_frame(self) -> None:
        """A new plan starts with the seed map's lanes and owner levels.

        Their names are data: stored in the plan's language (Swedish), not in
        whatever language the person creating the plan happens to use."""
        with translation.override(settings.LANGUAGE_CODE):
            self._add_default_frame()

    def _add_default_frame(self) -> None:
        if not self.lanes.exists():
            Lane.objects.bulk_create(
                Lane(plan=self, name=str(name), order=i) for i, name in enumerate(DEFAULT_LANES)
            )
        if not self.owner_levels.exists():
            OwnerLevel.objects.bulk_create(
                OwnerLevel(plan=self, name=str(name), order=i)
                for i, name in enumerate(DEFAULT_OWNER_LEVELS)
            )

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    def contains_year(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


class PlanPart(models.Model):
    """Something that belongs to one plan and is ordered within it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, verbose_name=_("plan"))
    order = models.PositiveIntegerField(_("ordning"), default=0)

    class Meta:
        abstract = True
        ordering = ["plan", "order", "pk"]


class Lane(PlanPart):
    plan = part_of(Plan, _("plan"), related_name="lanes")
    name = models.CharField(_("namn"), max_length=100)

    class Meta(PlanPart.Meta):
        verbose_name = _("spår")
        verbose_name_plural = _("spår")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="lane_name_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.name


class OwnerLevel(PlanPart):
    plan = part_of(Plan, _("plan"), related_name="owner_levels")
    name = models.CharField(_("namn"), max_length=100)

    class Meta(PlanPart.Meta):
        verbose_name = _("organisatorisk nivå")
        verbose_name_plural = _("organisatoriska nivåer")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="owner_level_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.name


class Goal(PlanPart):
    plan = part_of(Plan, _("plan"), related_name="goals")
    code = models.CharField(_("kod"), max_length=30, help_text=_("Till exempel ”Stad 1”."))
    title = models.CharField(_("titel"), max_length=300)
    colour = models.CharField(
        _("färg"), max_length=7, default="#1f77b4", validators=[colour_validator]
    )
    parent = part_of("self", _("överordnat mål"), related_name="children", null=True, blank=True)

    history = HistoricalRecords()

    class Meta(PlanPart.Meta):
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="goal_code_unique_in_plan")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    def clean(self) -> None:
        if self.parent_id and self.plan_id and self.parent.plan_id != self.plan_id:
            raise ValidationError({"parent": _("Det överordnade målet hör till en annan plan.")})
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("Ett mål kan inte vara överordnat sig självt.")})


class Meeting(models.Model):
    plan = part_of(Plan, _("plan"), related_name="meetings")
    body = models.CharField(
        _("organ"), max_length=100, help_text=_("Till exempel HSN, SRB, Styrgrupp närvård.")
    )
    date = models.DateField(_("datum"))
    title = models.CharField(_("rubrik"), max_length=200, blank=True)

    class Meta:
        ordering = ["plan", "date", "body"]
        verbose_name = _("möte")
        verbose_name_plural = _("möten")

    def __str__(self) -> str:
        return self.title or f"{self.body} {self.date:%Y-%m-%d}"


class MilestoneQuerySet(PlanScopedQuerySet):
    def in_tray(self, plan: Plan) -> MilestoneQuerySet:
        """What the map shows in its tray: unplaced, or outside the plan's years."""
        return self.filter(in_tray(plan, year="year", quarter="quarter"))


# Kept by name so a save can write its one history row itself
# (see activities.services.one_history_row).
MILESTONE_HISTORY = HistoricalRecords()


class Milestone(VersionedMixin, models.Model):
    plan = part_of(Plan, _("plan"), related_name="milestones")
    goal = optional_link(Goal, _("mål"), related_name="milestones")
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    lane = optional_link(Lane, _("spår"), related_name="milestones")
    year = optional_year_field(_("år"))
    quarter = optional_quarter_field(_("kvartal"))
    position = models.PositiveIntegerField(_("ordning i cellen"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = MILESTONE_HISTORY
    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "year", "quarter", "position", "pk"]
        verbose_name = _("delmål")
        verbose_name_plural = _("delmål")
        constraints = [quarter_in_range("quarter", name="milestone_quarter_1_4")]

    def __str__(self) -> str:
        return self.title

    @property
    def when(self) -> Quarter | None:
        return optional_quarter(self.year, self.quarter)

    @property
    def is_placed(self) -> bool:
        return self.when is not None

    def clean(self) -> None:
        if not self.plan_id:
            return
        errors = validate_placement(
            self.plan, lane=self.lane, fields={"year": (self.year, self.quarter)}
        )
        if self.goal_id and self.goal.plan_id != self.plan_id:
            errors["goal"] = _("Målet hör till en annan plan.")
        if errors:
            raise ValidationError(errors)


# Snapshots live in their own module; importing them here registers them with the app.
from roadmap.snapshot_models import FrozenError, Snapshot, SnapshotQuerySet  # noqa: E402, F401
