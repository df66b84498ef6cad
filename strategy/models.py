"""What a plan aims at above its goal tracks: the vision (målbild), guiding
principles and target areas (målområden, resultatområden)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import part_of
from roadmap.models import Goal, Plan, PlanPart
from roadmap.querysets import PlanScopedQuerySet


class Vision(models.Model):
    plan = models.OneToOneField(
        Plan, on_delete=models.CASCADE, related_name="vision", verbose_name=_("plan")
    )
    title = models.CharField(_("rubrik"), max_length=200, default=_("Målbild"))
    text = models.TextField(_("målbild"))
    source = models.CharField(
        _("källa"), max_length=300, blank=True, help_text=_("Dokumentet målbilden kommer från.")
    )

    class Meta:
        verbose_name = _("målbild")
        verbose_name_plural = _("målbilder")

    def __str__(self) -> str:
        return self.title


class Principle(PlanPart):
    plan = part_of(Plan, _("plan"), related_name="principles")
    name = models.CharField(_("namn"), max_length=100)
    points = models.TextField(_("punkter"), blank=True, help_text=_("En punkt per rad."))

    class Meta(PlanPart.Meta):
        verbose_name = _("vägledande princip")
        verbose_name_plural = _("vägledande principer")
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="principle_unique_in_plan")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def point_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.points.splitlines() if line.strip(" -•\t")]


class AreaKind(models.TextChoices):
    TARGET = "target", _("Målområde")
    RESULT = "result", _("Resultatområde")

    @property
    def plural(self) -> str:
        return str(AREA_PLURALS[self])


AREA_PLURALS = {AreaKind.TARGET: _("Målområden"), AreaKind.RESULT: _("Resultatområden")}


class TargetArea(PlanPart):
    plan = part_of(Plan, _("plan"), related_name="target_areas")
    kind = models.CharField(_("slag"), max_length=10, choices=AreaKind.choices, default="target")
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    goals = models.ManyToManyField(
        Goal, blank=True, related_name="target_areas", verbose_name=_("mål")
    )

    objects = PlanScopedQuerySet.as_manager()

    class Meta(PlanPart.Meta):
        verbose_name = _("målområde")
        verbose_name_plural = _("målområden")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "name"], name="target_area_unique_in_plan"
            )
        ]

    def __str__(self) -> str:
        return self.name
