import datetime as dt

import factory
from django.core.files.base import ContentFile

from staffing import models


class AdministrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Administration
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Förvaltning {n}")


class BaseUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.BaseUnit
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"P{n} Basenhet")
    administration = factory.SubFactory(AdministrationFactory)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Unit
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{1900000 + n}")
    name = factory.Sequence(lambda n: f"Enhet {n}")
    base_unit = factory.SubFactory(BaseUnitFactory)


class ImportBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ImportBatch

    filename = "personal.xlsx"
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    file = factory.LazyFunction(lambda: ContentFile(b"PK", name="personal.xlsx"))


class MonthFigureFactory(factory.django.DjangoModelFactory):
    """A month's figure from an import: 10 in March 2024 unless the test says otherwise."""

    class Meta:
        abstract = True

    period = dt.date(2024, 3, 1)
    value = 10
    batch = factory.SubFactory(ImportBatchFactory)


class HeadcountFactory(MonthFigureFactory):
    class Meta:
        model = models.Headcount

    unit = factory.SubFactory(UnitFactory)


class ReportedTotalFactory(MonthFigureFactory):
    class Meta:
        model = models.ReportedTotal

    base_unit = factory.SubFactory(BaseUnitFactory)


class LeaversFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Leavers

    base_unit = factory.SubFactory(BaseUnitFactory)
    year = 2024
    column_label = "2024"
    description = "Antal som har slutat (varav ssk)"
    total = 10
    nurses = 5
    batch = factory.SubFactory(ImportBatchFactory)


MONTHS_2024 = [dt.date(2024, m, 1) for m in range(1, 13)]


def region_base(name: str, units: int, *, first_code: int, administration=None, value=None):
    """A base unit of `units` units with a figure each month of 2024 (`value(i, month index)`,
    None for no figure), written in bulk and summed as the import does."""
    from staffing.services import period_sums_refresh

    value = value or (lambda i, j: i % 50 + 1 + j)
    base = models.BaseUnit.objects.create(name=name, administration=administration)
    batch, _new = models.ImportBatch.objects.get_or_create(filename="r.xlsx", sha256="b" * 64)
    made = models.Unit.objects.bulk_create(
        models.Unit(code=str(first_code + i), name=f"Enhet {i}", base_unit=base)
        for i in range(units)
    )
    models.Headcount.objects.bulk_create(
        models.Headcount(unit=u, period=p, value=value(i, j), batch=batch)
        for i, u in enumerate(made)
        for j, p in enumerate(MONTHS_2024)
        if value(i, j) is not None
    )
    period_sums_refresh(base_unit_ids=[base.pk])
    return base
