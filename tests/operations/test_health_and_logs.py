import json
import logging

import pytest
from django.test import RequestFactory
from django.urls import reverse

from operations import health
from operations.client import client_ip
from operations.logs import JsonFormatter, RequestIdFilter
from tests.factories import planner

pytestmark = pytest.mark.django_db


def test_healthz_answers_json_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "storage", "task_queue"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["cache"]["backend"] == "DatabaseCache"
    assert body["checks"]["task_queue"]["queue"] == "none (tasks run in the request)"


def test_healthz_counts_the_waiting_tasks_of_the_database_queue(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from operations.tasks import probe

    probe.enqueue("waiting")
    queue = client.get("/healthz").json()["checks"]["task_queue"]
    assert queue == {"ok": True, "backend": "DatabaseBackend", "waiting": 1, "ms": queue["ms"]}


def test_healthz_is_503_and_names_the_failing_check(client, monkeypatch, caplog):
    def broken() -> dict:
        raise ConnectionError("redis at 10.1.2.3 is down")

    monkeypatch.setitem(health.CHECKS, "cache", broken)
    with caplog.at_level(logging.ERROR, logger="fardplan.health"):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["cache"]["ok"] is False
    # Anyone may ask, so the answer names the failure's kind; the log has the detail.
    assert body["checks"]["cache"]["error"] == "ConnectionError"
    assert "10.1.2.3" not in response.content.decode()
    assert body["checks"]["database"]["ok"] is True
    assert [r.getMessage() for r in caplog.records if r.name == "fardplan.health"] == [
        "health check cache failed: redis at 10.1.2.3 is down"
    ]


def test_healthz_is_not_redirected_to_https_but_pages_are(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    assert client.get("/healthz").status_code == 200
    assert client.get("/konto/login/").status_code == 301


def test_healthz_leaves_nothing_in_storage(client, settings):
    client.get("/healthz")
    folder = settings.MEDIA_ROOT / "healthz"
    assert not folder.exists() or list(folder.iterdir()) == []


def test_one_log_line_per_request_with_its_request_id(client, caplog):
    client.force_login(planner())
    with caplog.at_level(logging.INFO, logger="fardplan.requests"):
        response = client.get(reverse("roadmap:plan_list"))
    records = [r for r in caplog.records if r.name == "fardplan.requests"]
    assert len(records) == 1
    record = records[0]
    assert (record.method, record.path, record.status) == ("GET", "/", 200)
    assert record.user_id is not None
    assert len(response["X-Request-ID"]) == 32
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "GET / 200"
    assert line["status"] == 200
    assert line["level"] == "INFO"
    assert isinstance(line["duration_ms"], float)


def test_a_proxys_request_id_is_kept_only_when_plain(client):
    kept = client.get("/healthz", headers={"X-Request-ID": "lb-1234abcd"})
    assert kept["X-Request-ID"] == "lb-1234abcd"
    forged = client.get("/healthz", headers={"X-Request-ID": 'x"\n{"level":"ERROR"}'})
    assert forged["X-Request-ID"] != 'x"\n{"level":"ERROR"}'
    assert len(forged["X-Request-ID"]) == 32


def test_client_address_comes_from_the_proxy_only_behind_one(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.9.9.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7"
    )
    settings.BEHIND_TLS_PROXY = False
    assert client_ip(request) == "10.9.9.9"
    settings.BEHIND_TLS_PROXY = True
    # The client wrote 6.6.6.6 itself; the proxy appended the address it saw.
    assert client_ip(request) == "192.0.2.7"
