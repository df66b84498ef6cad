"""Uploads waiting between an import's preview and its confirmation: the one
helper every importer (staffing, activity plans, indicator series) uses.

The bytes wait in the database (core.models.PendingImport), under the
uploader, the importer's kind and their sha256, with the file name and what
the preview needs (plan, administration) beside them. So no session and no
local disk take part: a preview on one app server can be confirmed on
another, and a background worker on any host reads the same bytes. Loading
checks the sha256 again; nothing a browser sends back is trusted as parsed
data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import PendingImport, PendingImportQuerySet
from core.workbooks import Limits

DIGEST = re.compile(r"^[0-9a-f]{64}$")


def upload_limits() -> Limits:
    return Limits(
        max_bytes=settings.IMPORT_MAX_UPLOAD_BYTES,
        max_inflated=settings.IMPORT_MAX_INFLATED_BYTES,
        max_cells=getattr(settings, "IMPORT_MAX_CELLS", Limits.max_cells),
    )


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class PendingDamaged(Exception):
    """The kept bytes no longer match their sha256 (the upload is then discarded)."""

    def __init__(self, filename: str):
        super().__init__(
            _(
                "Den uppladdade filen ”%(file)s” stämmer inte längre med sin kontrollsumma "
                "(SHA-256) och har tagits bort; ladda upp den igen."
            )
            % {"file": filename}
        )


@dataclass(frozen=True)
class Pending:
    digest: str
    filename: str
    data: bytes
    meta: dict = field(default_factory=dict)


def pending_sweep(now: dt.datetime | None = None) -> int:
    """Removes the uploads nobody confirmed or cancelled within a day; returns how many."""
    deleted, _by_model = PendingImport.objects.stale(now).delete()
    return deleted


def pending_missing(request: HttpRequest, restart: str) -> HttpResponse:
    """404 for a digest this person has no upload under (gone, cancelled, someone else's)."""
    message = _("Det finns ingen uppladdad fil att granska här; ladda upp den igen.")
    context = {"message": message, "restart": restart}
    return render(request, "404.html", context, status=404)


class PendingImports:
    """One importer's uploads, per owner; at most `keep` of them per owner (the
    oldest go first), or any number where a queued job still needs them."""

    def __init__(self, kind: str, *, keep: int | None = 5):
        self.kind = kind
        self.keep = keep

    def mine(self, owner) -> PendingImportQuerySet:
        """The owner's waiting uploads of this kind, newest first, bytes not read."""
        return PendingImport.objects.of(owner, self.kind).newest_first().without_bytes()

    def store(
        self, data: bytes, *, owner, filename: str, meta: dict | None = None, digest: str = ""
    ) -> str:
        """Keeps `data` for `owner` and returns its digest (`digest`: the caller's own
        sha256 of `data`, so a 10 MB file is not hashed twice; `load` checks it); also
        sweeps out stale uploads."""
        digest = digest or sha256_of(data)
        with transaction.atomic():
            PendingImport.objects.update_or_create(
                owner=owner,
                kind=self.kind,
                digest=digest,
                defaults={
                    "filename": filename[:255],
                    "meta": meta or {},
                    "data": data,
                    "created_at": timezone.now(),
                },
            )
            if self.keep is not None:
                older = list(self.mine(owner).values_list("pk", flat=True)[self.keep :])
                PendingImport.objects.filter(pk__in=older).delete()
        pending_sweep()
        return digest

    def exists(self, digest: str, *, owner) -> bool:
        return self.mine(owner).filter(digest=digest).exists()

    def load(self, digest: str, *, owner) -> Pending | None:
        """The owner's upload under `digest`, or None if there is none; raises
        PendingDamaged (and discards it) if its bytes no longer match the digest."""
        if not DIGEST.match(digest or ""):
            return None
        row = PendingImport.objects.of(owner, self.kind).filter(digest=digest).first()
        if row is None:
            return None
        data = bytes(row.data)  # PostgreSQL hands back a memoryview
        if sha256_of(data) != digest:
            row.delete()
            raise PendingDamaged(row.filename)
        return Pending(digest=digest, filename=row.filename, data=data, meta=row.meta)

    def discard(self, digest: str, *, owner) -> bool:
        """Forgets the upload; False when there was none."""
        deleted, _rows = PendingImport.objects.of(owner, self.kind).filter(digest=digest).delete()
        return bool(deleted)
