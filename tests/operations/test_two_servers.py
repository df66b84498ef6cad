"""Two gunicorn instances with the production settings against one PostgreSQL
and one Redis: a planner's session, its CSRF token and its writes work on both;
an upload previewed on one is confirmed on the other, though each has a
MEDIA_ROOT of its own, and a worker apart from both runs the import."""

from __future__ import annotations

import importlib.util
import os
import socket

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from benchmarks.servers import Browser, gunicorns, manage, production_env
from tests.factories import ActivityFactory, analyst, planner
from tests.workers import run_db_worker

pytestmark = pytest.mark.django_db(transaction=True)
REDIS = ("127.0.0.1", 6379)


def redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="module")
def shared_env(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        vendor, db = connection.vendor, connection.settings_dict
    if vendor != "postgresql":
        pytest.skip("two app servers share one PostgreSQL (set DATABASE_URL)")
    if not redis_answers():
        pytest.skip("no Redis on 127.0.0.1:6379")
    folder = tmp_path_factory.mktemp("two-servers")
    env = production_env(
        database_url=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        redis_url=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        static_root=folder / "static",
        # Each instance would otherwise share ~/.gunicorn/gunicorn.ctl.
        HOME=str(folder / "home"),
        MEDIA_ROOT=str(folder / "media"),
    )
    manage(env, "collectstatic", "--noinput")
    yield env, folder
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"):
        client.delete(key)


@pytest.fixture(scope="module")
def servers(shared_env):
    env, folder = shared_env
    # A disk of its own for each: nothing may rely on a shared MEDIA_ROOT.
    each = [{"MEDIA_ROOT": str(folder / f"media-{name}")} for name in ("a", "b")]
    with gunicorns(env, count=2, log_dir=folder, each=each) as hosts:
        yield hosts


def with_password(user):
    # The servers know only the production hashers, not the tests' fast one.
    user.password = PBKDF2PasswordHasher().encode("secret-pass-123", "twoservers")
    user.save()
    return user


def test_a_planners_session_works_on_both_servers(shared_env, servers):
    import redis

    with_password(planner(username="planerare-ab"))
    activity = ActivityFactory(placed=True)
    lane = activity.plan.lanes.last()
    env, _ = shared_env
    a, b = servers
    on_a = Browser(a)
    assert on_a.login("planerare-ab", "secret-pass-123").status == 302
    on_b = on_a.on(b)

    page = on_b.get(f"/planer/{activity.plan.pk}/")
    assert page.status == 200
    assert "planerare-ab" in page.text

    # A write through B with the CSRF token A handed out.
    moved = on_b.post(
        f"/aktiviteter/{activity.pk}/flytta/",
        {"version": activity.version, "lane": lane.pk, "year": 2025, "quarter": 3},
        **{"HX-Request": "true"},
    )
    assert moved.status == 200
    activity.refresh_from_db()
    assert (activity.lane, activity.start_year, activity.start_quarter) == (lane, 2025, 3)

    # The session lives in Redis, not in either process.
    sessions = redis.Redis.from_url(env["REDIS_URL"]).keys(
        f"{env['CACHE_KEY_PREFIX']}:*django.contrib.sessions.cache*"
    )
    assert len(sessions) == 1

    # Logging out through A ends the session on B too.
    assert on_a.post("/konto/logout/", {}).status == 302
    after = on_b.get("/")
    assert after.status == 302
    assert after.headers["Location"].startswith("/konto/login/")


def test_both_servers_are_healthy_compress_and_send_the_policy(shared_env, servers):
    for host in servers:
        health = Browser(host).get("/healthz")
        assert health.status == 200
        assert '"backend": "RedisCache"' in health.text
        login = Browser(host).get("/konto/login/", **{"Accept-Encoding": "gzip"})
        assert login.headers["Content-Encoding"] == "gzip"
        assert "script-src 'self' 'nonce-" in login.headers["Content-Security-Policy"]
        assert login.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    # No shared control socket in the home directory.
    assert not (shared_env[1] / "home" / ".gunicorn").exists()


@pytest.mark.skipif(
    importlib.util.find_spec("django_tasks_db") is None,
    reason="django-tasks-db is not installed",
)
def test_a_task_in_the_shared_queue_is_run_by_a_separate_worker(shared_env, servers, settings):
    """The queue is the database: what one process enqueues, server A sees waiting
    and a worker started apart from both servers runs."""
    from django.tasks import TaskResultStatus

    from operations.tasks import probe

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    env, _ = shared_env
    result = probe.enqueue("two-servers")
    a = servers[0]
    assert '"waiting": 1' in Browser(a).get("/healthz").text
    run_db_worker(env, timeout=120)
    assert '"waiting": 0' in Browser(a).get("/healthz").text
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == "two-servers"


@pytest.mark.skipif(
    importlib.util.find_spec("django_tasks_db") is None,
    reason="django-tasks-db is not installed",
)
def test_a_staffing_upload_previewed_on_a_is_confirmed_on_b_and_run_by_a_worker(
    shared_env, servers
):

    from core.models import PendingImport
    from staffing.models import Headcount, ImportBatch, ImportJob
    from tests.staffing.builders import pivot_bytes

    env, folder = shared_env
    data = pivot_bytes()
    a, b = servers
    with_password(analyst(username="analytiker-ab"))
    on_a = Browser(a)
    assert on_a.login("analytiker-ab", "secret-pass-123").status == 302
    assert on_a.get("/bemanning/import/").status == 200
    uploaded = on_a.upload(
        "/bemanning/import/", {"administration": ""}, {"file": ("personal.xlsx", data)}
    )
    assert uploaded.status == 302
    preview = uploaded.headers["Location"]
    assert preview.startswith("/bemanning/import/")
    # The upload waits in the database; neither server wrote it to its disk.
    assert PendingImport.objects.get().filename == "personal.xlsx"
    assert not any(p.is_file() for p in folder.glob("media-*/**/*"))

    on_b = on_a.on(b)
    page = on_b.get(preview)
    assert page.status == 200 and "Bekräfta och importera" in page.text
    fingerprint = page.text.split('name="changes" value="')[1].split('"')[0]
    confirmed = on_b.post(preview, {"changes": fingerprint})
    assert confirmed.status == 302
    job = ImportJob.objects.get()
    assert confirmed.headers["Location"] == f"/bemanning/import/jobb/{job.pk}/"
    assert job.status == ImportJob.QUEUED and Headcount.objects.count() == 0

    # A worker apart from both servers, with a disk of its own, runs the import.
    run_db_worker(env | {"MEDIA_ROOT": str(folder / "media-worker")}, timeout=120)
    job.refresh_from_db()
    assert job.status == ImportJob.DONE and job.done == 70
    assert Headcount.objects.count() == 62
    assert PendingImport.objects.count() == 0
    kept = folder / "media-worker" / ImportBatch.objects.get().file.name
    assert kept.read_bytes() == data
    assert "Importen är klar: 70 nya" in on_a.get(confirmed.headers["Location"]).text


def test_the_load_run_finishes_with_no_errors(shared_env):
    """A short run of benchmarks/load_two_servers.py (the full run is 20 clients × 60 s)."""
    import subprocess
    import sys

    from benchmarks.servers import ROOT

    result = subprocess.run(
        [sys.executable, "benchmarks/load_two_servers.py", "--clients", "4", "--seconds", "5"],
        cwd=ROOT,
        env=shared_env[0] | {"DJANGO_SETTINGS_MODULE": "fardplan.settings"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "| all: " in result.stdout


def test_a_hup_replaces_the_workers_without_dropping_a_request(servers):
    import signal
    import time

    from benchmarks.servers import worker_pids

    host, master = servers[0], servers.processes[0]
    before = worker_pids(master.pid)
    assert len(before) == 2
    master.send_signal(signal.SIGHUP)
    statuses, deadline = [], time.monotonic() + 60
    while time.monotonic() < deadline:
        statuses.append(Browser(host).get("/healthz").status)
        now = worker_pids(master.pid)
        if len(now) == 2 and not now & before:
            break
        time.sleep(0.2)
    assert worker_pids(master.pid).isdisjoint(before)
    assert master.poll() is None
    assert set(statuses) == {200}
