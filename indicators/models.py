"""Indicators (mått): what a plan follows up, with targets and a series of
values per period, linked to goal tracks, target areas and activities."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from core.fields import part_of, year_field
from indicators import periods, status
from indicators.periods import Period
from roadmap.models import Goal, Plan, PlanPart
from roadmap.querysets import PlanScopedQuerySet
from strategy.models import TargetArea

DIGITS = {"max_digits": 14, "decimal_places": 4}


class UnitKind(models.TextChoices):
    COUNT = "count", _("Antal")
    SHARE = "share", _("Andel (%)")
    RATIO = "ratio", _("Kvot")
    AVERAGE = "average", _("Medelvärde")


class Direction(models.TextChoices):
    HIGHER = status.HIGHER, _("Högre är bättre")
    LOWER = status.LOWER, _("Lägre är bättre")


class IndicatorQuerySet(PlanScopedQuerySet):
    def with_series(self) -> IndicatorQuerySet:
        """Targets, values and links, fetched in a fixed number of queries."""
        return self.prefetch_related("targets", "values", "goals", "target_areas", "activities")


class Indicator(PlanPart):
    plan = part_of(Plan, _("plan"), related_name="indicators")
    name = models.CharField(_("namn"), max_length=300)
    unit_kind = models.CharField(
        _("enhet"), max_length=10, choices=UnitKind.choices, default=UnitKind.COUNT
    )
    unit_label = models.CharField(
        _("enhetens namn"),
        max_length=100,
        blank=True,
        help_text=_("Till exempel ”listade per läkare”, ”patienter”, ”år”."),
    )
    direction = models.CharField(
        _("riktning"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    definition = models.TextField(_("definition"), blank=True)
    source = models.CharField(_("källa"), max_length=300, blank=True)
    period_kind = models.CharField(
        _("period"), max_length=10, choices=periods.PERIOD_KINDS, default=periods.YEAR
    )
    baseline = models.DecimalField(_("utgångsvärde"), null=True, blank=True, **DIGITS)
    baseline_label = models.CharField(
        _("utgångsvärdets period"), max_length=100, blank=True, help_text=_("Till exempel ”2023”.")
    )
    final_target = models.DecimalField(_("slutmål"), null=True, blank=True, **DIGITS)
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="indicators", verbose_name=_("mål")
    )
    target_areas = models.ManyToManyField(
        TargetArea, blank=True, related_name="indicators", verbose_name=_("målområden")
    )
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="indicators", verbose_name=_("aktiviteter")
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta(PlanPart.Meta):
        verbose_name = _("indikator")
        verbose_name_plural = _("indikatorer")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="indicator_name_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("indicators:detail", args=[self.pk])

    @cached_property
    def series(self) -> list[IndicatorValue]:
        """Values oldest first (uses the prefetch when there is one)."""
        return sorted(self.values.all(), key=lambda v: (v.year, v.number))

    @property
    def latest(self) -> IndicatorValue | None:
        return self.series[-1] if self.series else None

    @property
    def previous(self) -> IndicatorValue | None:
        return self.series[-2] if len(self.series) > 1 else None

    @cached_property
    def yearly_targets(self) -> dict[int, Decimal]:
        return {t.year: t.value for t in self.targets.all()}

    @cached_property
    def verdict(self) -> status.Verdict:
        return self.verdict_for(self.latest)

    def series_until(self, day: dt.date) -> list[IndicatorValue]:
        """The values of the periods that ended on or before `day`, oldest first."""
        return [v for v in self.series if v.period.last_day <= day]

    def verdict_for(self, latest: IndicatorValue | None) -> status.Verdict:
        """The status rule applied with `latest` as the latest value."""
        return status.indicator_status(
            direction=self.direction,
            latest=latest.value if latest else None,
            latest_year=latest.year if latest else None,
            yearly_targets=self.yearly_targets,
            final_target=self.final_target,
        )

    @property
    def is_share(self) -> bool:
        return self.unit_kind == UnitKind.SHARE

    def parse_period(self, text: object) -> Period:
        return periods.parse_period(self.period_kind, text)


class IndicatorTarget(models.Model):
    indicator = part_of(Indicator, _("indikator"), related_name="targets")
    year = year_field(_("år"))
    value = models.DecimalField(_("målvärde"), **DIGITS)

    class Meta:
        ordering = ["indicator", "year"]
        verbose_name = _("målvärde")
        verbose_name_plural = _("målvärden")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="target_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.value}"


class IndicatorValue(models.Model):
    indicator = part_of(Indicator, _("indikator"), related_name="values")
    year = year_field(_("år"))
    number = models.PositiveSmallIntegerField(
        _("periodens nummer"), default=0, help_text=_("Månad, kvartal eller tertial; 0 för år.")
    )
    value = models.DecimalField(_("värde"), **DIGITS)
    count = models.DecimalField(
        _("antal"),
        null=True,
        blank=True,
        help_text=_("För en andel: antalet bakom den (t.ex. 3 460 patienter)."),
        **DIGITS,
    )
    note = models.CharField(_("notering"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        ordering = ["indicator", "year", "number"]
        verbose_name = _("värde")
        verbose_name_plural = _("värden")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "number"], name="indicator_value_period_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.value}"

    @property
    def period(self) -> Period:
        return Period(self.indicator.period_kind, self.year, self.number)

    def clean(self) -> None:
        try:
            self.period  # noqa: B018 - validates the number against the kind
        except ValueError:
            raise ValidationError({"number": _("Perioden passar inte indikatorns slag.")}) from None


class IndicatorSnapshot(models.Model):
    """The plan's indicators as they stood when a snapshot was taken: one
    record per snapshot, `items` one dict per indicator (see indicators.movement)."""

    snapshot = models.OneToOneField(
        "roadmap.Snapshot",
        on_delete=models.CASCADE,
        related_name="indicator_state",
        verbose_name=_("ögonblicksbild"),
    )
    items = models.JSONField(_("indikatorer"), default=list, editable=False)

    class Meta:
        verbose_name = _("indikatorernas läge")
        verbose_name_plural = _("indikatorernas lägen")

    def __str__(self) -> str:
        return str(self.snapshot)
