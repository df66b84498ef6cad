import logging

import pytest
from django.urls import reverse

from tests.factories import UserFactory, planner

pytestmark = pytest.mark.django_db
LOCKED = "För många misslyckade inloggningar för det här användarnamnet från din adress."


def attempt(client, username, password, url=None, address="10.0.0.1"):
    return client.post(
        url or reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def fail(client, username, times, **kwargs):
    return [attempt(client, username, "wrong", **kwargs).status_code for _ in range(times)]


def test_nine_failures_then_the_right_password_logs_in(client):
    user = planner()
    assert fail(client, user.username, 9) == [200] * 9
    response = attempt(client, user.username, "secret-pass-123")
    assert response.status_code == 302
    assert response["Location"] == reverse("roadmap:plan_list")


def test_the_tenth_failure_locks_the_user_at_that_address_for_15_minutes(client):
    user = planner()
    assert fail(client, user.username, 10) == [200] * 9 + [429]
    response = attempt(client, user.username, "secret-pass-123")
    assert response.status_code == 429
    body = response.content.decode()
    assert LOCKED in body
    assert "Försök igen om 15 minuter." in body
    assert "_auth_user_id" not in client.session


def test_the_lock_is_for_that_user_and_address_only(client):
    user, other = planner(), UserFactory()
    fail(client, user.username, 10)
    assert attempt(client, other.username, "secret-pass-123").status_code == 302
    client.logout()
    assert attempt(client, user.username, "secret-pass-123", address="10.0.0.2").status_code == 302


def test_the_lock_ends_after_15_minutes(client, settings):
    import datetime as dt

    from axes.models import AccessAttempt

    user = planner()
    fail(client, user.username, 10)
    AccessAttempt.objects.update(attempt_time=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert attempt(client, user.username, "secret-pass-123").status_code == 302


def test_the_admin_login_is_covered_too(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    admin_login = reverse("admin:login")
    assert fail(client, user.username, 10, url=admin_login)[-1] == 429
    response = attempt(client, user.username, "secret-pass-123", url=admin_login)
    assert response.status_code == 429
    assert LOCKED in response.content.decode()


def test_failures_lockouts_and_successes_are_logged(client, caplog):
    user, other = planner(), planner()
    with caplog.at_level(logging.INFO, logger="fardplan.auth"):
        fail(client, user.username, 10)
        attempt(client, other.username, "secret-pass-123")
    events = [(r.event, r.username, r.ip) for r in caplog.records if r.name == "fardplan.auth"]
    failed = ("login_failed", user.username, "10.0.0.1")
    # django-axes locks out from its own login_failed receiver, before ours runs.
    assert events == [failed] * 9 + [
        ("locked_out", user.username, "10.0.0.1"),
        failed,
        ("login", other.username, "10.0.0.1"),
    ]


def test_password_reset_says_it_is_unavailable_without_a_mail_server(client, mailoutbox):
    user = planner(email="planerare@region.se")
    page = client.get(reverse("password_reset"))
    assert page.status_code == 200
    assert "ingen e-postserver är konfigurerad" in page.content.decode()
    posted = client.post(reverse("password_reset"), {"email": user.email})
    assert "ingen e-postserver är konfigurerad" in posted.content.decode()
    assert mailoutbox == []


def test_password_reset_sends_a_mail_where_a_mail_server_is_configured(
    client, settings, mailoutbox
):
    settings.PASSWORD_RESET_AVAILABLE = True
    user = planner(email="planerare@region.se")
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["planerare@region.se"]]


def test_the_login_page_links_to_password_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()
