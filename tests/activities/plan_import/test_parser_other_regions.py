"""The activity-plan import tried as a planner from another region would: other
layouts (LibreOffice-written files and hostile files have modules of their own).

Each case either imports with the right result or is refused with a Swedish
sentence (naming sheet and cell where there is one); never a 500, never a
partial write. The LibreOffice-written fixtures in data/ are described in
data/README.md; everything else is built here.
"""

import datetime as dt

import pytest
from openpyxl.styles import Font

from activities.plan_import.parsed import Cell, Sheet
from activities.plan_import.parser import parse_activity_plan
from activities.plan_import.services import activity_plan_read
from core.workbooks import WorkbookRefused
from tests.activities.plan_import.test_parser import HEADER
from tests.activities.plan_import.workbooks import (
    q,
    raw_xlsx,
    table,
    where,
    workbook,
)

# -- layouts other regions use ----------------------------------------------


def merged_heading_with_spacers_and_numbering(wb):
    ws = wb.active
    ws.title = "Plan"
    for row in [
        ["Aktivitetsplan Region X 2024"],
        [],
        ["Målområde 1"],
        ["Nr", "VAD", None, "HUR", None, "NÄR (start)", "Klart senast", "Ansvarig", "Status"],
        ["1.", "A1", None, "h", None, "Q1 2024", "Q2 2024", "Anna", "Pågår"],
        ["2.", "A2", None, None, None, dt.datetime(2024, 5, 1), 2025, "Bo", "Klar"],
    ]:
        ws.append(row)
    ws.merge_cells("A3:G3")
    ws["A3"].font = Font(bold=True)


def long_preamble(wb):
    ws = wb.active
    for row in [
        ["Handlingsplan Nära vård 2024–2026"],
        ["Region Exempel"],
        ["Dok-ID 123", "Version 2"],
        ["Beslutad av HSN 2024-02-01"],
        [],
        ["Bakgrund"],
        ["Regionen ska ställa om till nära vård. " * 10],
        ["Planen beskriver aktiviteterna."],
        [],
        [],
        [],
        HEADER,
        ["A1", "", "Q1 2024", "Q4 2024"],
    ]:
        ws.append(row)


def several_sheets(wb):
    first = wb.active
    first.title = "Verksamhet"
    for row in [["Mål 1"], HEADER, ["S1A", "", "Q1 2024", ""], [], ["Mål 2"], HEADER]:
        first.append(row)
    first.append(["S1B", "", "Q2 2024", ""])
    second = wb.create_sheet("IT")
    for row in [["Mål 3"], ["Åtgärd", "Beskrivning", "Start", "Slut"], ["S2A", "", "Q3 2024", ""]]:
        second.append(row)
    hidden = wb.create_sheet("Gammal version")
    hidden.append(HEADER)
    hidden.append(["Borttagen", "", "Q1 2022", ""])
    hidden.sheet_state = "hidden"


@pytest.mark.parametrize(
    ("build", "expected", "problem_cells"),
    [
        (
            merged_heading_with_spacers_and_numbering,
            [("Målområde 1", [("A1", "2024 Q1", "2024 Q2"), ("A2", "2024 Q2", "2025 Q4")])],
            [],
        ),
        (
            long_preamble,
            # The preamble's last sentence is no heading; the title and decision are kept.
            [("", [("A1", "2024 Q1", "2024 Q4")])],
            [],
        ),
        (
            several_sheets,
            [
                ("Mål 1", [("S1A", "2024 Q1", None)]),
                ("Mål 2", [("S1B", "2024 Q2", None)]),
                ("Mål 3", [("S2A", "2024 Q3", None)]),
            ],
            ["Gammal version"],
        ),
    ],
    ids=["merged-spacers-numbering", "header-in-row-12", "several-sheets-and-a-hidden-one"],
)
def test_other_layouts(build, expected, problem_cells):
    parsed = activity_plan_read(data=workbook(build))
    assert table(parsed) == [
        (heading, [(t, q(s), q(e)) for t, s, e in rows]) for heading, rows in expected
    ]
    assert where(parsed) == problem_cells


def test_the_preamble_gives_title_and_decision():
    parsed = activity_plan_read(data=workbook(long_preamble))
    assert (parsed.title, parsed.decided_by, parsed.decided_on) == (
        "Handlingsplan Nära vård 2024–2026",
        "HSN",
        dt.date(2024, 2, 1),
    )


def test_inline_strings_read():
    parsed = activity_plan_read(
        data=raw_xlsx([["Rubrik"], HEADER, ["Inline", "hur", "Q1 2024", "Q2 2024"]])
    )
    assert table(parsed) == [("Rubrik", [("Inline", q("2024 Q1"), q("2024 Q2"))])]


def test_a_wrong_stored_size_does_not_hide_the_table():
    # Some writers always store <dimension ref="A1"/>; openpyxl would read one cell.
    data = raw_xlsx(
        [["Rubrik"], HEADER, ["A", "", "Q1 2024", ""]], dimension='<dimension ref="A1"/>'
    )
    assert [r.title for r in activity_plan_read(data=data).rows] == ["A"]


def test_a_table_only_on_a_hidden_sheet_is_refused_saying_so():
    def build(wb):
        wb.active.title = "Synlig"
        wb.active.append(["Inget här"])
        hidden = wb.create_sheet("Dold")
        hidden.append(HEADER)
        hidden.append(["A", "", "Q1 2024", ""])
        hidden.sheet_state = "veryHidden"

    with pytest.raises(WorkbookRefused, match="dolda bladet ”Dold”"):
        activity_plan_read(data=workbook(build))


def test_plain_sheets_marked_hidden_are_skipped():
    sheets = [
        Sheet("Dold", [[Cell("VAD"), Cell("NÄR")], [Cell("A"), Cell("2024")]], hidden=True),
        Sheet("Synlig", [[Cell("VAD"), Cell("NÄR")], [Cell("B"), Cell("2024")]]),
    ]
    parsed = parse_activity_plan(sheets)
    assert [r.title for r in parsed.rows] == ["B"]
