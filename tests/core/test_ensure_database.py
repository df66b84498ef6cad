"""`manage.py ensure_database` (run by `./dev run`): a missing PostgreSQL
database is created; what stops that is one sentence, not a traceback."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = "postgres://postgres@127.0.0.1:5432"


def _server_up() -> bool:
    try:
        psycopg.connect(f"{SERVER}/postgres", connect_timeout=2).close()
        return True
    except psycopg.Error:
        return False


pytestmark = pytest.mark.skipif(not _server_up(), reason="no PostgreSQL on 127.0.0.1:5432")


def ensure(url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "manage.py", "ensure_database"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _drop(name: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_a_missing_database_is_created_once():
    name = f"fardplan_defects_ensure_{uuid.uuid4().hex[:8]}"
    try:
        first = ensure(f"{SERVER}/{name}")
        assert first.returncode == 0, first.stderr
        assert first.stdout == f"Skapade databasen ”{name}” på 127.0.0.1:5432.\n"
        psycopg.connect(f"{SERVER}/{name}").close()  # it exists
        again = ensure(f"{SERVER}/{name}")
        assert (again.returncode, again.stdout, again.stderr) == (0, "", "")
    finally:
        _drop(name)


def test_a_database_that_cannot_be_made_is_one_sentence_saying_how():
    name = f"fardplan_defects_ensure_{uuid.uuid4().hex[:8]}"
    result = ensure(f"postgres://nobody_{uuid.uuid4().hex[:6]}@127.0.0.1:5432/{name}")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("CommandError: Kunde inte ansluta till PostgreSQL på 127.0.0.1:5432")
    assert "Traceback" not in result.stderr


def test_sqlite_needs_nothing(tmp_path):
    result = ensure(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
