"""The imported files themselves, kept in Django's default storage.

Named by their SHA-256, so a retry after a crash reuses the file instead of
saving a second copy, and a file that no import batch names (left by a crash
between saving it and committing) is found and removed by `sweep_orphans`.
Default storage is what every app server shares (S3 through django-storages
when several servers run).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from core.uploads import PendingImports

FOLDER = "staffing/imports"
# Uploads between preview and confirmation, kept until the background import has
# read them: no cap on how many, so a queued job's upload is never pushed out.
PENDING = PendingImports("staffing", keep=None)
SUFFIXES = {".xlsx", ".xls", ".ods"}
DIGEST_NAME = re.compile(r"^([0-9a-f]{64})\.\w+$")
GRACE = dt.timedelta(hours=1)  # an import in progress may not have committed yet


def path_for(sha256: str, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"{FOLDER}/{sha256}{suffix if suffix in SUFFIXES else '.xlsx'}"


def store(sha256: str, data: bytes, filename: str) -> str:
    """Keeps `data` (once) and returns its storage name."""
    name = path_for(sha256, filename)
    if default_storage.exists(name):
        return name
    return default_storage.save(name, ContentFile(data))


def sweep_orphans(now: dt.datetime | None = None) -> list[str]:
    """Deletes kept files that no import batch names; returns their names."""
    from staffing.models import ImportBatch

    now = now or timezone.now()
    try:
        _dirs, names = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotADirectoryError):
        return []
    digests = {m.group(1): n for n in names if (m := DIGEST_NAME.match(n))}
    known = set(ImportBatch.objects.filter(sha256__in=digests).values_list("sha256", flat=True))
    removed = []
    for digest, name in digests.items():
        path = f"{FOLDER}/{name}"
        try:
            if digest not in known and now - default_storage.get_modified_time(path) > GRACE:
                default_storage.delete(path)
                removed.append(path)
        except OSError:
            continue
    return removed
