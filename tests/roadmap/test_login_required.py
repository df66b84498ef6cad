import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "logout",
    "shared_plan",  # a share link: the token is the key (tests/sharing)
    "calendar",  # the meetings calendar: a token in the address (tests/api)
}


def _named_urls(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _named_urls(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry


def test_every_app_url_requires_login(client):
    activity = ActivityFactory()
    checked = 0
    for name, pattern in _named_urls():
        if name.split(":")[-1] in PUBLIC or name.startswith("api:"):
            continue  # the feeds answer 401 without their token (tests/api)
        kwargs = {k: activity.plan.pk for k in pattern.pattern.converters}
        if "pk" in kwargs and name.startswith("activities:"):
            kwargs["pk"] = activity.pk
        try:
            url = reverse(name, kwargs=kwargs)
        except Exception:  # a url with converters we cannot fill generically
            continue
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in (302, 405), (name, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("login")), name
        checked += 1
    assert checked >= 3


def test_login_page_is_open(client):
    assert client.get(reverse("login")).status_code == 200
