"""What every plan-owned model's QuerySet shares; no models imported, so any app's
models module (and roadmap's own) can build on it."""

from __future__ import annotations

from typing import Self

from django.db import models


class PlanScopedQuerySet(models.QuerySet):
    def for_plan(self, plan) -> Self:
        return self.filter(plan=plan)


def in_tray(plan, *, year: str, quarter: str, lane: str | None = None) -> models.Q:
    """The map's tray: not placed (no lane, where the item has one; no year or quarter),
    or placed outside the plan's years. Activities and milestones name their fields."""
    unplaced = models.Q(**{f"{year}__isnull": True}) | models.Q(**{f"{quarter}__isnull": True})
    if lane is not None:
        unplaced |= models.Q(**{f"{lane}__isnull": True})
    return (
        unplaced
        | models.Q(**{f"{year}__lt": plan.first_year})
        | models.Q(**{f"{year}__gt": plan.last_year})
    )
