"""A benchmark run makes its own database and never touches another."""

from pathlib import Path

import psycopg
import pytest

from benchmarks import bench_staffing
from benchmarks.database import own_database, own_database_url
from staffing.models import Administration
from tests.staffing.factories import AdministrationFactory

SERVER = "postgres://postgres@127.0.0.1:5432"


def test_the_url_is_never_the_one_given():
    assert (
        own_database_url("postgres://u:p@db.example:5433/fardplan_x", "/tmp/s", "ab12")
        == "postgres://u:p@db.example:5433/bench_fardplan_x_ab12"
    )
    assert own_database_url("sqlite:////srv/fardplan/db.sqlite3", "/tmp/s", "ab12") == (
        "sqlite:////tmp/s/bench.sqlite3"
    )
    assert own_database_url(None, "/tmp/s", "ab12") == "sqlite:////tmp/s/bench.sqlite3"


@pytest.mark.django_db
def test_the_staffing_clean_up_refuses_a_database_it_did_not_make():
    AdministrationFactory()
    with pytest.raises(RuntimeError, match="Benchmarks delete data only in the database"):
        bench_staffing.wipe()
    assert Administration.objects.count() == 1


def _databases() -> set[str]:
    with psycopg.connect(f"{SERVER}/postgres") as conn:
        return {r[0] for r in conn.execute("SELECT datname FROM pg_database")}


def test_a_postgresql_run_creates_and_drops_its_own_database():
    try:
        before = _databases()
    except psycopg.Error:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    with own_database(f"{SERVER}/fardplan_defects-review") as url:
        name = url.rsplit("/", 1)[1]
        assert name.startswith("bench_fardplan_defects-review_")
        assert _databases() == before | {name}
    assert _databases() == before


def test_a_sqlite_run_uses_a_scratch_file(tmp_path):
    given = tmp_path / "db.sqlite3"
    with own_database(f"sqlite:///{given}") as url:
        assert url != f"sqlite:///{given}"
        assert Path(url.removeprefix("sqlite:///")).name == "bench.sqlite3"
    assert not given.exists()
