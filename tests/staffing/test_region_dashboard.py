"""Dashboards at region scale (issue 11, part 5): summary first, the unit table paged and
searched in the database by htmx, a fixed number of queries, names as text."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from staffing.models import Administration, Unit
from tests.factories import UserFactory, analyst, manager, planner
from tests.staffing.factories import region_base

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("staffing:dashboard")
HTMX = {"HX-Request": "true"}


def section(html: str, table_id: str) -> str:
    return html.split(f'id="{table_id}"')[1].split("</table>")[0]


def body_rows(html: str, table_id: str) -> list[str]:
    return re.findall(r"<tr[ >].*?</tr>", section(html, table_id).split("<tbody>")[1], re.S)


def figure(html: str, name: str) -> dict:
    found = re.search(rf'<script id="figure-{name}" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


@pytest.fixture
def region_2000(db):
    return region_base("P9 Regionen", 2000, first_code=2_000_000)


def count_queries(client, params: dict, headers=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD, params, headers=headers or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize(("role", "expected"), [(manager, 17), (analyst, 18)])
def test_the_dashboard_reads_in_the_same_queries_for_60_or_600_units(client, role, expected):
    client.force_login(role())
    small = region_base("P1 Liten", 60, first_code=1_000_000)
    large = region_base("P2 Stor", 600, first_code=1_100_000)
    counts = [count_queries(client, {"basenhet": b.pk}) for b in (small, large)]
    assert counts == [expected, expected]
    paged = [
        count_queries(client, {"basenhet": b.pk, "tabell": "enheter", "enheter-sida": 2}, HTMX)
        for b in (small, large)
    ]
    assert paged == [8, 8]
    # up to 50 units the chart's picker lists them all: one query more
    tiny = region_base("P3 Pytteliten", 5, first_code=1_800_000)
    assert count_queries(client, {"basenhet": tiny.pk}) == expected + 1


def test_2000_units_render_one_page_of_units_and_a_chart_of_eleven_lines(client, region_2000):
    client.force_login(manager())
    page = client.get(DASHBOARD, {"basenhet": region_2000.pk}).text
    assert len(page.encode()) <= 300_000
    units = body_rows(page, "table-enheter")
    assert len(units) == 51  # a page of 50 and the base unit's sum
    assert "2000000 Enhet 0" in units[0] and "Summa (alla enheter)" in units[-1]
    chart = figure(page, "diagram")
    assert [t["name"] for t in chart["data"]][:2] == ["Summa av alla enheter", "2000049 Enhet 49"]
    assert len(chart["data"]) == 11
    assert len(body_rows(page, "table-diagram")) == 11
    assert len(re.findall(r'name="enhet"', page)) == 10  # the picker offers the charted units
    assert "Visar enhet 1–50 av 2000" in page and "Sida 1 av 40" in page


def test_paging_and_search_by_htmx_return_only_the_unit_table(client, region_2000):
    client.force_login(manager())
    params = {"basenhet": region_2000.pk, "tabell": "enheter"}
    second = client.get(DASHBOARD, {**params, "enheter-sida": "2"}, headers=HTMX).text
    assert second.lstrip().startswith('<div id="unit-table"')
    assert "<html" not in second and 'id="staffing-summary"' not in second
    rows = body_rows(second, "table-enheter")
    assert len(rows) == 51
    assert "2000050 Enhet 50" in rows[0] and "2000099 Enhet 99" in rows[49]
    assert '<p id="unit-table-status" class="st-hint" role="status" hx-swap-oob="true">' in second
    assert "Visar enhet 51–100 av 2000" in second
    assert 'id="enheter-foregaende"' in second and 'id="enheter-nasta"' in second
    found = client.get(DASHBOARD, {**params, "enheter-sok": "2001999"}, headers=HTMX).text
    assert [r for r in body_rows(found, "table-enheter")] == [
        '<tr><th scope="row">2001999 Enhet 1999</th><td class="num">50</td>'
        '<td class="num">61</td><td class="num">+11</td><td class="num">+22,0 %</td></tr>'
    ]
    assert "1 enhet matchar ”2001999”" in found and 'id="enheter-nasta"' not in found
    last = client.get(DASHBOARD, {**params, "enheter-sida": "999"}, headers=HTMX).text
    assert "Visar enhet 1951–2000 av 2000" in last and 'id="enheter-nasta"' not in last
    # without htmx the same address is the whole page
    whole = client.get(DASHBOARD, {**params, "enheter-sida": "2"}).text
    assert 'id="staffing-summary"' in whole and "Visar enhet 51–100 av 2000" in whole


@pytest.fixture
def two_administrations(db):
    north = Administration.objects.create(name="Norra förvaltningen")
    south = Administration.objects.create(name="Södra förvaltningen")
    changes = {0: (10, 15), 1: (8, 3), 2: (None, 7), 3: (5, 5), 4: (20, 30)}

    def value(i, j):
        start, end = changes[i]
        return start if j == 0 else end

    base = region_base("P1 Norr", 5, first_code=1_000_000, administration=north, value=value)
    region_base("P2 Söder", 2, first_code=1_200_000, administration=south, value=lambda i, j: 4)
    return base


def test_summary_tables_and_largest_changes_over_the_chosen_period(client, two_administrations):
    client.force_login(manager())
    params = {"basenhet": two_administrations.pk, "fran": "2024-01-01", "till": "2024-12-01"}
    page = client.get(DASHBOARD, params).text
    administrations = body_rows(page, "table-forvaltningar")
    assert [re.sub(r"<.*?>", "|", r).replace("||", "|") for r in administrations] == [
        "|Norra förvaltningen|5|43|60|+17|+39,5 %|",
        "|Södra förvaltningen|2|8|8|±0|±0,0 %|",
        "|Hela regionen|7|51|68|+17|+33,3 %|",
    ]
    assert len(body_rows(page, "table-basenheter")) == 3
    increases = [re.findall(r">([^<]+)</t[hd]>", r) for r in body_rows(page, "table-okningar")]
    assert increases == [
        ["1000004 Enhet 4", "20", "30", "+10", "+50,0 %"],
        ["1000000 Enhet 0", "10", "15", "+5", "+50,0 %"],
    ]
    decreases = [re.findall(r">([^<]+)</t[hd]>", r) for r in body_rows(page, "table-minskningar")]
    assert decreases == [["1000001 Enhet 1", "8", "3", "−5", "−62,5 %"]]
    assert "Anställda 2024-12</dt><dd>60</dd>" in page


def test_a_period_the_base_unit_lacks_falls_back_to_the_defaults(client, two_administrations):
    client.force_login(manager())
    params = {"basenhet": two_administrations.pk, "fran": "1999-01-01", "till": "nonsense"}
    page = client.get(DASHBOARD, params).text
    assert '<option value="2024-01-01" selected>2024-01</option>' in page
    assert '<option value="2024-12-01" selected>2024-12</option>' in page


def test_every_table_downloads_whole_as_xlsx_and_csv(client):
    client.force_login(manager())
    base = region_base("P3 Sextio", 60, first_code=1_300_000)
    url = reverse("staffing:export", args=["enheter"])
    response = client.get(url, {"basenhet": base.pk})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[3] == ("Enhet", "2024-01", "2024-12", "Förändring", "Förändring (%)")
    assert len(rows) == 4 + 60 + 1  # every unit, not a page of them, and the sum
    assert rows[4] == ("1300000 Enhet 0", 1, 12, 11, 1100)
    assert rows[-1] == ("Summa (alla enheter)", 1330, 1990, 660, 49.6)
    csv = client.get(reverse("staffing:export_csv", args=["okningar"]), {"basenhet": base.pk})
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="bemanning-okningar-p3-sextio.csv"' in csv["Content-Disposition"]
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Enhet;2024-01;2024-12;Förändring;Förändring (%)"
    assert lines[1] == "1300000 Enhet 0;1;12;11;1100,0" and len(lines) == 11
    for key in ("forvaltningar", "basenheter", "minskningar", "diagram", "antal", "totalsumma"):
        for name in ("staffing:export", "staffing:export_csv"):
            answer = client.get(reverse(name, args=[key]), {"basenhet": base.pk})
            assert answer.status_code == 200, (name, key)
    matrix = client.get(reverse("staffing:export_csv", args=["antal"]), {"basenhet": base.pk})
    assert len(matrix.content.decode("utf-8-sig").splitlines()) == 1 + 60
    missing = client.get(reverse("staffing:export_csv", args=["forandring"]), {"basenhet": 1})
    assert missing.status_code == 404


def test_who_sees_the_dashboard(client, two_administrations):
    params = {"basenhet": two_administrations.pk}
    client.force_login(analyst())
    page = client.get(DASHBOARD, params).text
    assert "Importera personalsiffror" in page and "Norra förvaltningen" in page
    client.force_login(manager())
    page = client.get(DASHBOARD, params).text
    assert "Importera personalsiffror" not in page and "Södra förvaltningen" in page
    for user in (planner(), UserFactory()):
        client.force_login(user)
        assert client.get(DASHBOARD, params).status_code == 403
        paged = {**params, "tabell": "enheter", "enheter-sida": "2"}
        assert client.get(DASHBOARD, paged, headers=HTMX).status_code == 403
        csv = reverse("staffing:export_csv", args=["enheter"])
        assert client.get(csv, params).status_code == 403
    client.logout()
    assert client.get(DASHBOARD, params).status_code == 302


def test_a_unit_named_as_a_link_is_text_in_the_chart_and_the_tables(client):
    client.force_login(manager())
    base = region_base("P4 Länk", 3, first_code=1_400_000)
    Unit.objects.filter(code="1400002").update(name='<a href="https://x.example">Logga in igen</a>')
    page = client.get(DASHBOARD, {"basenhet": base.pk}).text
    assert '<a href="https://x.example"' not in page
    escaped = "1400002 &lt;a href=&quot;https://x.example&quot;&gt;Logga in igen&lt;/a&gt;"
    assert escaped in section(page, "table-enheter")
    assert escaped in section(page, "table-diagram")
    names = [t["name"] for t in figure(page, "diagram")["data"]]
    assert '1400002 &lt;a href="https://x.example"&gt;Logga in igen&lt;/a&gt;' in names


def test_a_base_unit_without_figures_shows_and_downloads_empty_tables(client):
    from staffing.tables import TABLES
    from tests.staffing.factories import ReportedTotalFactory, UnitFactory

    client.force_login(manager())
    unit = UnitFactory(code="1000001", name="Ny enhet")
    ReportedTotalFactory(base_unit=unit.base_unit, value=12)  # a total, but no unit figures
    params = {"basenhet": unit.base_unit.pk}
    page = client.get(DASHBOARD, params).text
    assert [re.findall(r">([^<]+)</t[hd]>", r) for r in body_rows(page, "table-enheter")] == [
        ["1000001 Ny enhet", "–", "–", "–", "–"],
        ["Summa (alla enheter)", "–", "–", "–", "–"],
    ]
    assert body_rows(page, "table-okningar") == [
        '<tr><td colspan="5" class="empty">Inga siffror.</td></tr>'
    ]
    for key in TABLES:
        answer = client.get(reverse("staffing:export_csv", args=[key]), params)
        assert answer.status_code == 200, key
