"""Which staffing units and base units an activity concerns. It lives above
both activities and staffing, so neither has to import the other."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from core.fields import part_of
from staffing.models import BaseUnit, Unit


class StaffingLinkQuerySet(models.QuerySet):
    def for_activity(self, activity: Activity) -> StaffingLinkQuerySet:
        return self.filter(activity=activity).select_related("unit", "base_unit", "unit__base_unit")


class StaffingLink(models.Model):
    activity = part_of(Activity, _("aktivitet"), related_name="staffing_links")
    unit = part_of(Unit, _("enhet"), related_name="+", null=True, blank=True)
    base_unit = part_of(BaseUnit, _("basenhet"), related_name="+", null=True, blank=True)

    objects = StaffingLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("bemanningskoppling")
        verbose_name_plural = _("bemanningskopplingar")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=True, base_unit__isnull=False)
                | models.Q(unit__isnull=False, base_unit__isnull=True),
                name="staffing_link_unit_or_base_unit",
            ),
            models.UniqueConstraint(fields=["activity", "unit"], name="staffing_link_unit_once"),
            models.UniqueConstraint(
                fields=["activity", "base_unit"], name="staffing_link_base_unit_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.unit or self.base_unit}"

    def clean(self) -> None:
        if (self.unit_id is None) == (self.base_unit_id is None):
            raise ValidationError(_("Välj antingen en enhet eller en basenhet."))
