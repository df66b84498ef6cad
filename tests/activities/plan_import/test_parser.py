"""The activity-plan table parser, without a database: the shared workbook
and variants built with openpyxl."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from activities.plan_import.decision import read_decision
from activities.plan_import.parsed import Cell, NoActivityTable, Sheet
from activities.plan_import.parser import parse_activity_plan, sheets_from_workbook
from core.quarters import Quarter
from core.workbooks import open_workbook

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(__file__).with_name("data") / "aktivitetsplan_samsjukvarden_sodra_alvsborg_2023.xlsx"
FIXTURE = ROOT / "fixtures" / "plans" / "sodra_alvsborg_samsjukvarden_2023.json"
HEADER = ["VAD", "HUR", "NÄR", "KLART"]


def xlsx(*rows, bold=(), sheet="Aktiviteter", more_sheets=None) -> bytes:
    """A workbook from rows (lists; None or [] for a blank row).

    `bold` holds 1-based row numbers whose cells are bold.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row or [], start=1):
            if value is not None:
                cell = ws.cell(r, c, value)
                if r in bold:
                    cell.font = Font(bold=True)
    for name, extra in (more_sheets or {}).items():
        other = wb.create_sheet(name)
        for row in extra:
            other.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def parse(data: bytes):
    sheets, problems = sheets_from_workbook(open_workbook(data))
    parsed = parse_activity_plan(sheets)
    parsed.problems[:0] = problems
    return parsed


def sample_rows():
    """The shared plan's first two groups, as a planner might type them."""
    return [
        ["Aktivitetsplan Samsjukvården Södra Älvsborg 2023"],
        ["Beslutad av Styrgrupp närvård Södra Älvsborg 2023-02-24"],
        [],
        ["Innehåll och målområden"],
        HEADER,
        ["Beslut om pilotkommun", "Beslut Styrgrupp närvård", "December 2022", "Januari 2023"],
        ["Kriterier", "Vilka patienter ska inkluderas", "Våren 2023", "Maj 2023"],
        [],
        ["Anpassningar"],
        HEADER,
        ["Utbildningskostnader", None, "Våren 2023", "Maj 2023"],
    ]


def test_the_shared_workbook_reads_as_the_fixture():
    parsed = parse(SHARED.read_bytes())
    assert parsed.title == "Aktivitetsplan Samsjukvården Södra Älvsborg 2023"
    assert parsed.decided_by == "Styrgrupp närvård Södra Älvsborg"
    assert parsed.decided_on == dt.date(2023, 2, 24)
    assert len(parsed.groups) == 11
    assert len(parsed.rows) == 19
    assert parsed.problems == []
    assert parsed.year_span == (2022, 2023)
    expected = json.loads(FIXTURE.read_text())["activities"]
    got = [
        {
            "heading": r.heading,
            "title": r.title,
            "description": r.description,
            "when_text": r.when.text,
            "done_text": r.done.text,
            "start": [r.start.year, r.start.quarter],
            "end": [r.end.year, r.end.quarter],
        }
        for r in parsed.rows
    ]
    keys = ["heading", "title", "description", "when_text", "done_text", "start", "end"]
    assert got == [{k: a[k] for k in keys} for a in expected]


def test_the_shared_workbook_quarters_named_in_the_issue():
    rows = {(r.title, r.when.text): r for r in parse(SHARED.read_bytes()).rows}
    kriterier = rows[("Kriterier", "Våren 2023")]
    assert (kriterier.when.first, kriterier.when.last) == (Quarter(2023, 1), Quarter(2023, 2))
    bredd = rows[("Breddstarta i övriga MUST", "Hösten 2023")]
    assert bredd.end == Quarter(2023, 4)  # "Senhösten 2023"
    impl = rows[("Implementeringsplan", "Januari 2023")]
    assert impl.done.text == "Februari- mars 2023" and impl.end == Quarter(2023, 1)


def test_a_typed_workbook_without_bold_like_libreoffice_writes():
    parsed = parse(xlsx(*sample_rows()))
    assert [g.heading for g in parsed.groups] == ["Innehåll och målområden", "Anpassningar"]
    assert [len(g.rows) for g in parsed.groups] == [2, 1]
    assert parsed.title == "Aktivitetsplan Samsjukvården Södra Älvsborg 2023"
    assert parsed.decided_on == dt.date(2023, 2, 24)
    assert parsed.rows[0].start == Quarter(2022, 4)
    assert parsed.problems == []


def test_headers_in_another_order_and_case_with_synonyms():
    parsed = parse(
        xlsx(
            ["Rubrik ett"],
            ["Slut", "aktivitet", "Start", "Hur?"],
            ["Q4 2024", "Ta fram plan", "Q3 2024", "Workshop"],
            [],
            ["Rubrik två"],
            ["Klart när", "Vad", "När", "Beskrivning"],
            ["2025", "Följa upp", "vecka 2 2025", ""],
        )
    )
    first, second = parsed.rows
    assert (first.heading, first.title, first.description) == (
        "Rubrik ett",
        "Ta fram plan",
        "Workshop",
    )
    assert (first.start, first.end) == (Quarter(2024, 3), Quarter(2024, 4))
    assert (second.heading, second.title) == ("Rubrik två", "Följa upp")
    assert (second.start, second.end) == (Quarter(2025, 1), Quarter(2025, 4))


def test_extra_columns_are_ignored_and_a_table_without_hur_reads():
    parsed = parse(
        xlsx(
            ["Nr", "Aktivitet", "Ansvarig", "Start", "Slut"], [1, "A", "Eva", "Q1 2024", "Q2 2024"]
        )
    )
    (row,) = parsed.rows
    assert (row.title, row.description, row.start, row.end) == (
        "A",
        "",
        Quarter(2024, 1),
        Quarter(2024, 2),
    )
    assert parsed.groups[0].heading == ""


def test_bold_heading_directly_above_the_next_header_without_blank_rows():
    parsed = parse(
        xlsx(
            ["Plan"],
            ["Första"],
            HEADER,
            ["A", "", "Q1 2024", ""],
            ["Andra"],
            HEADER,
            ["B", "", "Q2 2024", ""],
            bold={1, 2, 5},
        )
    )
    assert [(g.heading, [r.title for r in g.rows]) for g in parsed.groups] == [
        ("Första", ["A"]),
        ("Andra", ["B"]),
    ]
    assert parsed.title == "Plan"


def test_a_bold_row_inside_a_table_starts_a_new_group():
    parsed = parse(
        xlsx(
            HEADER,
            ["Grupp A"],
            ["A1", "", "Q1 2024", ""],
            ["Grupp B"],
            ["B1", "", "Q2 2024", ""],
            bold={2, 4},
        )
    )
    assert [(g.heading, [r.title for r in g.rows]) for g in parsed.groups] == [
        ("Grupp A", ["A1"]),
        ("Grupp B", ["B1"]),
    ]


def test_a_row_with_vad_empty_is_skipped_with_a_warning_naming_the_cell():
    rows = sample_rows()
    rows.insert(6, [None, "Något utan VAD", "Våren 2023", "Maj 2023"])
    parsed = parse(xlsx(*rows))
    assert [r.title for r in parsed.groups[0].rows] == ["Beslut om pilotkommun", "Kriterier"]
    assert [str(p) for p in parsed.problems] == ["Aktiviteter!A7: VAD är tomt; raden hoppas över."]


def test_bad_dates_are_kept_as_text_and_warned_about():
    parsed = parse(
        xlsx(
            HEADER,
            ["Snart-raden", "", "Snart", "När budget finns"],
            ["Baklänges", "", "Hösten 2024", "Våren 2024"],
            ["Bara klart", "", "", "Maj 2024"],
            ["Streck", "", "-", "--"],
        )
    )
    soon, backwards, only_done, dashes = parsed.rows
    assert (soon.when.text, soon.start, soon.done.text, soon.end) == (
        "Snart",
        None,
        "När budget finns",
        None,
    )
    assert (backwards.start, backwards.end) == (Quarter(2024, 3), Quarter(2024, 3))
    assert (only_done.start, only_done.end, only_done.done.text) == (None, None, "Maj 2024")
    assert (dashes.when.text, dashes.done.text, dashes.problems) == ("", "", ())
    assert [str(p) for p in parsed.problems] == [
        "Aktiviteter!C2: NÄR ”Snart” kan inte läsas som en tidpunkt; aktiviteten blir oplacerad.",
        "Aktiviteter!D2: KLART ”När budget finns” kan inte läsas som en tidpunkt; "
        "inget slut sätts.",
        "Aktiviteter!D3: KLART (2024 Q2) ligger före NÄR (2024 Q3); slutet sätts till starten.",
        "Aktiviteter!C4: NÄR saknas; aktiviteten blir oplacerad och KLART sparas bara som text.",
    ]


def test_real_dates_in_cells():
    parsed = parse(xlsx(HEADER, ["A", "", dt.datetime(2024, 2, 1), dt.datetime(2024, 11, 30)]))
    (row,) = parsed.rows
    assert (row.when.text, row.start, row.end) == ("2024-02-01", Quarter(2024, 1), Quarter(2024, 4))


def test_tables_on_several_sheets_and_sheets_without_one():
    data = xlsx(
        ["Plan 2024"],
        ["Rubrik"],
        HEADER,
        ["A", "", "Q1 2024", ""],
        more_sheets={
            "Anteckningar": [["bara text"]],
            "Mer": [["Fler"], HEADER, ["B", "", "Q3 2024", ""]],
        },
    )
    parsed = parse(data)
    assert [(g.sheet, g.heading) for g in parsed.groups] == [
        ("Aktiviteter", "Rubrik"),
        ("Mer", "Fler"),
    ]


@pytest.mark.parametrize(
    "rows",
    [
        [["Bara en rubrik"], ["VAD", "Ansvarig"], ["A", "Eva"]],
        [["Aktivitet", "Start"]],  # a header with no rows
        [],
    ],
)
def test_no_table_is_refused_with_a_sentence(rows):
    with pytest.raises(NoActivityTable) as err:
        parse(xlsx(*rows))
    assert "VAD" in str(err.value)


def test_a_long_title_is_cut_with_a_warning():
    parsed = parse(xlsx(HEADER, ["x" * 600, "", "Q1 2024", ""]))
    assert len(parsed.rows[0].title) == 500
    assert "kortas" in str(parsed.problems[0])


def test_plain_cells_parse_without_openpyxl():
    sheet = Sheet(
        "S",
        [
            [Cell("Rubrik", bold=True)],
            [Cell(h) for h in HEADER],
            [Cell("A"), Cell(""), Cell("Q1 2024")],
        ],
    )
    parsed = parse_activity_plan([sheet])
    assert (parsed.groups[0].heading, parsed.rows[0].start) == ("Rubrik", Quarter(2024, 1))


@pytest.mark.parametrize(
    ("line", "by", "on"),
    [
        (
            "Beslutad av Styrgrupp närvård Södra Älvsborg 2023-02-24",
            "Styrgrupp närvård Södra Älvsborg",
            dt.date(2023, 2, 24),
        ),
        ("Beslutad 2023-02-24 av HSN", "HSN", dt.date(2023, 2, 24)),
        ("Beslutad av HSN den 24 april 2024", "HSN", dt.date(2024, 4, 24)),
        ("Beslutsinstans: Sjukvårdsledningen", "Sjukvårdsledningen", None),
        ("Beslutsdatum: 2023-04-19", "", dt.date(2023, 4, 19)),
        ("Beslutad av HSN 2023-02-30", "HSN", None),
    ],
)
def test_decision_line(line, by, on):
    assert read_decision(line) == (by, on)
