"""Load run: 20 clients for 60 s over two gunicorn instances that share one
PostgreSQL and one Redis (issue 15).

    .venv/bin/python benchmarks/load_two_servers.py [--clients 20] [--seconds 60]

It creates its own PostgreSQL database (POSTGRES_URL, default the local server)
and drops it afterwards; Redis keys carry a random prefix and are deleted.
Each client logs in as a planner on one instance (half on each) and repeats a
mix of what planners do: open the map of a 200-activity plan, open a card's
side panel, save the card, move it. Each client edits its own cards, so no
save meets a version conflict; any status >= 400 or exception is an error.
The run is bounded by time and by MAX_REQUESTS per client, and stops itself.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import re
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.servers import Browser, form_fields, gunicorns, manage, production_env  # noqa: E402

MIX = (("map", 40), ("panel", 30), ("save", 15), ("move", 15))
MAX_REQUESTS = 10_000
VERSION = r'id="activity-{pk}"[^>]*data-version="(\d+)"'


def prepare(database_url: str) -> dict:
    """Migrate, load the demo users, build the plan; returns what clients need."""
    os.environ.update({"DATABASE_URL": database_url, "DEBUG": "1"})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fardplan.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from benchmarks.bench_map import build_plan
    from tests.factories import planner

    call_command("migrate", verbosity=0)
    plan, activities = build_plan(200)
    placed = [a for a in activities if a.lane_id]
    planner(username="last", password="load-pass-123")
    return {
        "plan": plan.pk,
        "activities": [(a.pk, a.version) for a in placed],
        "lanes": list(plan.lanes.values_list("pk", flat=True)),
    }


def client(args: tuple) -> list[tuple[str, int, float]]:
    index, host, world, start_at, deadline, seed = args
    rng = random.Random(seed)
    browser = Browser(host)
    login = browser.login("last", "load-pass-123")
    if login.status != 302:
        raise RuntimeError(f"login on {host} answered {login.status}: {login.text[:300]}")
    # Log in and warm up before the clock starts: logins hash passwords on purpose.
    browser.get(f"/planer/{world['plan']}/")
    time.sleep(max(0.0, start_at - time.time()))
    mine = {pk: version for n, (pk, version) in enumerate(world["activities"]) if n % 20 == index}
    actions = [name for name, weight in MIX for _ in range(weight)]
    samples = []
    htmx = {"HX-Request": "true"}
    while time.time() < deadline and len(samples) < MAX_REQUESTS:
        action = rng.choice(actions)
        pk = rng.choice(list(mine))
        started = time.perf_counter()
        try:
            if action == "map":
                response = browser.get(f"/planer/{world['plan']}/")
            elif action == "panel":
                response = browser.get(f"/aktiviteter/{pk}/redigera/", **htmx)
            elif action == "save":
                form = browser.get(f"/aktiviteter/{pk}/redigera/", **htmx)
                fields = [(k, v) for k, v in form_fields(form.text) if k != "status_note"]
                fields.append(("status_note", f"Last {secrets.token_hex(3)}"))
                started = time.perf_counter()  # time the save, not the form it needed
                response = browser.post(f"/aktiviteter/{pk}/redigera/", fields, **htmx)
            else:
                data = {
                    "version": mine[pk],
                    "lane": rng.choice(world["lanes"]),
                    "year": rng.randint(2024, 2029),
                    "quarter": rng.randint(1, 4),
                }
                response = browser.post(f"/aktiviteter/{pk}/flytta/", data, **htmx)
            status = response.status
            found = re.search(VERSION.format(pk=pk), response.text)
            if found:
                mine[pk] = int(found.group(1))
            elif action == "move" and status < 400:
                # The next move needs the card's version; read it from the panel.
                panel = browser.get(f"/aktiviteter/{pk}/redigera/", **htmx).text
                mine[pk] = int(dict(form_fields(panel)).get("version", mine[pk]))
        except Exception:  # noqa: BLE001 - an exception is an error sample, not a crash
            status = 599
        samples.append((action, status, time.perf_counter() - started))
    return samples


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(samples: list[tuple[str, int, float]], seconds: float, clients: int) -> str:
    lines = [
        f"{clients} clients, {seconds:.0f} s, 2 gunicorn instances (2 workers × 4 threads each)",
        "",
        "| requests | rps | p50 | p95 | p99 | errors | p95/p50 |",
        "|---|---|---|---|---|---|---|",
    ]

    def row(name: str, subset: list) -> str:
        if not subset:
            return f"| {name}: 0 | – | – | – | – | – | – |"
        times = [t * 1000 for _, _, t in subset]
        errors = sum(1 for _, status, _ in subset if status >= 400)
        p50, p95, p99 = (percentile(times, p) for p in (50, 95, 99))
        return (
            f"| {name}: {len(subset)} | {len(subset) / seconds:.1f} | {p50:.0f} ms | "
            f"{p95:.0f} ms | {p99:.0f} ms | {errors} | {p95 / p50:.1f}× |"
        )

    lines.append(row("all", samples))
    for name, _ in MIX:
        lines.append(row(name, [s for s in samples if s[0] == name]))
    statuses = sorted({s for _, s, _ in samples if s >= 400})
    if statuses:
        lines.append(f"\nerror statuses: {statuses}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    import psycopg
    import redis

    server = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
    name = f"bench_load_{secrets.token_hex(4)}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    folder = Path(tempfile.mkdtemp(prefix="fardplan-load-"))
    env = production_env(
        database_url=f"{server}/{name}",
        redis_url=os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/0"),
        static_root=folder / "static",
        HOME=str(folder),
        MEDIA_ROOT=str(folder / "media"),
    )
    try:
        world = prepare(env["DATABASE_URL"])
        manage(env, "collectstatic", "--noinput")
        with gunicorns(env, count=2, log_dir=folder) as hosts:
            started = time.time() + 5 + args.clients
            deadline = started + args.seconds
            jobs = [(i, hosts[i % 2], world, started, deadline, i) for i in range(args.clients)]
            with multiprocessing.get_context("fork").Pool(args.clients) as pool:
                samples = [s for chunk in pool.map(client, jobs) for s in chunk]
            elapsed = time.time() - started
        print(report(samples, elapsed, args.clients))
        errors = sum(1 for _, status, _ in samples if status >= 400)
        return 1 if errors else 0
    finally:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        keys = redis.Redis.from_url(env["REDIS_URL"])
        for key in keys.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"):
            keys.delete(key)


if __name__ == "__main__":
    sys.exit(main())
