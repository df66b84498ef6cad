"""Migration 0003 sums the figures already imported into the new per-period sums."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("staffing", "0002_import_jobs")]
AFTER = [("staffing", "0003_period_sums")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_figures_are_summed_per_base_unit_and_period():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("staffing")
    old = migrate(BEFORE)
    try:
        base_unit = old.get_model("staffing", "BaseUnit")
        unit = old.get_model("staffing", "Unit")
        headcount = old.get_model("staffing", "Headcount")
        batch = old.get_model("staffing", "ImportBatch").objects.create(
            filename="a.xlsx", sha256="a" * 64
        )
        north, south = (base_unit.objects.create(name=n) for n in ("P1 Norr", "P2 Söder"))
        units = [
            unit.objects.create(code=str(1000 + i), name=f"E{i}", base_unit=b)
            for i, b in enumerate([north, north, south])
        ]
        march, april = dt.date(2024, 3, 1), dt.date(2024, 4, 1)
        for u, period, value in [
            (units[0], march, 10),
            (units[1], march, 5),
            (units[1], april, 6),
            (units[2], march, 7),
        ]:
            headcount.objects.create(unit=u, period=period, value=value, batch=batch)
        new = migrate(AFTER)
        sums = new.get_model("staffing", "PeriodSum").objects.order_by("base_unit__name", "period")
        assert list(sums.values_list("base_unit__name", "period", "value", "units")) == [
            ("P1 Norr", march, 15, 2),
            ("P1 Norr", april, 6, 1),
            ("P2 Söder", march, 7, 1),
        ]
    finally:
        migrate(latest)
