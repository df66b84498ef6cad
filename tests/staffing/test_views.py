import io

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from core.models import PendingImport
from staffing.models import BaseUnit, Headcount, ImportBatch
from tests.assets import loaded_from_elsewhere
from tests.factories import analyst, manager, planner
from tests.staffing import builders
from tests.staffing.builders import pivot_bytes, with_rows
from tests.staffing.factories import BaseUnitFactory, HeadcountFactory, UnitFactory

pytestmark = pytest.mark.django_db

UPLOAD = reverse("staffing:import_upload")
DASHBOARD = reverse("staffing:dashboard")


def snapshot(settings) -> dict:
    counts = {m.__name__: m.objects.count() for m in apps.get_app_config("staffing").get_models()}
    media = settings.MEDIA_ROOT
    counts["files"] = (
        sorted(str(p) for p in media.rglob("*") if p.is_file()) if media.exists() else []
    )
    return counts


def upload(client, data: bytes, name="personal.xlsx", headers=None, **fields):
    return client.post(
        UPLOAD, {"file": SimpleUploadedFile(name, data), **fields}, headers=headers or {}
    )


@pytest.fixture
def analyst_client(client):
    client.force_login(analyst(username="analytiker1"))
    return client


@pytest.mark.parametrize(
    ("url", "method"),
    [
        (DASHBOARD, "get"),
        (UPLOAD, "get"),
        (UPLOAD, "post"),
        (reverse("staffing:export", args=["antal"]), "get"),
        (reverse("staffing:batch_list"), "get"),
        (reverse("staffing:import_preview", args=["0" * 64]), "post"),
    ],
)
def test_planners_get_403_on_every_staffing_page(client, url, method):
    client.force_login(planner())
    assert getattr(client, method)(url).status_code == 403
    assert getattr(client, method)(url, headers={"HX-Request": "true"}).status_code == 403


def test_managers_read_dashboards_but_cannot_import(client):
    client.force_login(manager())
    assert client.get(DASHBOARD).status_code == 200
    assert client.get(UPLOAD).status_code == 403
    assert upload(client, pivot_bytes()).status_code == 403
    assert ImportBatch.objects.count() == 0


def test_anonymous_is_sent_to_login(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_nav_shows_staffing_only_to_readers(client):
    client.force_login(planner())
    assert DASHBOARD not in client.get(reverse("roadmap:plan_list")).text
    client.force_login(manager())
    assert DASHBOARD in client.get(reverse("roadmap:plan_list")).text


def test_upload_preview_confirm_and_dashboard(analyst_client, settings):
    before = snapshot(settings)
    response = upload(analyst_client, builders.SHARED.read_bytes())
    assert response.status_code == 302
    preview_url = response["Location"]
    page = analyst_client.get(preview_url).text
    assert "Granska importen av personal.xlsx" in page
    assert "Skrivfunktion Köping" in page and "Vårdadministrativa enheten Köping" in page
    assert "Blad1!C23: Totalsumma 415 för 2021-03 skiljer sig från summan av raderna, 408" in page
    assert "Bekräfta och importera" in page
    # The upload waits in the database, not in staffing's tables nor on this server's disk.
    assert snapshot(settings) == before
    assert PendingImport.objects.get().filename == "personal.xlsx"
    response = analyst_client.post(preview_url)
    base = BaseUnit.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{DASHBOARD}?basenhet={base.pk}"
    assert Headcount.objects.count() == 62
    dashboard = analyst_client.get(response["Location"]).text
    assert "Importen är klar: 70 nya och 0 ändrade siffror" in dashboard
    for shown in (
        "415",
        "408",
        "+7",
        "Varav sjuksköterskor",
        "50,0 %",
        "1722160 Vårdadministrativa enheten Köping (tidigare: Skrivfunktion Köping)",
    ):
        assert shown in dashboard
    assert 'src="/static/vendor/plotly.min.js"' in dashboard
    assert loaded_from_elsewhere(dashboard) == []
    # the pending copy is gone; the kept copy is the batch's
    assert PendingImport.objects.count() == 0
    assert [p.split("/media/")[1] for p in snapshot(settings)["files"]] == [
        ImportBatch.objects.get().file.name
    ]
    assert ImportBatch.objects.get().file.read() == builders.SHARED.read_bytes()


def test_htmx_upload_returns_the_preview_fragment_and_pushes_its_url(analyst_client):
    response = upload(analyst_client, pivot_bytes(), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="import-preview"')
    assert response["HX-Push-Url"].startswith("/bemanning/import/")
    confirm = analyst_client.post(response["HX-Push-Url"], headers={"HX-Request": "true"})
    assert confirm["HX-Redirect"].startswith(DASHBOARD)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            pivot_bytes(rows=with_rows({"1722115 Pool Köping": ["ca 40", 8, 7, 6]})),
            "Blad1!C8: &#x27;ca 40&#x27; är inte ett heltal",
        ),
        (
            pivot_bytes(rows=with_rows({"1722115 Pool Köping": [7, -3, 7, 6]})),
            "Blad1!D8: -3 är negativt",
        ),
        (b"Radetiketter;202103\n1722100 Akuten;62\n", "CSV"),
        (pivot_bytes()[:1500], "skadad"),
    ],
    ids=["word", "negative", "csv-renamed", "truncated"],
)
def test_a_refused_file_says_where_and_leaves_every_table_unchanged(
    analyst_client, settings, data, expected
):
    before = snapshot(settings)
    for headers in ({}, {"HX-Request": "true"}):
        response = upload(analyst_client, data, headers=headers)
        assert response.status_code == 200
        assert "Filen importerades inte" in response.text
        assert expected in response.text
    assert snapshot(settings) == before


def test_an_oversized_upload_is_refused_before_reading(analyst_client, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1000
    before = snapshot(settings)
    response = upload(analyst_client, pivot_bytes())
    assert "största tillåtna storlek är 0,0 MB" in response.text
    assert snapshot(settings) == before


def test_the_same_file_again_says_so_before_parsing_and_offers_no_import(
    analyst_client, monkeypatch
):
    data = pivot_bytes()
    analyst_client.post(upload(analyst_client, data)["Location"])
    batch = ImportBatch.objects.get()

    def not_parsed(*args, **kwargs):
        raise AssertionError("an imported file is answered by its hash, not parsed again")

    monkeypatch.setattr("staffing.import_views.parse_staffing_bytes", not_parsed)
    response = upload(analyst_client, data)
    assert response["Location"] == reverse("staffing:batch_detail", args=[batch.pk])
    page = analyst_client.get(response["Location"]).text
    assert "Filen var redan importerad" in page and "analytiker1" in page
    assert "Bekräfta och importera" not in page
    assert ImportBatch.objects.count() == 1


def test_a_newer_export_shows_the_changed_figure(analyst_client):
    analyst_client.post(upload(analyst_client, pivot_bytes())["Location"])
    rows = with_rows({"1722100 Akutmottagningen Köping": [62, 58, 58, 65]})
    url = upload(analyst_client, pivot_bytes(rows=rows))["Location"]
    page = analyst_client.get(url).text
    assert "1722100 Akutmottagningen Köping" in page and "2024-03" in page
    analyst_client.post(url)
    batch = ImportBatch.objects.first()
    detail = analyst_client.get(reverse("staffing:batch_detail", args=[batch.pk])).text
    assert "Ändrade siffror" in detail and ">62<" in detail and ">65<" in detail


def test_another_sessions_upload_cannot_be_confirmed(analyst_client, client):
    url = upload(analyst_client, pivot_bytes())["Location"]
    client.force_login(analyst(username="analytiker2"))
    response = client.post(url)
    assert response.status_code == 404
    assert "Det finns ingen uppladdad fil att granska här; ladda upp den igen." in response.text
    assert f'href="{UPLOAD}"' in response.text
    assert ImportBatch.objects.count() == 0
    assert client.post(url + "avbryt/").status_code == 404
    assert PendingImport.objects.count() == 1


def test_one_analysts_cancel_leaves_anothers_upload_of_the_same_file(analyst_client):
    data = pivot_bytes()
    url = upload(analyst_client, data)["Location"]
    client = Client()  # a second person in a browser of their own
    client.force_login(analyst(username="analytiker2"))
    assert upload(client, data)["Location"] == url
    assert PendingImport.objects.count() == 2
    assert client.post(url + "avbryt/").status_code == 302
    assert client.get(url).status_code == 404
    assert "Bekräfta och importera" in analyst_client.get(url).text
    analyst_client.post(url)
    assert Headcount.objects.count() == 62


def test_a_tampered_upload_is_refused_with_a_message_and_nothing_written(analyst_client, settings):
    url = upload(analyst_client, pivot_bytes(), name="ändrad.xlsx")["Location"]
    pending = PendingImport.objects.get()
    pending.data = pivot_bytes(totals=None)  # bytes that no longer match the digest
    pending.save()
    before = snapshot(settings)
    response = analyst_client.post(url, follow=True)
    assert response.redirect_chain == [(UPLOAD, 302)]
    assert (
        "Den uppladdade filen ”ändrad.xlsx” stämmer inte längre med sin kontrollsumma "
        "(SHA-256) och har tagits bort; ladda upp den igen."
    ) in response.text
    assert snapshot(settings) == before
    assert PendingImport.objects.count() == 0


def test_cancel_forgets_the_upload(analyst_client, settings):
    url = upload(analyst_client, pivot_bytes())["Location"]
    response = analyst_client.post(url + "avbryt/")
    assert response.status_code == 302
    assert analyst_client.get(url).status_code == 404
    assert PendingImport.objects.count() == 0
    assert snapshot(settings)["files"] == []


def test_dashboard_htmx_returns_the_fragment_and_filters(client):
    client.force_login(manager())
    first = UnitFactory(
        code="1000001", base_unit__name="Basenhet A", base_unit__administration__name="Förv A"
    )
    second = UnitFactory(
        code="2000001", base_unit__name="Basenhet B", base_unit__administration__name="Förv B"
    )
    HeadcountFactory(unit=first, value=11)
    HeadcountFactory(unit=second, value=22)
    response = client.get(
        DASHBOARD,
        {"forvaltning": second.base_unit.administration.pk},
        headers={"HX-Request": "true"},
    )
    assert response.text.lstrip().startswith('<div id="staffing-dashboard"')
    assert "Basenhet B" in response.text and "Basenhet A" not in response.text
    assert ">22<" in response.text


def test_units_are_selectable(client):
    client.force_login(manager())
    a = UnitFactory(code="1000001", name="Alfa")
    b = UnitFactory(code="1000002", name="Beta", base_unit=a.base_unit)
    HeadcountFactory(unit=a, value=5)
    HeadcountFactory(unit=b, value=7)
    page = client.get(DASHBOARD, {"basenhet": a.base_unit.pk, "enhet": [b.pk]}).text
    chart_table = page.split('id="table-diagram"')[1].split("</table>")[0]
    assert "1000002 Beta" in chart_table
    assert "1000001 Alfa" not in chart_table


def test_export_xlsx_has_the_numbers_and_neutralised_text(client):
    client.force_login(manager())
    base = BaseUnitFactory(name='=HYPERLINK("http://x")')
    unit = UnitFactory(code="1000001", name="Akuten", base_unit=base)
    HeadcountFactory(unit=unit, value=42)
    response = client.get(reverse("staffing:export", args=["antal"]), {"basenhet": base.pk})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == '=HYPERLINK("http://x")' and ws["A1"].data_type == "s"
    assert rows[3] == ("Enhet", "2024-03")
    assert rows[4] == ("1000001 Akuten", 42)
    assert (
        client.get(reverse("staffing:export", args=["nope"]), {"basenhet": base.pk}).status_code
        == 404
    )


def test_the_kept_file_is_downloadable_by_analysts_only(analyst_client, client):
    data = pivot_bytes()
    analyst_client.post(upload(analyst_client, data)["Location"])
    batch = ImportBatch.objects.get()
    url = reverse("staffing:batch_file", args=[batch.pk])
    assert b"".join(analyst_client.get(url).streaming_content) == data
    client.force_login(manager())
    assert client.get(url).status_code == 403
    assert client.get(reverse("staffing:batch_detail", args=[batch.pk])).status_code == 200


def test_empty_dashboard_invites_an_import(analyst_client):
    page = analyst_client.get(DASHBOARD).text
    assert "Det finns inga personalsiffror att visa än." in page
    assert UPLOAD in page


def test_abandoned_uploads_are_swept_after_a_day(analyst_client):
    import datetime as dt

    from django.utils import timezone

    upload(analyst_client, pivot_bytes())
    stale = PendingImport.objects.get()
    PendingImport.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    upload(analyst_client, pivot_bytes(totals=None))
    (kept,) = PendingImport.objects.all()
    assert kept.digest != stale.digest


def test_names_from_files_are_escaped_in_tables_and_figures(client):
    client.force_login(manager())
    unit = UnitFactory(code="1000001", name="<script>alert(1)</script>")
    HeadcountFactory(unit=unit, value=3)
    page = client.get(DASHBOARD, {"basenhet": unit.base_unit.pk}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
