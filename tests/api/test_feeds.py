import csv
import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from openapi_spec_validator import validate

from activities.snapshots import snapshot_take
from api.api import api
from api.models import ApiToken
from api.services import api_token_create
from tests.assets import loaded_from_elsewhere
from tests.factories import (
    ActivityFactory,
    GoalFactory,
    MeetingFactory,
    PlanFactory,
    UserFactory,
    analyst,
    manager,
    planner,
)
from tests.staffing.factories import HeadcountFactory

pytestmark = pytest.mark.django_db


def _get(client, path, secret, **headers):
    return client.get(path, HTTP_AUTHORIZATION=f"Bearer {secret}", **headers)


@pytest.fixture
def plan():
    plan = PlanFactory(name="Hälsa 2029")
    ActivityFactory(plan=plan, placed=True, title="Närakut Köping", status_note="HSN maj/juni")
    return plan


def test_schema_is_valid_openapi():
    # As served: JSON turns the status codes into strings, as OpenAPI wants them.
    schema = json.loads(json.dumps(api.get_openapi_schema()))
    validate(schema)
    assert "/api/activities" in schema["paths"]
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"


def test_schema_is_served_and_docs_are_local(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    validate(response.json())
    client.force_login(planner())
    docs = client.get(reverse("feeds:docs"))
    assert docs.status_code == 200
    assert "GET /api/activities</code>" in docs.text and "/api/api/" not in docs.text
    assert loaded_from_elsewhere(docs.text) == []


def test_every_feed_answers_401_without_a_token(client, plan):
    schema = api.get_openapi_schema()
    for path in schema["paths"]:
        url = path.replace("{plan_id}", str(plan.pk)).replace("{snapshot_id}", "1")
        assert client.get(url).status_code == 401, url


def test_without_token_401_and_with_revoked_token_401(client, plan):
    user = planner()
    token, secret = api_token_create(user=user, label="Power BI")
    assert client.get("/api/plans").status_code == 401
    assert _get(client, "/api/plans", "wrong").status_code == 401
    assert _get(client, "/api/plans", secret).status_code == 200
    token.revoke()
    assert _get(client, "/api/plans", secret).status_code == 401


def test_inactive_user_token_is_refused(client, plan):
    user = planner()
    _token, secret = api_token_create(user=user, label="x")
    user.is_active = False
    user.save()
    assert _get(client, "/api/plans", secret).status_code == 401


def test_only_the_hash_is_stored_and_use_is_recorded(client, plan):
    _token, secret = api_token_create(user=planner(), label="x")
    stored = ApiToken.objects.get()
    assert secret not in stored.token_hash and len(secret) >= 43
    _get(client, "/api/plans", secret)
    stored.refresh_from_db()
    assert stored.last_used_at is not None


@pytest.mark.parametrize(
    ("make", "plans", "staffing"),
    [
        (planner, 200, 403),
        (manager, 200, 200),
        (analyst, 200, 200),
        (lambda: UserFactory(), 200, 403),  # no role: reads plans like in the app
    ],
)
def test_each_role_reads_what_it_may_in_the_app(client, plan, make, plans, staffing):
    HeadcountFactory()
    _token, secret = api_token_create(user=make(), label="x")
    assert _get(client, "/api/plans", secret).status_code == plans
    assert _get(client, "/api/activities", secret).status_code == plans
    response = _get(client, "/api/staffing/headcounts", secret)
    assert response.status_code == staffing
    if staffing == 403:
        assert response.json() == {"detail": "Din roll får inte läsa bemanningen."}
    else:
        assert response.json()["count"] == 1


def test_pagination_and_filters(client):
    plan, other = PlanFactory(), PlanFactory()
    for i in range(5):
        ActivityFactory(plan=plan, title=f"A{i}")
    ActivityFactory(plan=other)
    _token, secret = api_token_create(user=planner(), label="x")
    first = _get(client, f"/api/activities?plan={plan.pk}&limit=2", secret).json()
    assert first["count"] == 5 and [a["title"] for a in first["items"]] == ["A0", "A1"]
    assert "offset=2" in first["next"]
    last = _get(client, f"/api/activities?plan={plan.pk}&limit=2&offset=4", secret).json()
    assert [a["title"] for a in last["items"]] == ["A4"] and last["next"] is None
    future = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).isoformat().replace("+00:00", "Z")
    later = _get(client, f"/api/activities?updated_since={future}", secret).json()
    assert later["count"] == 0


def test_bad_filter_says_which_parameter(client, plan):
    _token, secret = api_token_create(user=planner(), label="x")
    response = _get(client, "/api/activities?limit=5000", secret)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "limit"]


def test_etag_gives_304_until_something_changes(client, plan):
    _token, secret = api_token_create(user=planner(), label="x")
    first = _get(client, "/api/activities", secret)
    etag = first["ETag"]
    again = _get(client, "/api/activities", secret, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    activity = plan.activities.get()
    activity.status_note = "Klar i maj"
    activity.save()
    changed = _get(client, "/api/activities", secret, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


@pytest.mark.parametrize(
    "path",
    [
        "/api/plans",
        "/api/lanes",
        "/api/goals",
        "/api/meetings",
        "/api/activities",
        "/api/status-history",
        "/api/snapshots",
        "/api/staffing/headcounts",
    ],
)
def test_every_list_has_csv(client, plan, path):
    HeadcountFactory()
    GoalFactory(plan=plan)
    MeetingFactory(plan=plan)
    snapshot_take(plan=plan, meeting=None, title="HSN", user=None)
    _token, secret = api_token_create(user=manager(), label="x")
    response = _get(client, f"{path}?format=csv", secret)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) >= 2


def test_csv_neutralises_formulas(client):
    plan = PlanFactory()
    ActivityFactory(plan=plan, title='=HYPERLINK("http://x","klick")', status_note="+1+1")
    _token, secret = api_token_create(user=planner(), label="x")
    response = _get(client, f"/api/activities?plan={plan.pk}&format=csv", secret)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0]["title"] == '\'=HYPERLINK("http://x","klick")'
    assert rows[0]["status_note"] == "'+1+1"


def test_status_history_and_snapshot_changes(client, plan):
    activity = plan.activities.get()
    first = snapshot_take(plan=plan, meeting=None, title="HSN 24/4", user=None)
    activity.status = "in_progress"
    activity.save()
    second = snapshot_take(plan=plan, meeting=None, title="HSN juni", user=None)
    _token, secret = api_token_create(user=planner(), label="x")
    history = _get(client, f"/api/status-history?plan={plan.pk}", secret).json()["items"]
    assert [(h["previous_status"], h["status"]) for h in history] == [
        ("", "not_started"),
        ("not_started", "in_progress"),
    ]
    changes = _get(client, f"/api/snapshots/{second.pk}/changes", secret).json()
    assert changes["items"][0]["since_snapshot_id"] == first.pk
    assert [(c["change"], c["after"]) for c in changes["items"]] == [("status", "Pågår")]
    items = _get(client, f"/api/snapshots/{first.pk}/items", secret).json()["items"]
    assert [i["status"] for i in items] == ["not_started"]
