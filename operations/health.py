"""What /healthz checks: each check returns details or raises."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable

from django.apps import apps
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.tasks import task_backends

logger = logging.getLogger("fardplan.health")
# Backends that run tasks inside the request have no queue to look at.
IN_PROCESS = {"ImmediateBackend", "DummyBackend"}


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def check_cache() -> dict:
    cache = caches["default"]
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != "ok":
        raise RuntimeError("the cache did not return what was just stored")
    return {"backend": type(cache).__name__}


def check_storage() -> dict:
    name = default_storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as handle:
            if handle.read() != b"ok":
                raise RuntimeError("storage did not return what was just written")
    finally:
        default_storage.delete(name)
    return {"backend": type(default_storage).__name__}


def check_tasks() -> dict:
    backend = task_backends["default"]
    name = type(backend).__name__
    if name in IN_PROCESS:
        return {"backend": name, "queue": "none (tasks run in the request)"}
    errors = [str(message) for message in backend.check() if message.is_serious()]
    if errors:
        raise RuntimeError("; ".join(errors))
    details: dict = {"backend": name}
    if apps.is_installed("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        # Reading the queue table proves the worker's database side is there.
        details["waiting"] = DBTaskResult.objects.filter(status="READY").count()
    return details


CHECKS: dict[str, Callable[[], dict]] = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
    "task_queue": check_tasks,
}


def run_checks(checks: dict[str, Callable[[], dict]] = CHECKS) -> tuple[bool, dict]:
    """(all passed, a JSON-able report per check with its time in ms)."""
    report = {}
    for name, check in checks.items():
        started = time.perf_counter()
        try:
            entry = {"ok": True, **check()}
        except Exception as error:  # noqa: BLE001 - a health check reports, never raises
            # The answer is public: it names the kind of failure, the log says the rest.
            logger.error("health check %s failed: %s", name, error, exc_info=True)
            entry = {"ok": False, "error": type(error).__name__}
        entry["ms"] = round((time.perf_counter() - started) * 1000, 1)
        report[name] = entry
    return all(entry["ok"] for entry in report.values()), report
