"""The dashboard's rows, tables and figures from plain values (no database)."""

import datetime as dt
import io

import plotly.graph_objects as go
from openpyxl import load_workbook

from staffing.figures import headcount_figure, leavers_figure, totals_figure
from staffing.rows import ChangeRow, LeaverRow, Series, choose_span, total_row, total_rows
from staffing.tables import (
    change_table,
    leavers_table,
    series_table,
    summary_table,
    table_csv,
    table_xlsx,
    totals_table,
    unit_table,
)
from staffing.templatetags.staffing_tags import cell, figure_json

M = [dt.date(y, 3, 1) for y in (2021, 2022, 2023, 2024)]
MONTHS = [dt.date(2024, m, 1) for m in range(1, 13)]


def test_the_span_defaults_to_the_latest_period_against_a_year_earlier():
    assert choose_span(M) == choose_span(M, None, None)
    span = choose_span(M)
    assert (span.start, span.end) == (M[2], M[3])
    # no figure a year before: the earliest period
    span = choose_span(MONTHS)
    assert (span.start, span.end) == (MONTHS[0], MONTHS[-1])
    # asked-for periods are kept when the base unit has them and start comes first
    span = choose_span(MONTHS, MONTHS[3], MONTHS[5])
    assert (span.start, span.end) == (MONTHS[3], MONTHS[5])
    span = choose_span(MONTHS, MONTHS[5], MONTHS[3])
    assert (span.start, span.end) == (MONTHS[0], MONTHS[3])
    span = choose_span(MONTHS, dt.date(1999, 1, 1), dt.date(2030, 1, 1))
    assert (span.start, span.end) == (MONTHS[0], MONTHS[-1])
    assert (choose_span([]).start, choose_span([]).end) == (None, None)


def test_a_change_is_none_when_either_end_is_missing():
    assert (ChangeRow("a", 40, 50).change, ChangeRow("a", 40, 50).change_pct) == (10, 25.0)
    assert (ChangeRow("a", 40, 30).change, ChangeRow("a", 40, 30).change_pct) == (-10, -25.0)
    assert (ChangeRow("a", None, 30).change, ChangeRow("a", None, 30).change_pct) == (None, None)
    assert (ChangeRow("a", 0, 3).change, ChangeRow("a", 0, 3).change_pct) == (3, None)


def test_a_total_row_leaves_missing_figures_out():
    rows = [ChangeRow("a", 10, 12, 3), ChangeRow("b", None, 5, 1)]
    assert total_row("Hela regionen", rows) == ChangeRow("Hela regionen", 10, 17, 4, True)
    assert total_row("x", [ChangeRow("a", None, None)]).before is None


def test_totals_keep_both_figures_and_the_gap():
    rows = total_rows(dict(zip(M, [408, 410, 400, 411], strict=True)), {M[0]: 415, M[3]: 417})
    assert [(r.summed, r.reported, r.gap) for r in rows] == [
        (408, 415, 7),
        (410, None, None),
        (400, None, None),
        (411, 417, 6),
    ]
    assert totals_table(rows).rows[0] == ["2021-03", 408, 415, 7]


def test_summary_and_change_tables_have_both_ends_and_the_change():
    span = choose_span(M)
    rows = [ChangeRow("Förv A", 100, 90, 12), ChangeRow("Förv B", 50, 60, 4)]
    table = summary_table("forvaltningar", "Per förvaltning", "Förvaltning", rows, span)
    assert table.headers == [
        "Förvaltning",
        "Enheter",
        "2023-03",
        "2024-03",
        "Förändring",
        "Förändring (%)",
    ]
    assert table.rows == [["Förv A", 12, 100, 90, -10, -10.0], ["Förv B", 4, 50, 60, 10, 20.0]]
    units = change_table("okningar", "Ökningar", [ChangeRow("1 A", 2, 5)], span)
    assert units.rows == [["1 A", 2, 5, 3, 150.0]]
    whole = unit_table([ChangeRow("1 A", 2, 5)], span, {M[2]: 2, M[3]: 5})
    assert whole.rows[-1] == ["Summa (alla enheter)", 2, 5, 3, 150.0]
    assert whole.display_rows()[-1]["total"] is True
    assert unit_table([ChangeRow("1 A", 2, 5)], span, None).total_rows == 0


def test_the_chart_table_has_a_column_per_period_and_former_names():
    series = [
        Series(1, "1722160", "Vårdadm Köping", ["Skrivfunktion Köping"], {M[0]: 20, M[3]: 22}),
        Series(0, "", "Summa av alla enheter", [], {M[0]: 408}),
    ]
    table = series_table("diagram", "Diagrammet", series, M)
    assert table.headers == ["Enhet", "2021-03", "2022-03", "2023-03", "2024-03"]
    assert table.rows == [
        ["1722160 Vårdadm Köping (tidigare: Skrivfunktion Köping)", 20, None, None, 22],
        ["Summa av alla enheter", 408, None, None, None],
    ]


def test_leavers_share_of_nurses():
    rows = [LeaverRow(2021, "2021", "Slutade", 10, 5), LeaverRow(2024, "2024", "Slutade", 18, 7)]
    assert [r.share for r in rows] == [50.0, 38.9]
    assert leavers_table(rows).rows[1] == ["2024", "Slutade", 18, 7, 38.9]


def test_cells_show_sign_and_percent():
    assert cell(7, "delta") == "+7"
    assert cell(-3, "delta") == "−3"
    assert cell(0, "delta") == "±0"
    assert cell(-40120, "delta") == "−40\xa0120"
    assert cell(None, "int") == "–"
    assert cell(38.9, "share") == "38,9 %"
    assert cell(-8.3, "pct") == "−8,3 %"


def test_the_sum_has_its_own_axis_and_gaps_are_not_zeros():
    series = [
        Series(0, "", "Summa av alla enheter", [], {M[0]: 408, M[1]: 410}),
        Series(2, "1722199", "Närvårdsteam", [], {M[2]: 3, M[3]: 3}),
    ]
    lines = headcount_figure(M, series)
    go.Figure(lines)  # plotly accepts it as it is (raises on an invalid property)
    assert [t.get("yaxis") for t in lines["data"]] == ["y2", None]
    assert lines["layout"]["yaxis2"]["overlaying"] == "y"
    assert lines["data"][1]["y"] == [None, None, 3, 3]
    assert "yaxis2" not in headcount_figure(M, series[1:])["layout"]


def test_bar_figures_are_plain_dicts_plotly_accepts():
    bars = totals_figure(total_rows({M[0]: 408}, {M[0]: 415}))
    go.Figure(bars)
    assert bars["data"][1]["text"] == ["415 (+7)"]
    leavers = leavers_figure([LeaverRow(2021, "<b>2021</b>", "Slutade", 10, 5)])
    go.Figure(leavers)
    assert leavers["data"][0]["x"] == ["&lt;b&gt;2021&lt;/b&gt;"]
    assert leavers["data"][1]["text"] == ["10 (50 % ssk)"]


def test_names_are_text_in_plotly_and_in_the_json_on_the_page():
    evil = Series(1, "1000001", '<a href="https://x.example">Logga in igen</a> %{y}', [], {})
    data = headcount_figure(MONTHS, [evil])["data"][0]
    assert data["name"] == (
        '1000001 &lt;a href="https://x.example"&gt;Logga in igen&lt;/a&gt; &#37;{y}'
    )
    assert "<a" not in data["hovertemplate"]
    script = figure_json({"name": "</script><a href='x'>"}, "figure-x")
    assert script == (
        '<script id="figure-x" type="application/json">'
        '{"name":"\\u003C/script\\u003E\\u003Ca href=\'x\'\\u003E"}</script>'
    )


def test_downloads_neutralise_text_that_looks_like_a_formula():
    span = choose_span(M)
    table = change_table("okningar", "Ökningar", [ChangeRow('=HYPERLINK("x")', 2, 5)], span)
    ws = load_workbook(io.BytesIO(table_xlsx(table, title="@SUM(1)"))).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "@SUM(1)" and ws["A1"].quotePrefix
    assert rows[4] == ('=HYPERLINK("x")', 2, 5, 3, 150)
    assert [ws.cell(5, c).data_type for c in (1, 2)] == ["s", "n"]
    text = table_csv(table).decode("utf-8")
    assert text == (
        "\ufeffEnhet;2023-03;2024-03;Förändring;Förändring (%)\r\n"
        '"\'=HYPERLINK(""x"")";2;5;3;150,0\r\n'
    )
