import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.snapshots import snapshot_take
from sharing.models import ShareLink
from sharing.tokens import token_hash
from tests.factories import ActivityFactory, PlanFactory, analyst, manager, planner
from tests.sharing.links import share_link

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PlanFactory(name="Hälsa- och sjukvården 2029")
    ActivityFactory(plan=plan, placed=True, title="Närakut Köping", status_note="HSN maj/juni")
    return plan


def _link(plan, *, days=30, snapshot=None, user=None):
    return share_link(plan, days=days, label="HSN-ledamöter", snapshot=snapshot, user=user)


def test_planner_creates_a_link_shown_once_and_stored_only_as_hash(client, plan):
    user = planner(username="anna")
    client.force_login(user)
    response = client.post(
        reverse("sharing:share_links", args=[plan.pk]),
        {"label": "HSN april", "expires_on": (timezone.localdate() + dt.timedelta(7)).isoformat()},
    )
    assert response.status_code == 201
    url = response.context["new_url"]
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43
    link = ShareLink.objects.get()
    assert link.token_hash == token_hash(token) and token not in link.token_hash
    assert link.created_by == user and link.snapshot is None
    # The address names no id: only the random token (the old check failed whenever the
    # token happened to contain the id's digits).
    assert url.split("/").count(str(link.pk)) == 0 and str(plan.pk) not in url.split("/")
    # The list no longer shows the token once the page is left.
    assert token not in client.get(reverse("sharing:share_links", args=[plan.pk])).text


def test_tokens_differ_every_time(plan):
    tokens = {_link(plan)[1] for _ in range(5)}
    assert len(tokens) == 5


@pytest.mark.parametrize(("make", "status"), [(planner, 201), (manager, 201), (analyst, 403)])
def test_who_may_create_links(client, plan, make, status):
    client.force_login(make())
    response = client.post(
        reverse("sharing:share_links", args=[plan.pk]),
        {"label": "x", "expires_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == status
    assert ShareLink.objects.count() == (1 if status == 201 else 0)


@pytest.mark.parametrize(("days", "message"), [(-1, "har redan passerat"), (400, "högst ett år")])
def test_expiry_must_be_today_to_a_year(client, plan, days, message):
    client.force_login(planner())
    day = timezone.localdate() + dt.timedelta(days=days)
    response = client.post(
        reverse("sharing:share_links", args=[plan.pk]), {"label": "x", "expires_on": day}
    )
    assert response.status_code == 400
    assert message in response.text
    assert not ShareLink.objects.exists()


def test_anonymous_opening_shows_map_and_report_without_controls_or_names(client, plan):
    editor = planner(username="redaktor_kalle", first_name="Kalle", last_name="Redaktör")
    link, token = _link(plan, user=editor)
    response = client.get(reverse("sharing:shared_plan", args=[token]))
    assert response.status_code == 200
    html = response.text
    assert "Närakut Köping" in html and "HSN maj/juni" in html
    assert 'id="karta"' in html and 'id="rapport"' in html
    for forbidden in ("/redigera/", "/flytta/", "hx-post", "<form", "Kalle", "redaktor_kalle"):
        assert forbidden not in html, forbidden
    assert response["Cache-Control"] == "private, no-store"
    link.refresh_from_db()
    assert link.open_count == 1 and link.last_opened_at is not None


def test_openings_are_counted_and_shown_to_planners(client, plan):
    link, token = _link(plan)
    for _ in range(3):
        client.get(reverse("sharing:shared_plan", args=[token]))
    client.force_login(planner())
    page = client.get(reverse("sharing:share_links", args=[plan.pk]))
    link.refresh_from_db()
    assert link.open_count == 3
    assert '<td class="num">3</td>' in page.text


def test_expired_link_answers_410_with_a_sentence(client, plan):
    link, token = _link(plan, days=0)
    ShareLink.objects.filter(pk=link.pk).update(expires_on=timezone.localdate() - dt.timedelta(1))
    response = client.get(reverse("sharing:shared_plan", args=[token]))
    assert response.status_code == 410
    assert "har gått ut" in response.text
    assert "Närakut" not in response.text


def test_revoked_link_answers_410_and_records_who(client, plan):
    user = planner()
    link, token = _link(plan)
    client.force_login(user)
    response = client.post(reverse("sharing:share_link_revoke", args=[plan.pk, link.pk]))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_by == user and link.revoked_at is not None
    client.logout()
    response = client.get(reverse("sharing:shared_plan", args=[token]))
    assert response.status_code == 410
    assert "återkallats" in response.text


def test_analyst_cannot_revoke(client, plan):
    link, _token = _link(plan)
    client.force_login(analyst())
    response = client.post(reverse("sharing:share_link_revoke", args=[plan.pk, link.pk]))
    assert response.status_code == 403
    link.refresh_from_db()
    assert link.revoked_at is None


@pytest.mark.parametrize("token", ["x", "a" * 43, "a" * 500])
def test_wrong_token_is_404(client, plan, token):
    _link(plan)
    assert client.get(reverse("sharing:shared_plan", args=[token])).status_code == 404


def test_anonymous_openings_are_rate_limited(client, plan, settings):
    settings.SHARE_LINK_RATE = (2, 60)
    _link_obj, token = _link(plan)
    url = reverse("sharing:shared_plan", args=[token])
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    response = client.get(url)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    # Guessing wrong tokens counts too.
    assert client.get(reverse("sharing:shared_plan", args=["guess"])).status_code == 429


def test_pinned_link_shows_the_snapshot_not_later_edits(client, plan):
    snapshot = snapshot_take(plan=plan, meeting=None, title="HSN 24/4", user=None)
    activity = plan.activities.get()
    activity.status_note = "Ändrad efter mötet"
    activity.save()
    _link_obj, token = _link(plan, snapshot=snapshot)
    html = client.get(reverse("sharing:shared_plan", args=[token])).text
    assert "HSN maj/juni" in html
    assert "Ändrad efter mötet" not in html
    assert "HSN 24/4" in html
