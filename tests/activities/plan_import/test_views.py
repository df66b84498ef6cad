"""The import flow over HTTP: upload → preview → confirm, and who may use it."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities.models import Activity
from activities.plan_import import services
from core.models import PendingImport
from roadmap.models import Plan
from tests.activities.plan_import.test_parser import HEADER, SHARED, xlsx
from tests.factories import PlanFactory, UserFactory, analyst, manager, planner

pytestmark = pytest.mark.django_db

START = reverse("activities:plan_import")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client, data: bytes, name="plan.xlsx", plan=None):
    payload = {"file": SimpleUploadedFile(name, data, content_type=XLSX)}
    if plan is not None:
        payload["plan"] = plan.pk
    return client.post(START, payload)


def preview_url(data: bytes) -> str:
    return reverse("activities:plan_import_preview", args=[hashlib.sha256(data).hexdigest()])


@pytest.fixture
def planner_client(client):
    client.force_login(planner())
    return client


@pytest.mark.parametrize("make_user", [manager, analyst, UserFactory])
def test_everyone_but_planners_gets_403_on_every_import_url(client, make_user):
    client.force_login(make_user())
    digest = "a" * 64
    for url in (
        START,
        reverse("activities:plan_import_preview", args=[digest]),
        reverse("activities:plan_import_cancel", args=[digest]),
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url


def test_superusers_may_import(client):
    client.force_login(UserFactory(is_superuser=True))
    assert client.get(START).status_code == 200


def test_the_upload_page_is_labelled(planner_client):
    html = planner_client.get(START).content.decode()
    assert '<label for="id_file">Arbetsbok (.xlsx)</label>' in html
    assert '<label for="id_plan">Plan</label>' in html
    assert "Ny plan från arbetsbokens rubrik" in html


def test_the_shared_workbook_into_a_new_plan(planner_client, settings):
    data = SHARED.read_bytes()
    response = upload(planner_client, data, name=SHARED.name)
    assert response.status_code == 302
    assert response["Location"] == preview_url(data)
    assert Plan.objects.count() == 0  # nothing yet

    html = planner_client.get(response["Location"]).content.decode()
    assert "19 aktiviteter under 11 rubriker" in html
    assert "19 nya, 0 finns redan" in html
    assert '<th scope="rowgroup" colspan="8">Innehåll och målområden</th>' in html
    assert "<caption" in html and 'scope="col"' in html
    assert 'value="Aktivitetsplan Samsjukvården Södra Älvsborg 2023"' in html
    assert 'name="first_year" value="2022"' in html
    assert "Styrgrupp närvård Södra Älvsborg" in html
    assert "2022 Q4" in html and "Februari- mars 2023" in html
    assert "Importera 19 aktiviteter" in html

    response = planner_client.post(
        response["Location"],
        {
            "name": "Samsjukvården 2023",
            "organisation": "Närvårdssamverkan",
            "first_year": 2022,
            "last_year": 2023,
            "lane": "0",
            "owner_level": "",
        },
    )
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert plan.name == "Samsjukvården 2023" and plan.decided_by.startswith("Styrgrupp")
    assert plan.activities.count() == 19
    assert plan.activities.filter(lane=plan.lanes.first()).count() == 19
    assert PendingImport.objects.count() == 0

    map_html = planner_client.get(response["Location"]).content.decode()
    assert "19 aktiviteter importerades" in map_html
    assert map_html.count('<article class="card') >= 19
    assert "Innehåll och målområden" in map_html  # the heading on the cards
    # Confirming twice does nothing: the upload is gone.
    again = planner_client.post(
        preview_url(data), {"name": "x", "first_year": 2022, "last_year": 2023}
    )
    assert again.status_code == 404
    assert Activity.objects.count() == 19


def test_into_an_existing_plan_choosing_lane_and_owner_level(planner_client):
    plan = PlanFactory(first_year=2022, last_year=2024)
    lane, level = plan.lanes.all()[2], plan.owner_levels.all()[1]
    data = SHARED.read_bytes()
    url = upload(planner_client, data, plan=plan)["Location"]
    html = planner_client.get(url).content.decode()
    assert f'<option value="{plan.lanes.first().pk}" selected>' in html  # first lane by default
    assert "Ingen nivå ännu" in html
    response = planner_client.post(url, {"lane": lane.pk, "owner_level": level.pk})
    assert response["Location"] == plan.get_absolute_url()
    assert plan.activities.filter(lane=lane, owner_level=level).count() == 19

    # The same file again: previewed as already there, imports nothing.
    url = upload(planner_client, data, plan=plan)["Location"]
    assert "0 nya, 19 finns redan" in planner_client.get(url).content.decode()
    planner_client.post(url, {"lane": lane.pk})
    assert plan.activities.count() == 19


def test_a_lane_of_another_plan_is_not_a_choice(planner_client):
    plan = PlanFactory()
    url = upload(planner_client, SHARED.read_bytes(), plan=plan)["Location"]
    response = planner_client.post(url, {"lane": PlanFactory().lanes.first().pk})
    assert response.status_code == 200
    assert "Välj ett av alternativen i listan." in response.content.decode()
    assert Activity.objects.count() == 0


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"VAD;HUR\nA;B\n", "inte en Excel-arbetsbok"),
        (b"", "tom"),
        (xlsx(["Ingen tabell här"]), "Hittade ingen aktivitetstabell"),
    ],
)
def test_a_refused_file_is_explained_on_the_upload_form(planner_client, data, words, settings):
    response = upload(planner_client, data, name="fel.xlsx")
    assert response.status_code == 200
    assert words in response.content.decode()
    assert Plan.objects.count() == 0
    assert PendingImport.objects.count() == 0


def test_an_oversized_upload_is_refused_before_reading(planner_client, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1024
    response = upload(planner_client, SHARED.read_bytes())
    assert "största tillåtna storlek" in response.content.decode()


def test_warnings_name_sheet_and_cell_in_the_preview(planner_client):
    data = xlsx(
        ["Plan 2024"],
        ["Rubrik"],
        HEADER,
        [None, "utan vad", "Q1 2024", ""],
        ["Oklar", "", "Snart", "Q2 2024"],
    )
    html = planner_client.get(upload(planner_client, data)["Location"]).content.decode()
    assert "<code>Aktiviteter!A4</code>: VAD är tomt; raden hoppas över." in html
    assert "<code>Aktiviteter!C5</code>: NÄR ”Snart” kan inte läsas" in html
    assert "oplacerad" in html


def test_someone_elses_upload_is_not_found(client, planner_client):
    data = SHARED.read_bytes()
    url = upload(planner_client, data)["Location"]
    client.logout()
    client.force_login(planner(username="annan"))
    page = client.get(url)
    assert page.status_code == 404
    assert "Det finns ingen uppladdad fil att granska här; ladda upp den igen." in page.text
    assert f'href="{START}"' in page.text
    assert client.post(url, {"name": "x", "first_year": 2022, "last_year": 2023}).status_code == 404
    assert Plan.objects.count() == 0


def test_a_tampered_upload_is_refused_at_confirm_and_nothing_is_written(planner_client):
    plan = PlanFactory(first_year=2022, last_year=2024)
    url = upload(planner_client, SHARED.read_bytes(), name="delad.xlsx", plan=plan)["Location"]
    PendingImport.objects.update(data=xlsx(["Plan"], HEADER, ["Annat", "", "Q1 2023", ""]))
    response = planner_client.post(url, {"lane": plan.lanes.first().pk}, follow=True)
    assert response.redirect_chain == [(START, 302)]
    assert (
        "Den uppladdade filen ”delad.xlsx” stämmer inte längre med sin kontrollsumma"
    ) in response.content.decode()
    assert Activity.objects.count() == 0 and Plan.objects.count() == 1
    assert PendingImport.objects.count() == 0


def test_an_upload_for_a_plan_deleted_meanwhile_starts_again(planner_client):
    plan = PlanFactory(first_year=2022, last_year=2024)
    url = upload(planner_client, SHARED.read_bytes(), plan=plan)["Location"]
    plan.delete()
    response = planner_client.get(url, follow=True)
    assert response.redirect_chain == [(START, 302)]
    assert "Uppladdningen eller planen finns inte längre; börja om." in response.content.decode()
    assert PendingImport.objects.count() == 0


def test_cancel_forgets_the_upload(planner_client, settings):
    data = SHARED.read_bytes()
    url = upload(planner_client, data)["Location"]
    digest = hashlib.sha256(data).hexdigest()
    response = planner_client.post(reverse("activities:plan_import_cancel", args=[digest]))
    assert response["Location"] == START
    assert planner_client.get(url).status_code == 404
    assert PendingImport.objects.count() == 0


def test_a_new_plan_with_bad_years_shows_the_form_again(planner_client):
    url = upload(planner_client, SHARED.read_bytes())["Location"]
    response = planner_client.post(
        url, {"name": "P", "first_year": 2023, "last_year": 2022, "lane": "0"}
    )
    assert "Sista år kan inte ligga före första år." in response.content.decode()
    assert Plan.objects.count() == 0


def test_an_htmx_request_gets_only_the_preview(planner_client):
    url = upload(planner_client, SHARED.read_bytes())["Location"]
    html = planner_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert html.lstrip().startswith('<section id="import-preview"')


def test_planners_see_links_to_the_import(planner_client, client):
    plan = PlanFactory()
    assert START in planner_client.get(reverse("roadmap:plan_list")).content.decode()
    map_html = planner_client.get(plan.get_absolute_url()).content.decode()
    assert f"{START}?plan={plan.pk}" in map_html
    html = planner_client.get(f"{START}?plan={plan.pk}").content.decode()
    assert f'<option value="{plan.pk}" selected>' in html
    client.force_login(manager(username="chef"))
    assert START not in client.get(reverse("roadmap:plan_list")).content.decode()


def test_the_map_filters_by_heading():
    plan = PlanFactory(first_year=2022, last_year=2023)
    services.activity_plan_import(
        plan=plan,
        parsed=services.activity_plan_read(data=SHARED.read_bytes()),
        lane=plan.lanes.first(),
        owner_level=None,
    )
    from planmap.map_filters import MapFilterForm
    from planmap.strategic_map import build_map

    form = MapFilterForm({"heading": "Anpassningar"}, plan=plan)
    assert len(form.fields["heading"].choices) == 12  # "Alla rubriker" and 11 headings
    strategic_map = build_map(plan, form)
    assert strategic_map.shown == 2 and strategic_map.total == 19
    assert MapFilterForm({"heading": "Finns inte"}, plan=plan).is_valid() is False
    assert "heading" not in MapFilterForm(plan=PlanFactory()).fields
