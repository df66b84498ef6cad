"""Read-only share links: a plan's map and its "Aktuellt läge" report for
people without accounts (the board's members), live or pinned to a snapshot."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from roadmap.models import Plan, Snapshot


class LinkState(models.TextChoices):
    ACTIVE = "active", _("Aktiv")
    EXPIRED = "expired", _("Utgången")
    REVOKED = "revoked", _("Återkallad")


class ShareLinkQuerySet(models.QuerySet):
    def for_plan(self, plan: Plan) -> ShareLinkQuerySet:
        return self.filter(plan=plan)

    def listing(self) -> ShareLinkQuerySet:
        return self.select_related("snapshot", "created_by", "revoked_by").order_by(
            "-created_at", "-pk"
        )


class ShareLink(models.Model):
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="share_links", verbose_name=_("plan")
    )
    snapshot = models.ForeignKey(
        Snapshot,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="share_links",
        verbose_name=_("låst till läget"),
        help_text=_("Tomt: länken visar alltid planen som den är just nu."),
    )
    label = models.CharField(_("benämning"), max_length=200)
    token_hash = models.CharField(_("token (hash)"), max_length=64, unique=True, editable=False)
    expires_on = models.DateField(_("gäller till och med"))
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("skapad av"),
    )
    open_count = models.PositiveIntegerField(_("antal öppningar"), default=0)
    last_opened_at = models.DateTimeField(_("senast öppnad"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("återkallad av"),
    )

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("delad länk")
        verbose_name_plural = _("delade länkar")

    def __str__(self) -> str:
        return self.label

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
