"""Staffing: administrations, base units, units with their names over time,
headcount per unit and month, the totals the HR system reported, leavers,
and the import batches every figure came from."""

from __future__ import annotations

import datetime as dt
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import F, FilteredRelation, Q, Sum
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.clock import local_minute
from core.fields import acting_user, optional_link
from core.indexes import PostgreSQLIndex


class Administration(models.Model):
    name = models.CharField(_("namn"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("förvaltning")
        verbose_name_plural = _("förvaltningar")

    def __str__(self) -> str:
        return self.name


# Where an import of all base units puts a unit it cannot place (staffing.services).
UNPLACED = "Utan basenhet"


class BaseUnitQuerySet(models.QuerySet):
    def for_administration(self, administration: Administration | None) -> BaseUnitQuerySet:
        return self.filter(administration=administration) if administration else self

    def unplaced(self) -> BaseUnitQuerySet:
        return self.filter(name__startswith=UNPLACED)

    def placed(self) -> BaseUnitQuerySet:
        return self.exclude(name__startswith=UNPLACED)


class BaseUnit(models.Model):
    name = models.CharField(_("namn"), max_length=200, unique=True)
    administration = optional_link(Administration, _("förvaltning"), related_name="base_units")

    objects = BaseUnitQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("basenhet")
        verbose_name_plural = _("basenheter")

    def __str__(self) -> str:
        return self.name


class BaseUnitPartQuerySet(models.QuerySet):
    """Figures kept per base unit (reported totals, leavers, monthly sums)."""

    def for_base_unit(self, base_unit: BaseUnit) -> Self:
        return self.filter(base_unit=base_unit)


class UnitQuerySet(models.QuerySet):
    def in_base_unit(self, base_unit: BaseUnit) -> UnitQuerySet:
        return self.filter(base_unit=base_unit)

    def unplaced(self) -> UnitQuerySet:
        return self.filter(base_unit__name__startswith=UNPLACED)

    def search(self, query: str) -> UnitQuerySet:
        query = query.strip()
        if not query:
            return self
        return self.filter(Q(code__icontains=query) | Q(name__icontains=query))

    def with_figures(self, *, before: dt.date | None, after: dt.date | None) -> UnitQuerySet:
        """Each unit's headcount at two periods (`before`, `after`: None where it has none),
        summed in the database from only those periods' rows (the join is filtered)."""
        periods = [p for p in (before, after) if p]
        if not periods:  # an empty IN in the join would empty the whole query
            nothing = models.Value(None, output_field=models.IntegerField())
            return self.annotate(before=nothing, after=nothing)
        return self.annotate(
            shown=FilteredRelation("headcounts", condition=Q(headcounts__period__in=periods))
        ).annotate(
            before=Sum("shown__value", filter=Q(shown__period=before)),
            after=Sum("shown__value", filter=Q(shown__period=after)),
        )


class Unit(models.Model):
    code = models.CharField(_("enhetskod"), max_length=12, unique=True)
    name = models.CharField(_("nuvarande namn"), max_length=200)
    base_unit = models.ForeignKey(
        BaseUnit, verbose_name=_("basenhet"), on_delete=models.PROTECT, related_name="units"
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("enhet")
        verbose_name_plural = _("enheter")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def move_to(self, base_unit: BaseUnit) -> None:
        """Assigns the unit to `base_unit` (its figures follow: they hang on the unit)."""
        self.base_unit = base_unit
        self.save(update_fields=["base_unit"])


class UnitName(models.Model):
    """A name a unit has carried, and the periods it carried it in."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("namn"), max_length=200)
    first_period = models.DateField(_("första period"), null=True, blank=True)
    last_period = models.DateField(_("sista period"), null=True, blank=True)

    class Meta:
        ordering = ["unit", "first_period", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="unit_name_once")]
        verbose_name = _("enhetsnamn")
        verbose_name_plural = _("enhetsnamn")

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    file = models.FileField(_("fil"), upload_to="staffing/imports/%Y/%m/")
    filename = models.CharField(_("filnamn"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    created_by = acting_user(_("importerad av"))
    created_at = models.DateTimeField(_("importerad"), auto_now_add=True)
    summary = models.JSONField(_("sammanfattning"), default=dict, blank=True)
    warnings = models.JSONField(_("varningar"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("importer")

    def __str__(self) -> str:
        return f"{self.filename} ({local_minute(self.created_at)})"


class HeadcountQuerySet(models.QuerySet):
    def for_base_unit(self, base_unit: BaseUnit) -> HeadcountQuerySet:
        return self.filter(unit__base_unit=base_unit)

    def for_units(self, units) -> HeadcountQuerySet:
        return self.filter(unit__in=units)

    def series(self) -> list[tuple[int, dt.date, int]]:
        """(unit id, period, value), oldest first."""
        return list(self.order_by("unit_id", "period").values_list("unit_id", "period", "value"))

    def changes(self, start: dt.date, end: dt.date) -> HeadcountQuerySet:
        """The figures at `end`, each with its unit's figure at `start` (`before`) and the
        `change` (None when the unit had no figure at `start`): one join, not a subquery
        per row."""
        start_figure = FilteredRelation(
            "unit__headcounts", condition=Q(unit__headcounts__period=start)
        )
        return (
            self.filter(period=end)
            .annotate(at_start=start_figure)
            .annotate(before=F("at_start__value"), change=F("value") - F("at_start__value"))
        )


# A region's import writes 120,000 figures at once, and on PostgreSQL every index and
# every foreign-key check is a per-row cost: the two checks took 2 s of a 5 s import,
# the batch index 0.4 s. So neither of a figure's keys has a database constraint or an
# index of its own. Django still cascades and protects (it does that in Python anyway);
# the import writes only units and a batch it holds in its transaction, and the admin's
# deletes of units take the import's lock first (`services.hold_import_lock`), so no
# figure can lose its unit in between. The unique (unit, period) serves lookups by unit.
UNCHECKED = {"db_index": False, "db_constraint": False}


class Headcount(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="headcounts", **UNCHECKED)
    period = models.DateField(_("period"), help_text=_("Månadens första dag."))
    value = models.PositiveIntegerField(_("antal anställda"))
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+", **UNCHECKED)
    # History records are written when a figure first changes (`bulk.record_creations`);
    # nothing looks them up by unit, batch or user.
    history = HistoricalRecords(no_db_index=["unit", "batch"], user_db_constraint=False)

    objects = HeadcountQuerySet.as_manager()

    class Meta:
        ordering = ["unit", "period"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="headcount_once_per_period")
        ]
        # The dashboard ranks one period's figures (largest units, largest changes): this
        # reads those 2,000 rows from the index instead of scanning all 120,000. SQLite
        # plans those queries well without it (dashboard 0.66× the admin changelist
        # instead of 0.57×; PostgreSQL 1.11× instead of 0.74×), and on both it costs a
        # quarter of the import's inserts: PostgreSQL only.
        indexes = [PostgreSQLIndex(fields=["period", "unit", "value"], name="headcount_by_period")]
        verbose_name = _("antal anställda")
        verbose_name_plural = _("antal anställda")

    def __str__(self) -> str:
        return f"{self.unit.code} {self.period:%Y-%m}: {self.value}"


class ReportedTotal(models.Model):
    """The pivot's Totalsumma as the HR system reported it (not always the sum of the rows)."""

    base_unit = models.ForeignKey(BaseUnit, on_delete=models.CASCADE, related_name="totals")
    period = models.DateField(_("period"))
    value = models.PositiveIntegerField(_("rapporterad totalsumma"))
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = BaseUnitPartQuerySet.as_manager()

    class Meta:
        ordering = ["base_unit", "period"]
        constraints = [
            models.UniqueConstraint(fields=["base_unit", "period"], name="total_once_per_period")
        ]
        verbose_name = _("rapporterad totalsumma")
        verbose_name_plural = _("rapporterade totalsummor")

    def __str__(self) -> str:
        return f"{self.base_unit} {self.period:%Y-%m}: {self.value}"


class Leavers(models.Model):
    """How many left in a window of a year ("10(5)": ten, five of them nurses)."""

    base_unit = models.ForeignKey(BaseUnit, on_delete=models.CASCADE, related_name="leavers")
    year = models.PositiveSmallIntegerField(_("år"))
    column_label = models.CharField(_("kolumn"), max_length=100)
    description = models.CharField(_("beskrivning"), max_length=300)
    total = models.PositiveIntegerField(_("slutade"))
    nurses = models.PositiveIntegerField(_("varav sjuksköterskor"), null=True, blank=True)
    batch = models.ForeignKey(ImportBatch, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = BaseUnitPartQuerySet.as_manager()

    class Meta:
        ordering = ["base_unit", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["base_unit", "year", "description"], name="leavers_once_per_window"
            )
        ]
        verbose_name = _("slutade")
        verbose_name_plural = _("slutade")

    def __str__(self) -> str:
        nurses = f"({self.nurses})" if self.nurses is not None else ""
        return f"{self.base_unit} {self.column_label}: {self.total}{nurses}"


class ImportJobQuerySet(models.QuerySet):
    def running(self) -> ImportJobQuerySet:
        return self.filter(status__in=[ImportJob.QUEUED, ImportJob.RUNNING])


class ImportJob(models.Model):
    """A confirmed import running in the background (a worker runs `tasks.run_import`)."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [
        (QUEUED, _("väntar")),
        (RUNNING, _("pågår")),
        (DONE, _("klar")),
        (FAILED, _("misslyckades")),
    ]
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(_("filnamn"), max_length=255)
    sha256 = models.CharField(max_length=64)
    administration = models.CharField(max_length=200, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=STATUSES, default=QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    batch = models.ForeignKey(ImportBatch, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("pågående import")
        verbose_name_plural = _("pågående importer")

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.DONE, self.FAILED)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    def finish(self, *, batch: ImportBatch | None, message: str, failed: bool = False) -> None:
        self.batch, self.message = batch, message
        self.status = self.FAILED if failed else self.DONE
        if not failed:
            self.done = self.total
        self.save(update_fields=["batch", "message", "status", "done", "total", "updated_at"])


class PeriodSumQuerySet(BaseUnitPartQuerySet):
    def by_period(self) -> dict[dt.date, int]:
        return dict(self.order_by("period").values_list("period", "value"))

    def compared(self, start: dt.date | None, end: dt.date | None, *group: str):
        """Rows of `group` fields with `before`, `after` and `units` (units with a figure at
        `end`), summed in the database over the two periods only."""
        return (
            self.filter(period__in=[p for p in (start, end) if p])
            .order_by()
            .values(*group)
            .annotate(
                before=Sum("value", filter=Q(period=start)),
                after=Sum("value", filter=Q(period=end)),
                units=Sum("units", filter=Q(period=end)),
            )
        )


class PeriodSum(models.Model):
    """A base unit's headcount summed per period, kept beside the figures.

    Derived: a region's dashboard reads these 60 rows a base unit instead of summing
    120,000 figures on every view. Every write of figures keeps them
    (`services.period_sums_refresh`: the import and moving a unit call it; a single figure
    saved or deleted, as in the admin, reaches it through `staffing.signals`)."""

    base_unit = models.ForeignKey(BaseUnit, on_delete=models.CASCADE, related_name="period_sums")
    period = models.DateField(_("period"))
    value = models.PositiveIntegerField(_("summa av raderna"))
    units = models.PositiveIntegerField(_("enheter med en siffra"))

    objects = PeriodSumQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["base_unit", "period"], name="period_sum_once")
        ]
        verbose_name = _("summa per period")
        verbose_name_plural = _("summor per period")

    def __str__(self) -> str:
        return f"{self.base_unit_id} {self.period:%Y-%m}: {self.value}"
