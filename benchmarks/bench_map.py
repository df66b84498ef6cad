"""The strategic map at 100, 1,000 and 5,000 activities: full render time at
the detailed and the overview scale, queries per render, and the round trip
of a move between cells, to a tray and back, each beside the Django admin
changelist of the same activities (all rows on one page) in the same run."""

from __future__ import annotations

import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.common import Row, best_of, ms, ratio, superuser, with_three_goals

SIZES = (100, 1_000, 5_000)


def build_plan(n: int):
    from activities.models import Activity, Status
    from roadmap.models import Plan

    plan = Plan.objects.create(name=f"Bench {n} {time.time_ns()}", first_year=2024, last_year=2029)
    lanes = list(plan.lanes.all())
    levels = list(plan.owner_levels.all())
    statuses = list(Status)
    activities = Activity.objects.bulk_create(
        Activity(
            plan=plan,
            title=f"Aktivitet {i} med en lagom lång titel",
            status=statuses[i % len(statuses)],
            status_note="Planering inledd",
            lane=lanes[i % 3] if i % 10 else None,
            owner_level=levels[i % 3],
            start_year=2024 + (i // 4) % 6 if i % 10 else None,
            start_quarter=1 + i % 4 if i % 10 else None,
            position=i,
        )
        for i in range(n)
    )
    with_three_goals(plan, activities)
    return plan, activities


def client_for(superuser) -> Client:
    client = Client()
    client.force_login(superuser)
    return client


def run(quick: bool = False) -> list[Row]:
    from activities.admin import ActivityAdmin

    client = client_for(superuser())
    ActivityAdmin.list_max_show_all = 10**6  # let "show all" show every row, as the map does
    rows: list[Row] = []
    for n in SIZES[:2] if quick else SIZES:
        rows.extend(measure(client, n))
    return rows


def measure(client: Client, n: int) -> list[Row]:
    rows: list[Row] = []
    plan, activities = build_plan(n)
    map_url = reverse("roadmap:plan_map", args=[plan.pk])
    admin_url = reverse("admin:activities_activity_changelist") + f"?plan__id__exact={plan.pk}&all="
    # Warm caches and templates, and make sure both pages really render.
    assert client.get(map_url).status_code == 200
    assert client.get(admin_url).status_code == 200
    repeat = 3 if n >= 5_000 else 5
    t_admin = best_of(lambda: client.get(admin_url), repeat)
    for scale, label in (("quarters", "detailed"), ("plan", "overview")):
        url = f"{map_url}?scale={scale}"
        t_map = best_of(lambda url=url: client.get(url), repeat)
        rows.append(
            Row(
                f"map render, {label}",
                f"{n}",
                ms(t_map),
                ms(t_admin) + " admin",
                ratio(t_map, t_admin),
                f"{len(client.get(url).content) // 1024} kB HTML",
            )
        )
    with CaptureQueriesContext(connection) as q_map:
        client.get(map_url)
    with CaptureQueriesContext(connection) as q_admin:
        client.get(admin_url)
    rows.append(
        Row(
            "queries per render",
            f"{n}",
            str(len(q_map)),
            f"{len(q_admin)} admin",
            ratio(len(q_map), len(q_admin)),
        )
    )
    rows.extend(_moves(client, plan, activities, map_url, t_admin, repeat, n))
    return rows


def _moves(client, plan, activities, map_url, t_admin, repeat, n) -> list[Row]:
    from activities.models import Activity

    target = activities[1]
    lane = plan.lanes.first()
    quarters = iter([(2024 + (i % 6), 1 + (i // 6) % 4) for i in range(1000)])
    current = {"HX-Request": "true", "HX-Current-URL": f"http://testserver{map_url}"}

    def post(lane_id, year, quarter):
        version = Activity.objects.values_list("version", flat=True).get(pk=target.pk)
        response = client.post(
            reverse("activities:move", args=[target.pk]),
            {"version": version, "lane": lane_id, "year": year, "quarter": quarter},
            headers=current,
        )
        assert response.status_code == 200, response.content[:200]

    def between_cells():
        post(lane.pk, *next(quarters))

    def tray_and_back():
        post("", "", "")
        post(lane.pk, *next(quarters))

    t_move = best_of(between_cells, repeat)
    t_tray = best_of(tray_and_back, repeat) / 2
    note = "POST + changed cells and count"
    return [
        Row(
            "move between cells",
            f"{n}",
            ms(t_move),
            ms(t_admin) + " admin",
            ratio(t_move, t_admin),
            note,
        ),
        Row(
            "move to or from a tray",
            f"{n}",
            ms(t_tray),
            ms(t_move) + " cell move",
            ratio(t_tray, t_move),
            note + " + tray card",
        ),
    ]
