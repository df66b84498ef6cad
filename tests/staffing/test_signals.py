"""The per-period sums (PeriodSum) follow every write of figures, whoever makes it."""

import datetime as dt

import pytest
from django.contrib import admin
from django.db.models import Count, Sum
from django.test import RequestFactory

from staffing.admin import HeadcountAdmin, UnitAdmin
from staffing.models import Headcount, PeriodSum, Unit
from tests.staffing.factories import BaseUnitFactory, HeadcountFactory, UnitFactory

pytestmark = pytest.mark.django_db
MARCH, APRIL = dt.date(2024, 3, 1), dt.date(2024, 4, 1)


def sums() -> dict:
    return {
        (s.base_unit.name, s.period): (s.value, s.units)
        for s in PeriodSum.objects.select_related("base_unit")
    }


def recomputed() -> dict:
    rows = (
        Headcount.objects.order_by()
        .values_list("unit__base_unit__name", "period")
        .annotate(total=Sum("value"), n=Count("id"))
    )
    return {(name, period): (total, n) for name, period, total, n in rows}


def test_a_saved_figure_updates_its_base_units_sums():
    unit = UnitFactory(base_unit__name="P1")
    figure = HeadcountFactory(unit=unit, period=MARCH, value=10)
    HeadcountFactory(unit=UnitFactory(base_unit=unit.base_unit), period=MARCH, value=5)
    assert sums() == {("P1", MARCH): (15, 2)}
    figure.period, figure.value = APRIL, 7  # an edit may move it to another period
    figure.save()
    assert sums() == {("P1", MARCH): (5, 1), ("P1", APRIL): (7, 1)} == recomputed()


def test_a_moved_unit_takes_its_figures_to_the_other_base_unit():
    unit = UnitFactory(base_unit__name="P1")
    HeadcountFactory(unit=unit, period=MARCH, value=10)
    HeadcountFactory(unit=UnitFactory(base_unit=unit.base_unit), period=MARCH, value=5)
    unit.move_to(BaseUnitFactory(name="P2"))
    assert sums() == {("P1", MARCH): (5, 1), ("P2", MARCH): (10, 1)} == recomputed()


def test_the_admins_deletes_refresh_the_sums():
    request = RequestFactory().post("/")
    first = HeadcountFactory(unit__base_unit__name="P1", period=MARCH, value=10)
    HeadcountFactory(unit=first.unit, period=APRIL, value=4)
    other = HeadcountFactory(unit__base_unit=first.unit.base_unit, period=MARCH, value=3)
    HeadcountAdmin(Headcount, admin.site).delete_model(request, first)
    assert sums() == {("P1", MARCH): (3, 1), ("P1", APRIL): (4, 1)} == recomputed()
    UnitAdmin(Unit, admin.site).delete_queryset(request, Unit.objects.filter(pk=other.unit_id))
    assert sums() == {("P1", APRIL): (4, 1)} == recomputed()
    HeadcountAdmin(Headcount, admin.site).delete_queryset(request, Headcount.objects.all())
    assert sums() == {} == recomputed()
