import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "logout",
    "healthz",
    "shared_plan",  # a share link: the token is the key (tests/sharing)
    "calendar",  # the meetings calendar: a token in the address (tests/api)
}


# A value for every URL parameter: the login check runs before the view, so
# nothing has to exist. A new parameter must be added here, or the test fails.
PARAMETERS = {
    "pk": 1,
    "plan_pk": 1,
    "meeting_pk": 1,
    "history_id": 1,
    "kind": "activity",
    "table": "antal",
    "sha256": "0" * 64,
    "digest": "0" * 64,
    "link_pk": 1,
    "token_pk": 1,
}


def _named_urls(resolver=None, prefix="", params=frozenset()):
    """Every named URL with the parameters of its whole path (the includes' too)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        found = params | set(entry.pattern.regex.groupindex)
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _named_urls(entry, ns, found)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, found


def test_every_app_url_requires_login(client):
    checked = []
    for name, params in _named_urls():
        if name in _public_names():
            continue
        missing = params - PARAMETERS.keys()
        assert not missing, f"{name}: no test value for {sorted(missing)}; add it to PARAMETERS"
        url = reverse(name, kwargs={p: PARAMETERS[p] for p in params})
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, (name, method.__name__, response.status_code)
            assert response["Location"].startswith(reverse("login")), name
        checked.append(name)
    assert len(checked) == len({name for name, _ in _named_urls()} - _public_names())
    assert {"roadmap:review", "activities:plan_import_preview"} <= set(checked)


def _public_names() -> set[str]:
    # The feeds ("api:") answer 401 without their token instead (tests/api).
    return {
        name
        for name, _ in _named_urls()
        if name.split(":")[-1] in PUBLIC or name.startswith("api:")
    }


def test_login_page_is_open(client):
    assert client.get(reverse("login")).status_code == 200
