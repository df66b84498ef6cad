"""The staffing import at region scale, as fresh processes, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/staffing_import.py [--quick] [--postgres URL] [--runs 5]

Every measurement is its own process; the table shows the median of `--runs`.
Each run gets a database this script creates (a temporary SQLite file, or a
`bench_staffing_<pid>` database on the PostgreSQL server `--postgres` names)
and drops afterwards: it never touches a database it did not create.

- openpyxl read: openpyxl read-only iterating over every cell of the file (the baseline)
- import: `import_staffing` of the 2,000 × 60 export into an empty database, with what
  the figures' history needs (each figure's batch; `staffing.bulk` writes a figure's
  "+" record from it when the figure first changes)
- re-import: the same file again (answered by its hash, before parsing)
- next month: then the export a month later (the same figures and one month more),
  what an analyst imports every month
- start-up: `import_staffing --help` (the command's start-up alone)
Times are the operation inside the process; peak RSS is the process's (`os.wait4`).
Times are medians; the ratios are the medians of each run's own ratio (its openpyxl
read and its start-up are measured beside its import).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def child(mode: str, path: str) -> None:
    """Runs one measurement in this (fresh) process and prints its seconds as JSON."""
    sys.path.insert(0, str(ROOT))
    if mode == "openpyxl":
        import io

        from openpyxl import load_workbook

        start = time.perf_counter()
        wb = load_workbook(io.BytesIO(Path(path).read_bytes()), read_only=True, data_only=True)
        cells = sum(len(r) for ws in wb.worksheets for r in ws.iter_rows(values_only=True))
        print(json.dumps({"seconds": time.perf_counter() - start, "cells": cells}))
        return
    start = time.perf_counter()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fardplan.settings")
    import django

    django.setup()
    from django.core.management import call_command

    args = ["--help"] if mode == "startup" else [path]
    op = time.perf_counter()
    with (
        open(os.devnull, "w") as devnull,
        contextlib.redirect_stdout(devnull),
        contextlib.redirect_stderr(devnull),
        contextlib.suppress(SystemExit),  # --help exits
    ):
        call_command("import_staffing", *args, stdout=devnull, stderr=devnull)
    end = time.perf_counter()
    print(json.dumps({"seconds": end - op, "process": end - start}))


def spawn(mode: str, path: str, env: dict) -> dict:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [PYTHON, __file__, "--child", mode, path], env=env, stdout=subprocess.PIPE, cwd=ROOT
    )
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    if status:
        raise SystemExit(f"{mode} failed ({status})")
    result = json.loads(out.splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    result["rss_mb"] = usage.ru_maxrss / 1024  # Linux: kilobytes
    return result


class Database:
    """A database made for one run and dropped after it."""

    def __init__(self, postgres: str | None):
        self.postgres = postgres
        self.name = f"bench_staffing_{os.getpid()}_{time.monotonic_ns() % 10**6}"
        self.folder = tempfile.mkdtemp()

    def __enter__(self) -> str:
        if self.postgres:
            self._admin(f'CREATE DATABASE "{self.name}"')
            url = self.postgres.rstrip("/") + "/" + self.name
        else:
            url = f"sqlite:///{self.folder}/bench.sqlite3"
        env = self.env(url)
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        return url

    def env(self, url: str) -> dict:
        return {
            **os.environ,
            "DATABASE_URL": url,
            "DEBUG": "1",
            "MEDIA_ROOT": self.folder + "/media",
            "IMPORT_MAX_UPLOAD_BYTES": str(50 * 2**20),
        }

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.postgres.rstrip("/") + "/postgres", autocommit=True) as conn:
            conn.execute(sql)

    def __exit__(self, *exc) -> None:
        if self.postgres:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def measure(path: str, following: str, postgres: str | None, runs: int) -> dict[str, list[dict]]:
    results: dict[str, list[dict]] = {
        "openpyxl": [],
        "import": [],
        "reimport": [],
        "next": [],
        "startup": [],
    }
    for _ in range(runs):
        results["openpyxl"].append(spawn("openpyxl", path, dict(os.environ)))
        db = Database(postgres)
        with db as url:
            env = db.env(url)
            results["startup"].append(spawn("startup", path, env))
            results["import"].append(spawn("import", path, env))
            results["reimport"].append(spawn("reimport", path, env))
            results["next"].append(spawn("import", following, env))
    return results


def median(items: list[dict], key: str) -> float:
    return statistics.median(i[key] for i in items)


def median_ratio(items: list[dict], key: str, bases: list[dict], base_key: str) -> float:
    """The median of each run's own ratio: a run's measurements are taken minutes apart
    at most, while a shared machine's speed drifts over a whole benchmark."""
    return statistics.median(i[key] / b[base_key] for i, b in zip(items, bases, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres", help="server URL, e.g. postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    sys.path.insert(0, str(ROOT))
    from benchmarks.bench_staffing import build_workbook

    units, periods = (200, 12) if args.quick else (2_000, 60)
    data = build_workbook(units, periods)
    folder = Path(tempfile.mkdtemp())
    path, following = folder / "region.xlsx", folder / "region-next-month.xlsx"
    path.write_bytes(data)
    following.write_bytes(build_workbook(units, periods + 1))
    targets = [("SQLite", None)] + ([("PostgreSQL", args.postgres)] if args.postgres else [])
    print(f"{units} units × {periods} months, {len(data) / 2**20:.1f} MB, median of {args.runs}")
    print("| database | operation | time | peak RSS | vs openpyxl read | vs start-up |")
    print("|---|---|---|---|---|---|")
    for label, server in targets:
        r = measure(str(path), str(following), server, args.runs)
        rows = [
            ("openpyxl read-only read", "openpyxl", "seconds"),
            ("import_staffing (empty DB)", "import", "seconds"),
            ("re-import, same file (whole process)", "reimport", "process"),
            ("next month's export (one month more)", "next", "seconds"),
            ("start-up (`import_staffing --help`)", "startup", "process"),
        ]
        for name, key, field in rows:
            t = median(r[key], field)
            rss = median(r[key], "rss_mb")
            vs_read = median_ratio(r[key], field, r["openpyxl"], "seconds")
            vs_startup = median_ratio(r[key], field, r["startup"], "process")
            print(
                f"| {label} | {name} | {t:.2f} s | {rss:.0f} MB | {vs_read:.2f}× "
                f"| {vs_startup:.2f}× |"
            )


if __name__ == "__main__":
    main()
