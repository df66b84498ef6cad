"""The database a benchmark run makes for itself and drops afterwards.

A run never uses the database DATABASE_URL names: on PostgreSQL it creates
`bench_<name>_<token>` on the same server and drops it at the end; on SQLite
it uses a new file in a scratch folder. Code that deletes data calls
`require_own_database()` first, so it cannot run against anything else.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

OWN_DATABASE = "FARDPLAN_BENCH_DATABASE"  # the NAME of the database this run made


def own_database_url(url: str | None, scratch: str, token: str) -> str:
    """The URL of the database the run makes: never the one `url` names."""
    if not url or url.startswith("sqlite"):
        return f"sqlite:///{scratch}/bench.sqlite3"
    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "fardplan"
    return urlunsplit(parts._replace(path=f"/bench_{name}_{token}"))


def _server(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True)


def _name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


@contextlib.contextmanager
def own_database(url: str | None) -> Iterator[str]:
    """Creates the run's database, yields its URL, and drops it afterwards."""
    scratch = tempfile.mkdtemp(prefix="fardplan-bench-")
    bench_url = own_database_url(url, scratch, secrets.token_hex(3))
    postgres = bench_url.startswith("postgres")
    if postgres:
        with _server(bench_url) as conn:
            conn.execute(f'CREATE DATABASE "{_name(bench_url)}"')
    os.environ[OWN_DATABASE] = _name(bench_url) if postgres else f"{scratch}/bench.sqlite3"
    try:
        yield bench_url
    finally:
        os.environ.pop(OWN_DATABASE, None)
        if postgres:
            from django.db import connections

            connections.close_all()
            with _server(bench_url) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{_name(bench_url)}" WITH (FORCE)')


def require_own_database() -> None:
    """Raises unless Django is connected to the database this run made."""
    from django.db import connection

    mine = os.environ.get(OWN_DATABASE)
    if not mine or str(connection.settings_dict["NAME"]) != mine:
        raise RuntimeError(
            f"Benchmarks delete data only in the database they made ({mine or 'none'}), "
            f"not in {connection.settings_dict['NAME']}."
        )
