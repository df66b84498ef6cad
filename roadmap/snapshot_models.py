"""Snapshots: a plan's state recorded for a meeting, never changed afterwards.

Kept apart from roadmap.models (which re-exports them) so each stays one
screenful; the foreign keys name their models by string for the same reason.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.clock import local_minute
from core.fields import acting_user, optional_link, part_of
from roadmap.querysets import PlanScopedQuerySet


class SnapshotQuerySet(PlanScopedQuerySet):
    def latest_first(self) -> SnapshotQuerySet:
        return self.order_by("-taken_at", "-pk")

    def taken_by_then(self, moment) -> SnapshotQuerySet:
        return self.filter(taken_at__lte=moment)

    def listing(self) -> SnapshotQuerySet:
        """Without the frozen items: a list of snapshots needs only their heads."""
        return self.defer("items").select_related("meeting", "taken_by")


class FrozenError(RuntimeError):
    """A snapshot was asked to change; snapshots are never changed."""


class Snapshot(models.Model):
    """A plan's state recorded for a meeting: never changed afterwards.

    `items` holds one `activities.changes.ItemState` (as JSON) per activity and
    milestone: place, status, note and checkpoint at `taken_at`.
    """

    plan = part_of("roadmap.Plan", _("plan"), related_name="snapshots")
    meeting = optional_link("roadmap.Meeting", _("möte"), related_name="snapshots")
    title = models.CharField(_("rubrik"), max_length=200)
    taken_at = models.DateTimeField(_("tagen"), db_index=True)
    taken_by = acting_user(_("tagen av"))
    plan_name = models.CharField(_("planens namn då"), max_length=200)
    plan_version = models.CharField(_("planens version då"), max_length=50, blank=True)
    activity_count = models.PositiveIntegerField(_("antal aktiviteter"), default=0)
    milestone_count = models.PositiveIntegerField(_("antal delmål"), default=0)
    items = models.JSONField(_("läge"), default=list, editable=False)
    # Signed off as a meeting's "Aktuellt läge": the default start of the next "what changed".
    signed = models.BooleanField(_("signerad"), default=False, editable=False)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "-taken_at", "-pk"]
        get_latest_by = "taken_at"
        verbose_name = _("ögonblicksbild")
        verbose_name_plural = _("ögonblicksbilder")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise FrozenError("A snapshot is never changed after it is taken.")
        super().save(*args, **kwargs)

    @property
    def short_label(self) -> str:
        """ "HSN 24/4" for a meeting's snapshot, else the day it was taken."""
        if self.meeting_id:
            return f"{self.meeting.body} {self.meeting.date.day}/{self.meeting.date.month}"
        return local_minute(self.taken_at)
