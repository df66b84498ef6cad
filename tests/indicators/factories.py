import factory

from indicators.models import Indicator, IndicatorTarget, IndicatorValue
from strategy.models import TargetArea
from tests.factories import PlanPartFactory


class IndicatorFactory(PlanPartFactory):
    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"Indikator {n}")
    period_kind = "year"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2024
    number = 0
    value = 10


class IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorTarget

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2025
    value = 100


class TargetAreaFactory(PlanPartFactory):
    class Meta:
        model = TargetArea

    name = factory.Sequence(lambda n: f"Målområde {n}")
