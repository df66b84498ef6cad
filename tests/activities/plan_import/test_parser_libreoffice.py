"""Activity plans written by LibreOffice (the fixtures in data/, see data/README.md)."""

import datetime as dt

import pytest

from activities.plan_import.services import activity_plan_import, activity_plan_read
from tests.activities.plan_import.workbooks import (
    DATA,
    q,
    table,
    where,
)

# -- files written by LibreOffice -------------------------------------------


def test_libreoffice_workbook_with_merged_headings_extra_columns_dates_and_a_hidden_sheet():
    parsed = activity_plan_read(data=(DATA / "lo_handlingsplan.xlsx").read_bytes())
    assert parsed.title == "Handlingsplan Nära vård 2024–2025, Region Exempel"
    assert (parsed.decided_by, parsed.decided_on) == (
        "Hälso- och sjukvårdsnämnden",
        dt.date(2024, 3, 12),
    )
    assert table(parsed) == [
        (
            "Målområde 1: Tillgänglighet",
            [
                ("Digitala vårdbesök", q("2024 Q1"), q("2024 Q4")),  # real dates
                ("Mobila team", q("2024 Q1"), q("2025 Q4")),  # years as numbers
                ("Läkarbemanning", q("2024 Q3"), q("2024 Q4")),  # "v. 36 2024", "HT 2024"
            ],
        ),
        (
            "Målområde 2: Samverkan",
            [
                ("SIP-utbildning", q("2025 Q1"), q("2025 Q1")),  # "VT 2025", "Jan–mars 2025"
                ("Gemensam plan", None, None),  # "Löpande", "Klart"
            ],
        ),
        ("IT-utveckling", [("Journalsystem", q("2024 Q3"), q("2025 Q1"))]),
    ]
    assert parsed.rows[1].description == "<b>Pilot</b>"  # text, shown escaped
    messages = [str(p) for p in parsed.problems]
    assert messages == [
        "Handlingsplan!F13: NÄR ”Löpande” är ett läge, ingen tidpunkt; aktiviteten blir oplacerad.",
        "Handlingsplan!G13: KLART ”Klart” är ett läge, ingen tidpunkt; inget slut sätts.",
        "Gamla: Bladet är dolt och läses inte; gör det synligt om dess tabell ska med.",
    ]


def test_libreoffice_from_csv_without_bold_and_with_many_date_forms():
    parsed = activity_plan_read(data=(DATA / "lo_from_csv.xlsx").read_bytes())
    assert (parsed.title, parsed.decided_by) == (
        "Handlingsplan Nära vård 2024–2025",
        "Regionstyrelsen",
    )
    assert table(parsed) == [
        (
            "Innehåll",
            [
                ("Pilot i Köping", q("2024 Q3"), q("2024 Q4")),
                ("Kriterier", q("2024 Q3"), q("2024 Q4")),
                ("Utbildning", q("2025 Q1"), q("2025 Q1")),  # KLART before NÄR: warned
                ("Rekrytering", q("2024 Q3"), q("2025 Q1")),  # LibreOffice made "sept 2024" a date
                ("Lokaler", q("2024 Q1"), q("2024 Q4")),
                ("Uppföljning", None, None),
                ("Dialog", None, None),
                ("Införande", q("2024 Q1"), q("2025 Q4")),
            ],
        )
    ]
    assert where(parsed) == ["plan!D9", "plan!C12", "plan!D12", "plan!C13"]
    assert "KLART sparas bara som text" in str(parsed.problems[-1])


def test_libreoffice_from_html_keeps_markup_and_script_as_text():
    parsed = activity_plan_read(data=(DATA / "lo_from_html.xlsx").read_bytes())
    assert [g.heading for g in parsed.groups] == [
        "Målområde 1: Tillgänglighet",
        "Målområde 2: Samverkan",
    ]
    assert [r.title for r in parsed.rows] == [
        "Digitala besök",
        "<b>Mobila team</b>",
        "SIP-utbildning",
    ]
    assert parsed.decided_on == dt.date(2024, 3, 12)


def test_libreoffice_formulas_give_their_values_and_errors_are_named():
    parsed = activity_plan_read(data=(DATA / "lo_formulas.xlsx").read_bytes())
    assert [(r.title, r.description, r.start, r.end) for r in parsed.rows] == [
        ("Klicka här", "Länk", q("2024 Q1"), q("2024 Q2")),  # =HYPERLINK(…): its text
        ("2", "Summa", q("2024 Q1"), None),  # =1+1
        ("Datum räknat", "2 st", q("2024 Q2"), q("2025 Q4")),
        ("Fel i NÄR", "", None, None),
        ("'=cmd|' /C calc'!A0", "DDE-text", q("2024 Q1"), None),  # text, never run
    ]
    assert [str(p) for p in parsed.problems] == [
        "Formler!A5: VAD är ett formelfel (#DIV/0!); raden hoppas över.",
        "Formler!C6: NÄR är ett formelfel (#N/A); aktiviteten blir oplacerad och KLART "
        "sparas bara som text.",
    ]


def test_the_libreoffice_fixtures_are_small():
    for path in DATA.glob("lo_*.xlsx"):
        assert path.stat().st_size < 50 * 1024, path.name


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("lo_*.xlsx")))
def test_every_libreoffice_fixture_imports_into_a_new_plan(name):
    from activities.plan_import.services import activity_plan_import_as_new_plan, new_plan_years

    parsed = activity_plan_read(data=(DATA / name).read_bytes())
    first, last = new_plan_years(parsed)
    result = activity_plan_import_as_new_plan(
        parsed=parsed,
        name=parsed.title or name,
        organisation="Region Exempel",
        first_year=first,
        last_year=last,
        lane_order=0,
        owner_level_order=None,
        source=name,
    )
    assert result.created == len(parsed.rows) == result.plan.activities.count()
    again = activity_plan_import(
        plan=result.plan, parsed=parsed, lane=result.plan.lanes.first(), owner_level=None
    )
    assert again.created == 0
