"""Dashboards at region scale (issue 11, part 5): the chart shows the sum and the ten
largest units, unit tables page and search on the server, names are text in plotly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from staffing import figures
from staffing.dashboard import Series, build_dashboard
from staffing.models import BaseUnit, Headcount, ImportBatch, Unit
from staffing.tables import headcount_table, table_page
from tests.factories import manager

MONTHS = [dt.date(2024, m, 1) for m in range(1, 13)]


def board_of(count: int):
    series = [
        Series(i, str(1_000_000 + i), f"Enhet {i}", [], {p: i for p in MONTHS})
        for i in range(1, count + 1)
    ]
    return build_dashboard(series, {}, {}, [])


def test_the_chart_shows_the_sum_and_the_ten_largest_units():
    shown = figures.chart_series(board_of(12))
    assert [s.label for s in shown] == ["Summa av alla enheter"] + [
        f"{1_000_000 + i} Enhet {i}" for i in range(12, 2, -1)
    ]
    assert shown[0].values[MONTHS[0]] == sum(range(1, 13))
    assert figures.chart_series(board_of(10)) == board_of(10).series


def test_names_are_text_in_plotly_never_markup():
    evil = Series(1, "1000001", '<a href="https://x.example">Logga in igen</a> %{y}', [], {})
    data = figures.headcount_figure(MONTHS, [evil])["data"][0]
    assert data["name"] == (
        '1000001 &lt;a href="https://x.example"&gt;Logga in igen&lt;/a&gt; &#37;{y}'
    )
    assert "<a" not in data["hovertemplate"]


def test_a_unit_table_pages_and_searches():
    table = headcount_table(board_of(120))
    page = table_page(table, number=3)
    assert (page.number, page.pages, page.matches, page.first) == (3, 3, 120, 101)
    assert [r[0] for r in page.table.rows][:2] == ["1000101 Enhet 101", "1000102 Enhet 102"]
    assert len(page.table.rows) == 20
    found = table_page(table, query="enhet 11")
    assert [r[0] for r in found.table.rows] == ["1000011 Enhet 11"] + [
        f"{1_000_110 + i} Enhet {110 + i}" for i in range(10)
    ]
    assert table_page(table, number=99).number == 3


@pytest.fixture
def big_base_unit(db):
    base = BaseUnit.objects.create(name="P9 Regionen")
    batch = ImportBatch.objects.create(filename="r.xlsx", sha256="b" * 64)
    units = Unit.objects.bulk_create(
        Unit(code=str(2_000_000 + i), name=f"Enhet {i}", base_unit=base) for i in range(2000)
    )
    Headcount.objects.bulk_create(
        Headcount(unit=u, period=p, value=i % 50 + 1, batch=batch)
        for i, u in enumerate(units)
        for p in MONTHS
    )
    return base


def test_the_dashboard_of_2000_units_stays_small_and_pages_by_htmx(client, big_base_unit):
    client.force_login(manager())
    url = reverse("staffing:dashboard")
    page = client.get(url, {"basenhet": big_base_unit.pk})
    size = len(page.content)
    assert size <= 300_000, size
    assert "Sida 1 av 40 (2000 enheter)" in page.text
    fragment = client.get(
        url,
        {"basenhet": big_base_unit.pk, "tabell": "antal", "antal-sida": "2"},
        headers={"HX-Request": "true"},
    ).text
    assert fragment.lstrip().startswith('<div id="unit-table-antal"')
    assert "2000050 Enhet 50" in fragment and "2000049 Enhet 49" not in fragment
    found = client.get(
        url,
        {"basenhet": big_base_unit.pk, "tabell": "forandring", "forandring-sok": "2001999"},
        headers={"HX-Request": "true"},
    ).text
    assert "2001999 Enhet 1999" in found and "1 enhet matchar" in found
