"""The dashboard's rows, tables and figures from plain values (no database)."""

import datetime as dt

import plotly.graph_objects as go

from staffing.dashboard import LeaverRow, Series, build_dashboard
from staffing.figures import headcount_figure, leavers_figure, totals_figure
from staffing.tables import all_tables, table_xlsx
from staffing.templatetags.staffing_tags import cell

M = [dt.date(y, 3, 1) for y in (2021, 2022, 2023, 2024)]


def board():
    series = [
        Series(
            1,
            "1722160",
            "Vårdadministrativa enheten Köping",
            ["Skrivfunktion Köping"],
            dict(zip(M, [20, 19, 22, 22], strict=True)),
        ),
        Series(2, "1722199", "Närvårdsteam Fagersta", [], {M[2]: 3, M[3]: 3}),
    ]
    sums = dict(zip(M, [408, 410, 400, 411], strict=True))
    reported = dict(zip(M, [415, 416, 406, 417], strict=True))
    leavers = [
        LeaverRow(2021, "2021", "Slutade", 10, 5),
        LeaverRow(2024, "2024 (tom 11 april)", "Slutade", 18, 7),
    ]
    return build_dashboard(series, sums, reported, leavers)


def test_totals_keep_both_figures_and_the_gap():
    rows = board().totals
    assert [(r.summed, r.reported, r.gap) for r in rows] == [
        (408, 415, 7),
        (410, 416, 6),
        (400, 406, 6),
        (411, 417, 6),
    ]


def test_change_since_previous_period_and_year():
    b = board()
    assert (b.latest, b.previous, b.year_ago) == (M[3], M[2], M[2])
    first, second, total = b.changes
    assert (first.latest, first.previous, first.since_previous, first.since_previous_pct) == (
        22,
        22,
        0,
        0.0,
    )
    assert (second.since_year, second.since_year_pct) == (0, 0.0)
    assert total.is_total and total.latest == 25 and total.previous == 25


def test_a_missing_figure_has_no_change_not_a_drop():
    series = [Series(1, "1", "A", [], {M[3]: 5})]
    change = build_dashboard(series, {M[3]: 5}, {}, []).changes[0]
    assert (
        change.previous is None
        and change.since_previous is None
        and change.since_previous_pct is None
    )


def test_leavers_share_of_nurses():
    assert [r.share for r in board().leavers] == [50.0, 38.9]


def test_tables_match_the_rows_and_show_former_names():
    tables = all_tables(board())
    assert tables["antal"].rows[0][0] == (
        "1722160 Vårdadministrativa enheten Köping (tidigare: Skrivfunktion Köping)"
    )
    assert tables["antal"].rows[1][1:] == [None, None, 3, 3]
    assert tables["totalsumma"].rows[0] == ["2021-03", 408, 415, 7]
    assert tables["slutade"].rows[1] == ["2024 (tom 11 april)", "Slutade", 18, 7, 38.9]
    assert tables["forandring"].display_rows()[-1]["total"] is True


def test_cells_show_sign_and_percent():
    assert cell(7, "delta") == "+7"
    assert cell(-3, "delta") == "−3"
    assert cell(0, "delta") == "±0"
    assert cell(None, "int") == "–"
    assert cell(38.9, "share") == "38,9 %"
    assert cell(-8.3, "pct") == "−8,3 %"


def test_figures_are_plain_dicts_with_gaps_not_zeros():
    b = board()
    lines = headcount_figure(b.periods, b.series)
    go.Figure(lines)  # plotly accepts it as it is (raises on an invalid property)
    assert [t["name"] for t in lines["data"]] == [s.label for s in b.series]
    assert lines["data"][1]["y"] == [None, None, 3, 3]
    assert len({(t["line"]["dash"], t["marker"]["symbol"]) for t in lines["data"]}) == 2
    bars = totals_figure(b.totals)
    assert bars["data"][0]["y"] == [408, 410, 400, 411]
    assert bars["data"][1]["text"][0] == "415 (+7)"
    leavers = leavers_figure(b.leavers)
    assert leavers["data"][0]["y"] == [5, 7]
    assert "%" in leavers["data"][1]["text"][0]


def test_xlsx_neutralises_text():
    import io

    from openpyxl import load_workbook

    b = board()
    b.leavers[0] = LeaverRow(2021, "+2021", '=HYPERLINK("http://x")', 10, 5)
    data = table_xlsx(all_tables(b)["slutade"], title="@SUM(1)")
    ws = load_workbook(io.BytesIO(data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "@SUM(1)" and ws["A1"].quotePrefix
    assert rows[4][:3] == ("+2021", '=HYPERLINK("http://x")', 10)
    assert [ws.cell(5, c).data_type for c in (1, 2, 3)] == ["s", "s", "n"]
