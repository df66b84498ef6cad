"""A region-size base unit's dashboard against the admin changelist of the same units.

    .venv/bin/python benchmarks/staffing_dashboard.py [--postgres URL] [--units 2000]

One fresh process per database, on a database this script creates and drops
(a temporary SQLite file, or `bench_dashboard_<pid>` on the `--postgres` server).
It prints the dashboard's server time (median of 15 GETs through Django's test
client), its HTML size and query count, the same for the unit table's next page
and a search by htmx, and for `/admin/staffing/unit/` filtered to the base unit
(the baseline), all in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 15


def child(units: int, months: int) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fardplan.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    call_command("migrate", verbosity=0)
    setup_test_environment()
    base = build(units, months)
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("bench", "b@example.org", "x"))
    dashboard = f"/bemanning/?basenhet={base}"
    htmx = {"HX-Request": "true"}
    pages = [
        ("dashboard", dashboard, {}),
        ("unit table, page 2 (htmx)", dashboard + "&tabell=enheter&enheter-sida=2", htmx),
        ("unit table, search (htmx)", dashboard + "&tabell=enheter&enheter-sok=Enhet 19", htmx),
        ("admin changelist", f"/admin/staffing/unit/?base_unit__id__exact={base}", {}),
    ]
    sizes = [len(client.get(url, headers=headers).content) for _n, url, headers in pages]
    queries = [
        count_queries(lambda u=url, h=headers: client.get(u, headers=h))
        for _n, url, headers in pages
    ]
    times: list[list[float]] = [[] for _p in pages]
    for _ in range(ROUNDS):  # interleaved, so a busy moment slows every page alike
        for i, (_name, url, headers) in enumerate(pages):
            start = time.perf_counter()
            client.get(url, headers=headers)
            times[i].append(time.perf_counter() - start)
    admin = statistics.median(times[-1])
    for (name, _url, _h), size, count, seconds in zip(pages, sizes, queries, times, strict=True):
        median = statistics.median(seconds)
        print(
            f"| {name} | {median * 1000:.0f} ms | {size / 1024:.0f} kB | {count} "
            f"| {median / admin:.2f}× |"
        )


def build(units: int, months: int) -> int:
    """One base unit of `units` units with `months` figures each; its id."""
    import datetime as dt

    from staffing.models import Administration, BaseUnit, Headcount, ImportBatch, Unit
    from staffing.services import period_sums_refresh

    region = Administration.objects.create(name="Regionen")
    base = BaseUnit.objects.create(name="P1 Regionen", administration=region)
    batch = ImportBatch.objects.create(filename="b.xlsx", sha256="c" * 64)
    made = Unit.objects.bulk_create(
        Unit(code=str(3_000_000 + i), name=f"Enhet {i}", base_unit=base) for i in range(units)
    )
    periods = [dt.date(2020 + m // 12, m % 12 + 1, 1) for m in range(months)]
    Headcount.objects.bulk_create(
        (
            Headcount(unit=u, period=p, value=(i * 7 + j) % 60 + 1, batch=batch)
            for i, u in enumerate(made)
            for j, p in enumerate(periods)
        ),
        batch_size=5_000,
    )
    period_sums_refresh(base_unit_ids=[base.pk])  # as the import does
    from django.db import connection

    with connection.cursor() as cursor:
        # Statistics, as autovacuum gathers them soon after a bulk load: without them
        # PostgreSQL plans for an empty table. The admin changelist reads the same tables.
        cursor.execute("ANALYZE")
    return base.pk


def count_queries(request) -> int:
    from django.db import connection

    seen: list[str] = []

    def note(run, sql, *args):
        seen.append(sql)
        return run(sql, *args)

    with connection.execute_wrapper(note):
        request()
    return len(seen)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--postgres", help="server URL, e.g. postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    if args.child:
        child(args.units, args.months)
        return
    targets = [("SQLite", None)] + ([("PostgreSQL", args.postgres)] if args.postgres else [])
    print(f"{args.units} units × {args.months} months in one base unit")
    print("| database | page | server time | HTML | queries | vs admin changelist |")
    print("|---|---|---|---|---|---|")
    for label, server in targets:
        folder = tempfile.mkdtemp()
        name = f"bench_dashboard_{os.getpid()}"
        if server:
            import psycopg

            admin = server.rstrip("/") + "/postgres"
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            url = server.rstrip("/") + "/" + name
        else:
            url = f"sqlite:///{folder}/bench.sqlite3"
        env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1", "MEDIA_ROOT": folder}
        env["ALLOWED_HOSTS"] = "testserver"
        try:
            out = subprocess.run(
                [sys.executable, __file__, "--child", "--units", str(args.units)]
                + ["--months", str(args.months)],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            for line in out.splitlines():
                print(f"| {label} " + line)
        finally:
            if server:
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
