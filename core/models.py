"""The kernel's one table: uploads waiting between an import's preview and its
confirmation (core.pending keeps and reads them)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import part_of

# An upload nobody confirmed or cancelled within a day is swept.
MAX_AGE = dt.timedelta(days=1)


class PendingImportQuerySet(models.QuerySet):
    def of(self, owner, kind: str) -> PendingImportQuerySet:
        return self.filter(owner=owner, kind=kind)

    def newest_first(self) -> PendingImportQuerySet:
        return self.order_by("-created_at", "-pk")

    def stale(self, now: dt.datetime | None = None) -> PendingImportQuerySet:
        return self.filter(created_at__lt=(now or timezone.now()) - MAX_AGE)

    def without_bytes(self) -> PendingImportQuerySet:
        return self.defer("data")


class PendingImport(models.Model):
    """In the database, so that the preview on one app server can be confirmed on
    another, and a background worker on any host reads the same bytes; one row per
    owner, so one person's cancel never touches another's upload of the same file.
    Its size is bounded by the upload limit (settings.IMPORT_MAX_UPLOAD_BYTES)."""

    owner = part_of(settings.AUTH_USER_MODEL, _("uppladdad av"), related_name="+")
    kind = models.CharField(_("slag"), max_length=20)
    digest = models.CharField(_("SHA-256"), max_length=64)
    filename = models.CharField(_("filnamn"), max_length=255)
    meta = models.JSONField(_("uppgifter"), default=dict, blank=True)
    data = models.BinaryField(_("innehåll"))
    created_at = models.DateTimeField(_("uppladdad"), default=timezone.now)

    objects = PendingImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("väntande import")
        verbose_name_plural = _("väntande importer")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "digest"], name="core_pendingimport_one_per_owner"
            )
        ]
        indexes = [models.Index(fields=["created_at"], name="core_pending_created")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.filename}"
