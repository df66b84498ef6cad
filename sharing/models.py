"""Read-only share links: a plan's map and its "Aktuellt läge" report for
people without accounts (the board's members), live or pinned to a snapshot."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import acting_user, part_of
from roadmap.models import Plan, Snapshot
from roadmap.querysets import PlanScopedQuerySet


class LinkState(models.TextChoices):
    ACTIVE = "active", _("Aktiv")
    EXPIRED = "expired", _("Utgången")
    REVOKED = "revoked", _("Återkallad")


class ShareLinkQuerySet(PlanScopedQuerySet):
    def listing(self) -> ShareLinkQuerySet:
        return self.select_related("snapshot", "created_by", "revoked_by").order_by(
            "-created_at", "-pk"
        )


class IssuedToken(models.Model):
    """A secret shown once to the person it is made for and kept only as its hash
    (`sharing.tokens`), until it is revoked: share links and API keys."""

    label = models.CharField(_("benämning"), max_length=200)
    token_hash = models.CharField(_("token (hash)"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.label


class ShareLink(IssuedToken):
    plan = part_of(Plan, _("plan"), related_name="share_links")
    snapshot = part_of(
        Snapshot,
        _("låst till läget"),
        related_name="share_links",
        null=True,
        blank=True,
        help_text=_("Tomt: länken visar alltid planen som den är just nu."),
    )
    expires_on = models.DateField(_("gäller till och med"))
    created_by = acting_user(_("skapad av"), blank=False)
    open_count = models.PositiveIntegerField(_("antal öppningar"), default=0)
    last_opened_at = models.DateTimeField(_("senast öppnad"), null=True, blank=True)
    revoked_by = acting_user(_("återkallad av"))

    objects = ShareLinkQuerySet.as_manager()

    class Meta(IssuedToken.Meta):
        verbose_name = _("delad länk")
        verbose_name_plural = _("delade länkar")

    def state(self, today: dt.date | None = None) -> LinkState:
        if self.revoked_at is not None:
            return LinkState.REVOKED
        if self.expires_on < (today or timezone.localdate()):
            return LinkState.EXPIRED
        return LinkState.ACTIVE

    @property
    def current_state(self) -> LinkState:
        return self.state()

    def revoke(self, user) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.revoked_by = user
            self.save(update_fields=["revoked_at", "revoked_by"])

    def record_opening(self) -> None:
        """Counted in the database, so simultaneous openings are not lost."""
        now = timezone.now()
        ShareLink.objects.filter(pk=self.pk).update(
            open_count=F("open_count") + 1, last_opened_at=now
        )
        self.open_count += 1
        self.last_opened_at = now
