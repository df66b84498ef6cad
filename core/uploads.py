"""Uploads waiting between an import's preview and its confirmation.

Both importers (staffing, activity plans) keep the uploaded bytes in Django's
default storage named by its sha256 (and, given an `owner`, in that person's
own folder, so that one analyst cancelling never removes another's upload), so
the confirm step re-reads exactly what was previewed. Default storage is what
every app server shares (S3 through django-storages when several servers
run), so a preview on one server can be confirmed on another. Nothing a
browser sends back is trusted as parsed data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from core.workbooks import Limits

DIGEST = re.compile(r"^[0-9a-f]{64}$")
MAX_AGE = dt.timedelta(days=1)


def upload_limits() -> Limits:
    return Limits(
        max_bytes=settings.IMPORT_MAX_UPLOAD_BYTES,
        max_inflated=settings.IMPORT_MAX_INFLATED_BYTES,
        max_cells=getattr(settings, "IMPORT_MAX_CELLS", Limits.max_cells),
    )


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class PendingUploads:
    def __init__(self, folder: str):
        self.folder = folder

    def _folder(self, owner: int | None) -> str:
        return self.folder if owner is None else f"{self.folder}/{int(owner)}"

    def _path(self, digest: str, owner: int | None = None) -> str:
        return f"{self._folder(owner)}/{digest}.xlsx"

    def store(self, data: bytes, *, owner: int | None = None) -> str:
        """Keeps `data` and returns its digest; also sweeps out stale uploads."""
        digest = sha256_of(data)
        if not default_storage.exists(self._path(digest, owner)):
            default_storage.save(self._path(digest, owner), ContentFile(data))
        self.sweep(folder=self._folder(owner))
        return digest

    def load(self, digest: str, *, owner: int | None = None) -> bytes | None:
        """The bytes stored under `digest`, or None if gone or not intact."""
        path = self._path(digest, owner)
        if not DIGEST.match(digest or "") or not default_storage.exists(path):
            return None
        try:
            with default_storage.open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        return data if sha256_of(data) == digest else None

    def discard(self, digest: str, *, owner: int | None = None) -> None:
        if DIGEST.match(digest or ""):
            default_storage.delete(self._path(digest, owner))

    def sweep(self, now: dt.datetime | None = None, *, folder: str | None = None) -> None:
        """Removes uploads nobody confirmed or cancelled within a day."""
        now = now or timezone.now()
        folder = folder or self.folder
        try:
            _dirs, names = default_storage.listdir(folder)
        except (FileNotFoundError, NotADirectoryError):
            return
        for name in names:
            path = f"{folder}/{name}"
            try:
                if now - default_storage.get_modified_time(path) > MAX_AGE:
                    default_storage.delete(path)
            except OSError:
                continue
