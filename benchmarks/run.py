"""Run every benchmark and print one table.

    .venv/bin/python benchmarks/run.py [--quick]

Each module `benchmarks/bench_*.py` defines `run(quick: bool) -> list[Row]`.
Benchmarks build their own data in a database the run creates and drops
(`benchmarks/database.py`: a scratch SQLite file, or `bench_<name>_<token>` on
the PostgreSQL server DATABASE_URL names; never that database itself) and
compare against a baseline measured in the same run, so the ratios mean
something on a noisy machine.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database_url: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fardplan.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    # The share view's rate limit uses the database cache when no Redis is named.
    call_command("createcachetable", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("only", nargs="*", help="module names, e.g. bench_map")
    args = parser.parse_args()
    from benchmarks.database import own_database

    with own_database(os.environ.get("DATABASE_URL")) as url:
        setup_django(url)
        from benchmarks.common import print_table

        names = args.only or sorted(p.stem for p in Path(__file__).parent.glob("bench_*.py"))
        rows = []
        for name in names:
            module = importlib.import_module(f"benchmarks.{name}")
            rows.extend(module.run(quick=args.quick))
    print_table(rows)


if __name__ == "__main__":
    main()
