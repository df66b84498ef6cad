"""`manage.py demo` loads the red thread from seeds 001–003, once."""

from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.urls import reverse

from indicators.models import Indicator, IndicatorValue
from roadmap.models import Plan
from strategy.models import Principle, TargetArea, Vision
from tests.factories import manager

pytestmark = pytest.mark.django_db

RUB5 = {
    "Besökt akuten": ("64", "3460"),
    "Åkt ambulans": ("37", "1971"),
    "Har pågående hemsjukvård": ("23", "1219"),
    "Varit i kontakt med psykiatrin": ("11", "608"),
    "Varit i kontakt med rehabiliteringen": ("43", "2329"),
    "Haft återinläggning": ("14", "743"),
}


@pytest.fixture
def demo(capsys):
    call_command("demo")
    return capsys.readouterr().out


def test_kalmar_rub5_measures_with_counts_shares_and_rolling_period(demo):
    kalmar = Plan.objects.get(organisation="Region Kalmar län")
    for name, (share, count) in RUB5.items():
        value = IndicatorValue.objects.get(indicator__plan=kalmar, indicator__name=name)
        assert (value.value, value.count) == (D(share), D(count))
        assert value.indicator.unit_kind == "share"
        assert str(value.period) == "12 mån t.o.m. mar 2023"
        assert value.indicator.verdict.status == "no_target"
    population = Indicator.objects.get(plan=kalmar, name="Patienter på RUB-nivå 5")
    assert population.latest.value == D("5399")
    age = Indicator.objects.get(plan=kalmar, name="Genomsnittsålder, RUB-nivå 5")
    assert (age.latest.value, age.unit_kind) == (D("73.69"), "average")
    for name in (
        "Andel patienter (RUB 5) med SIP",
        "Andel patienter (RUB 5) utan fast läkarkontakt",
    ):
        assert Indicator.objects.get(plan=kalmar, name=name).values.count() == 0
    assert Vision.objects.get(plan=kalmar).text.startswith("När vi har nått målbilden")


def test_vastmanland_target_principles_and_areas(demo):
    plan = Plan.objects.get(name="Hälsa- och sjukvården 2029")
    doctors = Indicator.objects.get(plan=plan, name="Listade invånare per läkare")
    assert (doctors.final_target, doctors.direction) == (D("1100"), "lower")
    assert doctors.verdict.status == "no_value"
    assert list(doctors.goals.values_list("code", flat=True)) == ["Stad 3"]
    principles = Principle.objects.filter(plan=plan)
    assert list(principles.values_list("name", flat=True)) == [
        "Tillsammans", "Uppströms", "Nyskapande", "Behovsanpassat",
    ]  # fmt: skip
    assert principles.get(name="Uppströms").point_list == [
        "Förebygg oönskat utfall", "Främja hälsa", "Bevara funktion",
    ]  # fmt: skip
    assert TargetArea.objects.filter(plan=plan, kind="target").count() == 10
    assert set(
        TargetArea.objects.filter(plan=plan, kind="result").values_list("name", flat=True)
    ) == {"Medicinsk kvalitet", "Servicekvalitet", "Ekonomiskt utfall", "Kompetensförsörjning"}


def test_demo_twice_adds_nothing_and_keeps_edits(demo):
    edited = Indicator.objects.get(name="Besökt akuten")
    edited.definition = "Ändrad av en planerare"
    edited.save()
    counts = (
        Indicator.objects.count(), IndicatorValue.objects.count(),
        TargetArea.objects.count(), Principle.objects.count(), Vision.objects.count(),
    )  # fmt: skip
    call_command("demo")
    assert counts == (
        Indicator.objects.count(), IndicatorValue.objects.count(),
        TargetArea.objects.count(), Principle.objects.count(), Vision.objects.count(),
    ) == (11, 8, 14, 4, 2)  # fmt: skip
    assert Indicator.objects.get(name="Besökt akuten").definition == "Ändrad av en planerare"


def test_kalmar_indicator_page_shows_the_six_measures(demo, client):
    client.force_login(manager())
    kalmar = Plan.objects.get(organisation="Region Kalmar län")
    page = client.get(reverse("indicators:plan_indicators", args=[kalmar.pk])).content.decode()
    for name in RUB5:
        assert name in page
    for text in ("3\xa0460", "64\xa0%", "743", "14\xa0%", "5\xa0399", "73,69"):
        assert text in page
    assert page.count("12 mån t.o.m. mar 2023") == 8
    assert page.count("badge ind-no_target") == 10
