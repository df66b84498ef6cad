"""The import as a background task: confirming enqueues it, a worker runs it.

`manage.py db_worker` (django-tasks-db) runs it on any host that reaches the
database: the job names the pending upload (owner and sha256), whose bytes
wait in the database too (core.uploads), never on an app server's disk. The
confirming page polls `ImportJob` for its progress.
"""

from __future__ import annotations

import time

from django.db import connection, connections
from django.tasks import task
from django.utils.translation import gettext as _

from core.uploads import PendingDamaged, upload_limits
from staffing import keep
from staffing.models import ImportJob
from staffing.parser import StaffingRefused, parse_staffing_bytes
from staffing.preview import outcome_text
from staffing.services import ChangedSincePreview, staffing_import_commit


class JobProgress:
    """Reports (done, total) to a job's row while the import's transaction is open.

    On PostgreSQL through a connection of its own, so the polling page sees it at
    once; SQLite allows one writer only, so there the job shows its start and end."""

    INTERVAL = 0.5  # seconds between two reports

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.last = 0.0
        self.own = None

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if connection.vendor != "postgresql" or (now - self.last < self.INTERVAL and done < total):
            return
        self.last = now
        if self.own is None:
            self.own = connections.create_connection("default")
        with self.own.cursor() as cursor:
            cursor.execute(
                "UPDATE staffing_importjob SET done = %s, total = %s, status = %s WHERE id = %s",
                [done, total, ImportJob.RUNNING, self.job_id],
            )

    def close(self) -> None:
        if self.own is not None:
            self.own.close()


def import_enqueue(
    *, user, sha256: str, filename: str, administration: str, fingerprint: str
) -> ImportJob:
    """Queues the confirmed import of a pending upload; the worker runs it."""
    job = ImportJob.objects.create(
        created_by=user,
        sha256=sha256,
        filename=filename[:255],
        administration=administration or "",
        fingerprint=fingerprint[:64],
    )
    run_import.enqueue(job.pk)
    job.refresh_from_db()  # an immediate backend has run it already
    return job


@task()
def run_import(job_id: int) -> int | None:
    """Runs a confirmed import; returns its batch's id."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    job.status = ImportJob.RUNNING
    job.save(update_fields=["status", "updated_at"])
    try:
        return _run(job)
    except Exception:
        job.finish(
            batch=None, message=_("Importen avbröts av ett fel; inget sparades."), failed=True
        )
        raise


def _run(job: ImportJob) -> int | None:
    try:
        pending = keep.PENDING.load(job.sha256, owner=job.created_by_id)
    except PendingDamaged as err:
        job.finish(batch=None, message=str(err), failed=True)
        return None
    if pending is None:
        job.finish(
            batch=None,
            message=_("Den uppladdade filen finns inte längre; ladda upp den igen."),
            failed=True,
        )
        return None
    data = pending.data
    try:
        parsed = parse_staffing_bytes(data, limits=upload_limits())
    except StaffingRefused as err:
        job.finish(batch=None, message="\n".join(err.problems), failed=True)
        return None
    progress = JobProgress(job.pk)
    try:
        result = staffing_import_commit(
            parsed=parsed,
            data=data,
            filename=job.filename,
            user=job.created_by,
            administration=job.administration,
            expected=job.fingerprint or None,
            progress=progress,
        )
    except ChangedSincePreview:
        job.finish(
            batch=None,
            message=_(
                "Siffrorna i databasen har ändrats sedan granskningen (en annan import). "
                "Inget sparades; ladda upp filen igen och granska de nya ändringarna."
            ),
            failed=True,
        )
        return None
    finally:
        progress.close()
    keep.PENDING.discard(job.sha256, owner=job.created_by_id)
    if result.created:
        message = outcome_text(result.preview, result.batch.filename)
    else:
        message = _("Filen var redan importerad; inget ändrades.")
    job.total = result.preview.new_count + result.preview.changed_count
    job.finish(batch=result.batch, message=message)
    return result.batch.pk
