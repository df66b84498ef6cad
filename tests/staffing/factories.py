import datetime as dt

import factory
from django.core.files.base import ContentFile

from staffing.models import (
    Administration,
    BaseUnit,
    Headcount,
    ImportBatch,
    Leavers,
    ReportedTotal,
    Unit,
)


class AdministrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Administration
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Förvaltning {n}")


class BaseUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BaseUnit
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"P{n} Basenhet")
    administration = factory.SubFactory(AdministrationFactory)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{1900000 + n}")
    name = factory.Sequence(lambda n: f"Enhet {n}")
    base_unit = factory.SubFactory(BaseUnitFactory)


class ImportBatchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportBatch

    filename = "personal.xlsx"
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    file = factory.LazyFunction(lambda: ContentFile(b"PK", name="personal.xlsx"))


class HeadcountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Headcount

    unit = factory.SubFactory(UnitFactory)
    period = dt.date(2024, 3, 1)
    value = 10
    batch = factory.SubFactory(ImportBatchFactory)


class ReportedTotalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportedTotal

    base_unit = factory.SubFactory(BaseUnitFactory)
    period = dt.date(2024, 3, 1)
    value = 10
    batch = factory.SubFactory(ImportBatchFactory)


class LeaversFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leavers

    base_unit = factory.SubFactory(BaseUnitFactory)
    year = 2024
    column_label = "2024"
    description = "Antal som har slutat (varav ssk)"
    total = 10
    nurses = 5
    batch = factory.SubFactory(ImportBatchFactory)
