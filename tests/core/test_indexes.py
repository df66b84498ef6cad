"""An index made on PostgreSQL only (`core.indexes.PostgreSQLIndex`)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def indexes(table: str) -> dict:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, table)


def test_the_headcounts_period_index_exists_on_postgresql_only():
    found = indexes("staffing_headcount")
    if connection.vendor == "postgresql":
        assert found["headcount_by_period"]["columns"] == ["period", "unit_id", "value"]
    else:
        assert "headcount_by_period" not in found


def test_elsewhere_its_migration_runs_only_a_comment():
    from core.indexes import PostgreSQLIndex
    from staffing.models import Headcount

    index = PostgreSQLIndex(fields=["period"], name="x_by_period")
    # Not entered (SQLite's cannot be inside a test's transaction), so nothing runs.
    editor = connection.schema_editor(collect_sql=True)
    editor.deferred_sql = []  # what entering would set up
    made = [str(index.create_sql(Headcount, editor)), str(index.remove_sql(Headcount, editor))]
    if connection.vendor == "postgresql":
        assert made == [
            'CREATE INDEX "x_by_period" ON "staffing_headcount" ("period")',
            'DROP INDEX IF EXISTS "x_by_period"',
        ]
    else:
        assert made == ["-- x_by_period: an index on PostgreSQL only"] * 2
