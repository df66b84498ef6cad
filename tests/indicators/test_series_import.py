"""Importing indicator series: the web flow per role, all or nothing,
idempotent, and the management command."""

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from indicators.models import IndicatorValue
from tests.factories import PlanFactory, analyst, manager, planner
from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory
from tests.indicators.workbooks import RUB5_ROWS, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    plan = PlanFactory(name="Handlingsplan Nära vård 2023–2025")
    for name in ("Besökt akuten", "Åkt ambulans"):
        IndicatorFactory(plan=plan, name=name, unit_kind="share", period_kind="rolling12")
    IndicatorFactory(plan=plan, name="Genomsnittsålder, RUB-nivå 5", unit_kind="average",
                     period_kind="rolling12")  # fmt: skip
    return plan


def upload(client, plan, data, name="rub5.xlsx"):
    url = reverse("indicators:series_upload", args=[plan.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=True)


def values(plan):
    return sorted(
        (v.indicator.name, v.year, v.number, v.value, v.count)
        for v in IndicatorValue.objects.filter(indicator__plan=plan).select_related("indicator")
    )


EXPECTED = [
    ("Besökt akuten", 2023, 3, D(64), D(3460)),
    ("Genomsnittsålder, RUB-nivå 5", 2023, 3, D("73.69"), None),
    ("Åkt ambulans", 2023, 3, D(37), D(1971)),
]


def test_planner_previews_then_imports_and_a_second_import_changes_nothing(client, plan):
    client.force_login(planner())
    data = workbook(RUB5_ROWS, percent_cells=["C3"])
    page = upload(client, plan, data)
    html = page.content.decode()
    assert page.status_code == 200 and "3 nya värden, 0 ändrade, 0 oförändrade." in html
    assert "RUB5!B2" in html and values(plan) == []
    response = client.post(page.redirect_chain[-1][0], follow=True)
    assert "3 nya värden" in response.content.decode()
    assert values(plan) == EXPECTED
    page = upload(client, plan, data)
    assert "0 nya värden, 0 ändrade, 3 oförändrade." in page.content.decode()
    client.post(page.redirect_chain[-1][0])
    assert values(plan) == EXPECTED


def test_a_changed_value_is_shown_before_and_after_and_keeps_the_note(client, plan):
    old = IndicatorValueFactory(
        indicator=plan.indicators.get(name="Besökt akuten"),
        year=2023, number=3, value=60, count=3400, note="Källa: RUB",
    )  # fmt: skip
    client.force_login(planner())
    page = upload(client, plan, workbook(RUB5_ROWS, percent_cells=["C3"]))
    assert "2 nya värden, 1 ändrade, 0 oförändrade." in page.content.decode()
    client.post(page.redirect_chain[-1][0])
    old.refresh_from_db()
    assert (old.value, old.count, old.note) == (D(64), D(3460), "Källa: RUB")


def test_a_file_with_refusals_imports_nothing(client, plan):
    client.force_login(planner())
    rows = [*RUB5_ROWS, ["Okänd", "1", "2%"]]
    page = upload(client, plan, workbook(rows, percent_cells=["C3"]))
    html = page.content.decode()
    assert page.status_code == 422
    assert "RUB5!A5: ”Okänd” är ingen indikator i planen." in html
    assert client.post(page.redirect_chain[-1][0]).status_code == 422
    assert values(plan) == []


def test_not_a_workbook_is_refused_by_name(client, plan):
    client.force_login(planner())
    page = upload(client, plan, "Mått;2024\nx;1\n".encode(), name="rub5.csv")
    assert page.status_code == 422
    assert "Inget har sparats" in page.content.decode()
    assert values(plan) == []


@pytest.mark.parametrize("role", [manager, analyst])
def test_only_planners_import(client, plan, role):
    client.force_login(role())
    assert client.get(reverse("indicators:series_upload", args=[plan.pk])).status_code == 403
    response = upload(client, plan, workbook(RUB5_ROWS))
    assert response.status_code == 403 and values(plan) == []


def test_someone_elses_upload_is_not_found(client, plan):
    client.force_login(planner())
    page = upload(client, plan, workbook(RUB5_ROWS, percent_cells=["C3"]))
    url = page.redirect_chain[-1][0]
    client.force_login(planner(username="annan"))
    response = client.post(url)
    assert response.status_code == 404
    assert "Det finns ingen uppladdad fil att granska här" in response.content.decode()
    assert values(plan) == []


def test_command_dry_run_then_import(plan, tmp_path):
    path = tmp_path / "rub5.xlsx"
    path.write_bytes(workbook(RUB5_ROWS, percent_cells=["C3"]))
    out = io.StringIO()
    call_command("import_indicators", plan.name, str(path), "--dry-run", stdout=out)
    assert "Provkörning" in out.getvalue() and values(plan) == []
    call_command("import_indicators", str(plan.pk), str(path), stdout=out)
    assert "3 nya värden, 0 ändrade, 0 oförändrade." in out.getvalue()
    assert values(plan) == EXPECTED


def test_command_names_the_cells_and_saves_nothing(plan, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(workbook([["Mått", "R12 2023-03"], ["Åkt ambulans", "x"]]))
    with pytest.raises(CommandError, match=r"RUB5!B2: ”x” är inte ett tal\."):
        call_command("import_indicators", plan.name, str(path))
    assert values(plan) == []
