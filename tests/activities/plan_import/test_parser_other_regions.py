"""The activity-plan import tried as a planner from another region would:
workbooks written by LibreOffice, other layouts, and hostile files.

Each case either imports with the right result or is refused with a Swedish
sentence (naming sheet and cell where there is one); never a 500, never a
partial write. The LibreOffice-written fixtures in data/ are described in
data/README.md; everything else is built here.
"""

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook
from openpyxl.styles import Font

from activities.models import Activity
from activities.plan_import import parser
from activities.plan_import.parsed import Cell, Sheet
from activities.plan_import.parser import parse_activity_plan
from activities.plan_import.services import activity_plan_import, activity_plan_read
from core.quarters import Quarter
from core.workbooks import WorkbookRefused
from roadmap.models import Plan
from tests.activities.plan_import.test_parser import HEADER, xlsx
from tests.factories import PlanFactory, planner

DATA = Path(__file__).with_name("data")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def q(text: str | None) -> Quarter | None:
    if text is None:
        return None
    year, quarter = text.split(" Q")
    return Quarter(int(year), int(quarter))


def table(parsed) -> list[tuple[str, list[tuple[str, Quarter | None, Quarter | None]]]]:
    return [(g.heading, [(r.title, r.start, r.end) for r in g.rows]) for g in parsed.groups]


def where(parsed) -> list[str]:
    return [p.where for p in parsed.problems]


# -- raw .xlsx parts, for what openpyxl will not write ---------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
    '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    "schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
    '" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.'
    'org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
    '2006/relationships"><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets>'
    "</workbook>"
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    "schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
    '" Target="worksheets/sheet1.xml"/></Relationships>'
)


def raw_xlsx(rows: list[list[str | None]], *, dimension: str = "", tail: str = "") -> bytes:
    """A workbook of inline strings (t="inlineStr"), as some exporters write them."""
    body = []
    for r, row in enumerate(rows, start=1):
        cells = "".join(
            f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
            for c, v in enumerate(row)
            if v is not None
        )
        body.append(f'<row r="{r}">{cells}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.'
        f'org/spreadsheetml/2006/main">{dimension}<sheetData>{"".join(body)}{tail}'
        "</sheetData></worksheet>"
    )
    return zip_of(
        {
            "[Content_Types].xml": CONTENT_TYPES,
            "_rels/.rels": RELS,
            "xl/workbook.xml": WORKBOOK,
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


def zip_of(members: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def workbook(build) -> bytes:
    wb = Workbook()
    build(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


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


# -- hostile files: refused, or read with the harm taken out ----------------


def test_control_characters_and_excel_escapes_are_removed():
    data = raw_xlsx(
        [
            HEADER,
            ["Noll_x0000_tecken_x0007_", "rad ett_x000D_\nrad två", "Q1_x0000_ 2024", "Q2 2024"],
            ["\u200b\ufeffDold_x001F_ start", "", "Q1 2024", ""],
        ]
    )
    parsed = activity_plan_read(data=data)
    first, second = parsed.rows
    assert (first.title, first.description, first.when.text) == (
        "Nolltecken",
        "rad ett\nrad två",
        "Q1 2024",
    )
    assert (first.start, first.end) == (q("2024 Q1"), q("2024 Q2"))
    assert second.title == "Dold start"
    texts = [r.title + r.description + r.when.text + r.done.text for r in parsed.rows]
    assert not any(ch in text for text in texts for ch in "\x00\x07\x1f\r\u200b\ufeff")


def test_script_and_html_in_titles_are_kept_as_text():
    parsed = activity_plan_read(
        data=xlsx(
            ["<script>alert('t')</script>"],
            HEADER,
            ["<img src=x onerror=alert(1)>", "<b>hur</b>", "Q1 2024", ""],
        )
    )
    assert parsed.groups[0].heading == "<script>alert('t')</script>"
    assert parsed.rows[0].title == "<img src=x onerror=alert(1)>"


def test_texts_longer_than_the_fields_are_cut_with_a_warning_naming_the_cell():
    parsed = activity_plan_read(
        data=xlsx(
            ["T" * 5000],
            ["Rubrik " + "H" * 300],
            HEADER,
            ["V" * 32000, "D" * 32000, "Q1 2024", "K" * 300],
            bold={2},
            sheet="Plan",
        )
    )
    (row,) = parsed.rows
    assert (len(parsed.title), len(row.heading), len(row.title)) == (500, 200, 500)
    assert len(row.description) == 32000  # a text field: nothing to cut
    assert len(row.done.text) == 200
    assert [str(p) for p in parsed.problems] == [
        "Plan!A2: Rubriken är längre än 200 tecken och kortas.",
        "Plan!A4: VAD är längre än 500 tecken och kortas.",
        "Plan!D4: KLART ”" + "K" * 300 + "” kan inte läsas som en tidpunkt; inget slut sätts.",
        "Plan!D4: KLART är längre än 200 tecken och kortas.",
    ]


def many_rows(n: int, **kwargs) -> bytes:
    return xlsx(HEADER, *[[f"Aktivitet {i}", "", "Q1 2024", "Q2 2024"] for i in range(n)], **kwargs)


def test_a_10000_row_table_is_refused_naming_the_first_cell_past_the_limit():
    with pytest.raises(WorkbookRefused) as err:
        activity_plan_read(data=many_rows(10_000, sheet="Plan"))
    assert "”Plan” har text ända ned till A5001" in str(err.value)
    assert "högst 5\u00a0000 rader per blad" in str(err.value)


def test_more_activities_than_one_import_takes_are_refused():
    with pytest.raises(WorkbookRefused) as err:
        activity_plan_read(data=many_rows(parser.MAX_ACTIVITIES + 1, sheet="Plan"))
    assert str(err.value).startswith("Arbetsboken har 501 aktivitetsrader; högst 500")
    assert "Plan!A502" in str(err.value)


def test_exactly_the_limit_is_read():
    assert len(activity_plan_read(data=many_rows(parser.MAX_ACTIVITIES)).rows) == 500


def test_a_cell_far_below_the_table_refuses_the_file():
    data = raw_xlsx(
        [HEADER, ["A", "", "Q1 2024", ""]],
        tail='<row r="1048576"><c r="B1048576" t="inlineStr"><is><t>x</t></is></c></row>',
    )
    with pytest.raises(WorkbookRefused, match="ända ned till B1048576"):
        activity_plan_read(data=data)


def test_empty_rows_far_below_the_table_are_no_problem():
    tail = "".join(f'<row r="{r}"/>' for r in range(6000, 9000))
    parsed = activity_plan_read(data=raw_xlsx([HEADER, ["A", "", "Q1 2024", ""]], tail=tail))
    assert [r.title for r in parsed.rows] == ["A"]
    assert parsed.problems == []


def test_formula_errors_written_by_openpyxl_are_named():
    parsed = activity_plan_read(data=xlsx(HEADER, ["A", "#REF!", "#NAME?", "2024"]))
    (row,) = parsed.rows
    assert (row.description, row.start, row.when.text) == ("", None, "")
    assert [str(p) for p in parsed.problems] == [
        "Aktiviteter!B2: HUR är ett formelfel (#REF!) och lämnas tomt.",
        "Aktiviteter!C2: NÄR är ett formelfel (#NAME?); aktiviteten blir oplacerad och KLART "
        "sparas bara som text.",
    ]


def with_member(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as z:
        z.writestr(name, content)
    return out.getvalue()


def images_only(wb):
    from openpyxl.drawing.image import Image
    from PIL import Image as PILImage

    png = io.BytesIO()
    PILImage.new("RGB", (4, 4)).save(png, format="PNG")
    png.seek(0)
    wb.active.add_image(Image(png), "B2")


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
REFUSED = [
    ("empty-file", lambda: b"", "Filen är tom."),
    ("empty-workbook", lambda: workbook(lambda wb: None), "Hittade ingen aktivitetstabell"),
    ("images-only", lambda: workbook(images_only), "Hittade ingen aktivitetstabell"),
    (
        "zip-bomb",
        lambda: zip_of(
            {"xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": b" " * (60 << 20)}
        ),
        "packas upp",
    ),
    (
        "xlsm",
        lambda: with_member(xlsx(HEADER, ["A", "", "Q1 2024", ""]), "xl/vbaProject.bin", OLE2),
        "makroaktiverad",
    ),
    ("xls", lambda: OLE2 + b"\0" * 2000, "gamla Excel-formatet (.xls)"),
    (
        "password-protected",
        lambda: OLE2 + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100,
        "lösenordsskyddad",
    ),
    (
        "docx-renamed",
        lambda: zip_of({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}),
        "Word-dokument (.docx), ingen Excel-arbetsbok",
    ),
    (
        "pptx-renamed",
        lambda: zip_of({"ppt/presentation.xml": "<p/>"}),
        "PowerPoint-presentation",
    ),
    (
        "ods-renamed",
        lambda: zip_of(
            {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}
        ),
        "OpenDocument-kalkylark (.ods",
    ),
    ("xlsb", lambda: zip_of({"xl/workbook.bin": b"\0"}), "binär Excel-arbetsbok (.xlsb)"),
    ("csv-renamed", lambda: "VAD;NÄR\nA;Q1 2024\n".encode("cp1252"), "till exempel CSV"),
    (
        "html-renamed",
        lambda: b"<html><table><tr><td>VAD</td></tr></table></html>",
        "till exempel CSV",
    ),
    (
        "broken-sheet",
        lambda: raw_xlsx([HEADER])[:-200] + b"\0" * 200,
        "skadad",
    ),
    ("10000-rows", lambda: many_rows(10_000), "högst 5\u00a0000 rader per blad"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "words"), [(m, w) for _n, m, w in REFUSED], ids=[n for n, _m, _w in REFUSED]
)
def test_hostile_and_foreign_files_are_refused_with_a_sentence_and_nothing_written(make, words):
    before = (Plan.objects.count(), Activity.objects.count())
    with pytest.raises(WorkbookRefused) as err:
        activity_plan_read(data=make())
    assert words in str(err.value)
    assert (Plan.objects.count(), Activity.objects.count()) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make", "words"), [(m, w) for _n, m, w in REFUSED], ids=[n for n, _m, _w in REFUSED]
)
def test_the_upload_form_explains_every_refusal(client, make, words):
    client.force_login(planner())
    response = client.post(
        reverse("activities:plan_import"),
        {"file": SimpleUploadedFile("plan.xlsx", make(), content_type=XLSX)},
    )
    assert response.status_code == 200
    # An empty upload gets Django's own sentence, "Den skickade filen är tom."
    assert words.casefold().removeprefix("filen ") in response.content.decode().casefold()
    assert Plan.objects.count() == Activity.objects.count() == 0


@pytest.mark.django_db
def test_hostile_text_is_stored_clean_and_shown_escaped(client):
    client.force_login(planner())
    data = raw_xlsx(
        [
            ["&lt;script&gt;alert(1)&lt;/script&gt;"],
            HEADER,
            ["&lt;img src=x onerror=alert(1)&gt;_x0000_", "hur_x0000_", "Q1 2024", "Q2 2024"],
        ]
    )
    plan = PlanFactory(first_year=2024, last_year=2025)
    response = client.post(
        reverse("activities:plan_import"),
        {"file": SimpleUploadedFile("plan.xlsx", data, content_type=XLSX), "plan": plan.pk},
        follow=True,
    )
    html = response.content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x" not in html and "<script>alert" not in html
    response = client.post(response.redirect_chain[-1][0], {"lane": plan.lanes.first().pk})
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.title, activity.description, activity.heading) == (
        "<img src=x onerror=alert(1)>",
        "hur",
        "<script>alert(1)</script>",
    )
    map_html = client.get(plan.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in map_html


@pytest.mark.django_db
def test_500_activities_import_in_a_bounded_number_of_queries(django_assert_max_num_queries):
    parsed = activity_plan_read(data=many_rows(parser.MAX_ACTIVITIES))
    plan = PlanFactory(first_year=2024, last_year=2025)
    lane = plan.lanes.first()
    # Speed belongs to benchmarks/; here the import must not grow a query per row
    # beyond its one insert and history row per activity.
    with django_assert_max_num_queries(3 * parser.MAX_ACTIVITIES + 50):
        result = activity_plan_import(plan=plan, parsed=parsed, lane=lane, owner_level=None)
    assert result.created == 500


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
