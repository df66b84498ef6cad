"""Uploads waiting between an import's preview and its confirmation.

Both importers (staffing, activity plans) keep the uploaded bytes as a file
under MEDIA_ROOT named by its sha256, so the confirm step re-reads exactly
what was previewed; the session records which digests belong to whom.
Nothing a browser sends back is trusted as parsed data.
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
    )


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class PendingUploads:
    def __init__(self, folder: str):
        self.folder = folder

    def _path(self, digest: str) -> str:
        return f"{self.folder}/{digest}.xlsx"

    def store(self, data: bytes) -> str:
        """Keeps `data` and returns its digest; also sweeps out stale uploads."""
        digest = sha256_of(data)
        if not default_storage.exists(self._path(digest)):
            default_storage.save(self._path(digest), ContentFile(data))
        self.sweep()
        return digest

    def load(self, digest: str) -> bytes | None:
        """The bytes stored under `digest`, or None if gone or not intact."""
        if not DIGEST.match(digest or "") or not default_storage.exists(self._path(digest)):
            return None
        try:
            with default_storage.open(self._path(digest), "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        return data if sha256_of(data) == digest else None

    def discard(self, digest: str) -> None:
        if DIGEST.match(digest or ""):
            default_storage.delete(self._path(digest))

    def sweep(self, now: dt.datetime | None = None) -> None:
        """Removes uploads nobody confirmed or cancelled within a day."""
        now = now or timezone.now()
        try:
            _dirs, names = default_storage.listdir(self.folder)
        except (FileNotFoundError, NotADirectoryError):
            return
        for name in names:
            path = f"{self.folder}/{name}"
            try:
                if now - default_storage.get_modified_time(path) > MAX_AGE:
                    default_storage.delete(path)
            except OSError:
                continue
