"""What outside readers open: a share link (map and report in one page) beside
the logged-in report page of the same plan, and the activities feed (1,000
rows, JSON and CSV) beside Django's own JSON serializer of the same rows."""

from __future__ import annotations

from django.core import serializers
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.bench_map import build_plan, client_for
from benchmarks.common import Row, best_of, ms, ratio, superuser

SIZES = (100, 1_000)


def run(quick: bool = False) -> list[Row]:
    from django.conf import settings

    settings.SHARE_LINK_RATE = (10**9, 60)  # the benchmark opens the link many times
    rows: list[Row] = []
    for n in SIZES[:1] if quick else SIZES:
        rows.extend(measure(n))
    return rows


def measure(n: int) -> list[Row]:
    from activities.models import Activity
    from api.services import api_token_create
    from tests.sharing.links import shared_path

    user = superuser()
    plan, _activities = build_plan(n)
    share_url = shared_path(plan, days=1, label="bench", user=user)
    report_url = reverse("roadmap:report", args=[plan.pk])
    anonymous, inside = Client(), client_for(user)
    assert anonymous.get(share_url).status_code == 200
    assert inside.get(report_url).status_code == 200
    t_share = best_of(lambda: anonymous.get(share_url), 5)
    t_report = best_of(lambda: inside.get(report_url), 5)
    with CaptureQueriesContext(connection) as q_share:
        anonymous.get(share_url)

    _api, secret = api_token_create(user=user, label="bench")
    feed = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    url = f"/api/activities?plan={plan.pk}&limit=1000"
    assert feed.get(url).status_code == 200
    t_json = best_of(lambda: feed.get(url), 5)
    t_csv = best_of(lambda: feed.get(url + "&format=csv"), 5)
    with CaptureQueriesContext(connection) as q_feed:
        feed.get(url)
    rows_qs = Activity.objects.for_plan(plan).order_by("pk")[:1000]
    t_django = best_of(lambda: serializers.serialize("json", rows_qs), 5)
    size = f"{n} activities"
    return [
        Row(
            "share link vs report page",
            size,
            ms(t_share),
            ms(t_report),
            ratio(t_share, t_report),
            f"{len(q_share)} queries; map + report in one page",
        ),
        Row(
            "feed /api/activities JSON vs Django serializer",
            f"{min(n, 1000)} rows",
            ms(t_json),
            ms(t_django),
            ratio(t_json, t_django),
            f"{len(q_feed)} queries per page",
        ),
        Row(
            "feed /api/activities CSV vs Django serializer",
            f"{min(n, 1000)} rows",
            ms(t_csv),
            ms(t_django),
            ratio(t_csv, t_django),
        ),
    ]
