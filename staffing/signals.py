"""Keeps the derived per-period sums (`models.PeriodSum`) right after one-row saves: a
figure saved (the admin, factories) and a unit moved to another base unit (`Unit.move_to`,
the admin). Bulk writes send no signals: the import refreshes the sums itself
(`services.write_changes`), and so do the admin's deletes (`staffing.admin`).

And writes a figure's, total's or leavers' "+" history record, from its batch, just
before its first change or its delete (`bulk.record_creations`: an import writes none).
django-simple-history already has Django load and signal each row a delete cascades to,
so this receiver adds a query per row, not a slower kind of delete."""

from __future__ import annotations

from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver

from staffing.bulk import record_creations
from staffing.models import Headcount, Leavers, ReportedTotal, Unit
from staffing.services import period_sums_refresh


@receiver(post_save, sender=Headcount)
def figure_saved(sender, instance: Headcount, raw=False, **kwargs) -> None:
    if raw:  # loaddata: the sums come with the fixture or by a later refresh
        return
    # every period: a save may have moved the figure from one period to another
    period_sums_refresh(base_unit_ids=[instance.unit.base_unit_id])


@receiver(pre_save, sender=Unit)
def unit_moving(sender, instance: Unit, raw=False, **kwargs) -> None:
    instance._moved_from = None
    if raw or instance.pk is None:
        return
    old = Unit.objects.filter(pk=instance.pk).values_list("base_unit_id", flat=True).first()
    if old is not None and old != instance.base_unit_id:
        instance._moved_from = old


@receiver(post_save, sender=Unit)
def unit_moved(sender, instance: Unit, **kwargs) -> None:
    moved_from = getattr(instance, "_moved_from", None)
    if moved_from is not None:
        period_sums_refresh(base_unit_ids=[moved_from, instance.base_unit_id])


@receiver(pre_save, sender=Headcount)
@receiver(pre_save, sender=ReportedTotal)
@receiver(pre_save, sender=Leavers)
@receiver(pre_delete, sender=Headcount)
@receiver(pre_delete, sender=ReportedTotal)
@receiver(pre_delete, sender=Leavers)
def figure_changing(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    record_creations(sender, [instance.pk])
