"""A new row's history record is written from its batch when the row first changes or
goes (`staffing.bulk`); the figures' keys rely on Django and the import lock."""

import datetime as dt

import pytest
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory

from staffing.admin import UnitAdmin
from staffing.bulk import history_reason, insert_rows, record_creations, update_rows
from staffing.models import Headcount, Leavers, ReportedTotal, Unit, UnitName
from tests.factories import UserFactory
from tests.staffing.factories import BaseUnitFactory, ImportBatchFactory, UnitFactory

pytestmark = pytest.mark.django_db
MARCH, APRIL = dt.date(2024, 3, 1), dt.date(2024, 4, 1)


def imported(values: dict[dt.date, int], filename="mars.xlsx", user=None):
    """Figures as an import writes them: by `insert_rows`, without history records."""
    batch = ImportBatchFactory(filename=filename, created_by=user)
    unit = UnitFactory()
    rows = [(unit.pk, period, value, batch.pk) for period, value in values.items()]
    insert_rows(Headcount, ["unit_id", "period", "value", "batch_id"], rows)
    return batch, unit


def records(figure: Headcount) -> list[tuple]:
    return [
        (r.history_type, r.value, r.history_user_id, r.history_change_reason)
        for r in figure.history.order_by("history_date", "history_id")
    ]


def test_an_imported_row_has_no_record_until_it_changes():
    user = UserFactory()
    batch, unit = imported({MARCH: 10, APRIL: 11}, user=user)
    assert Headcount.history.count() == 0
    figure = Headcount.objects.get(period=MARCH)
    figure.value = 12
    figure.save()
    assert records(figure) == [("+", 10, user.pk, "Import av mars.xlsx"), ("~", 12, None, None)]
    assert figure.history.get(history_type="+").history_date == batch.created_at
    # the other figure is untouched and still has none
    assert Headcount.objects.get(period=APRIL).history.count() == 0


def test_a_deleted_row_keeps_its_first_value_and_its_end():
    batch, unit = imported({MARCH: 10})
    figure = Headcount.objects.get()
    figure.delete()
    assert [(r.history_type, r.value) for r in Headcount.history.order_by("history_id")] == [
        ("+", 10),
        ("-", 10),
    ]


def test_record_creations_writes_each_record_once_and_only_for_rows_without_one():
    imported({MARCH: 10, APRIL: 11})
    ids = list(Headcount.objects.values_list("pk", flat=True))
    record_creations(Headcount, ids[:1])
    record_creations(Headcount, ids)
    record_creations(Headcount, ids)
    assert sorted(Headcount.history.values_list("value", "history_type")) == [
        (10, "+"),
        (11, "+"),
    ]


def test_rows_of_two_batches_get_each_batchs_importer_and_file():
    anna, bo = UserFactory(username="anna"), UserFactory(username="bo")
    imported({MARCH: 10}, filename="a.xlsx", user=anna)
    imported({MARCH: 20}, filename="b.xlsx", user=bo)
    record_creations(Headcount, Headcount.objects.values_list("pk", flat=True))
    assert sorted(
        Headcount.history.values_list("value", "history_user__username", "history_change_reason")
    ) == [(10, "anna", "Import av a.xlsx"), (20, "bo", "Import av b.xlsx")]


def test_totals_and_leavers_get_their_record_the_same_way():
    batch = ImportBatchFactory(filename="t.xlsx")
    base = BaseUnitFactory()
    insert_rows(
        ReportedTotal,
        ["base_unit_id", "period", "value", "batch_id"],
        [(base.pk, MARCH, 400, batch.pk)],
    )
    insert_rows(
        Leavers,
        ["base_unit_id", "year", "column_label", "description", "total", "nurses", "batch_id"],
        [(base.pk, 2024, "2024", "Slutade", 18, 7, batch.pk)],
    )
    total, leavers = ReportedTotal.objects.get(), Leavers.objects.get()
    total.value, leavers.total = 401, 19
    total.save()
    leavers.save()
    assert [r.history_type for r in total.history.order_by("history_id")] == ["+", "~"]
    assert [(r.history_type, r.total) for r in leavers.history.order_by("history_id")] == [
        ("+", 18),
        ("~", 19),
    ]


def test_a_long_file_name_is_cut_to_the_reasons_column():
    reason = history_reason("x" * 200)
    assert len(reason) == 100 and reason.endswith("…") and reason.startswith("Import av xxx")


def test_deleting_a_unit_in_the_admin_takes_its_figures_with_it():
    # Figures have no database constraint on their unit: Django's cascade must do it.
    _batch, unit = imported({MARCH: 10, APRIL: 11})
    _other_batch, other = imported({MARCH: 5})
    UnitAdmin(Unit, admin.site).delete_model(RequestFactory().post("/"), unit)
    assert list(Headcount.objects.values_list("unit_id", "value")) == [(other.pk, 5)]


def test_the_admins_unit_delete_waits_for_a_running_import():
    """The delete holds the import's advisory lock until it commits: another session
    (an import) cannot take it meanwhile."""
    import psycopg

    from staffing.services import LOCK_KEY

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's advisory locks")
    _batch, unit = imported({MARCH: 10})
    settings = connection.settings_dict
    other = psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        dbname=settings["NAME"],
        autocommit=True,
    )
    taken = []
    original = Unit.delete

    def delete(self, *args, **kwargs):
        row = other.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY]).fetchone()
        taken.append(row[0])
        return original(self, *args, **kwargs)

    Unit.delete = delete
    try:
        UnitAdmin(Unit, admin.site).delete_model(RequestFactory().post("/"), unit)
    finally:
        Unit.delete = original
        other.close()
    assert taken == [False]


def test_figures_keys_have_no_database_constraint():
    """Each would be a per-row check at the import's COMMIT (see `Headcount.unit`)."""
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "staffing_headcount")
    assert [c["columns"] for c in found.values() if c["foreign_key"]] == []
    assert found["headcount_once_per_period"]["columns"] == ["unit_id", "period"]


def test_update_rows_sets_each_rows_own_values():
    first, second = UnitFactory(), UnitFactory()
    names = [
        UnitName.objects.create(unit=unit, name="A", first_period=MARCH, last_period=MARCH)
        for unit in (first, second)
    ]
    may = dt.date(2024, 5, 1)
    update_rows(
        UnitName,
        ["first_period", "last_period"],
        [(MARCH, APRIL, names[0].pk), (APRIL, may, names[1].pk)],
    )
    assert sorted(UnitName.objects.values_list("unit_id", "first_period", "last_period")) == [
        (first.pk, MARCH, APRIL),
        (second.pk, APRIL, may),
    ]
