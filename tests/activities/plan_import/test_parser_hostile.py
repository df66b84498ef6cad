"""Hostile and foreign files: refused with a Swedish sentence naming the cell, or
read with the harm taken out; never a 500, never a partial write."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from activities.models import Activity
from activities.plan_import import parser
from activities.plan_import.services import activity_plan_import, activity_plan_read
from core.workbooks import WorkbookRefused
from roadmap.models import Plan
from tests.activities.plan_import.test_parser import HEADER, xlsx
from tests.activities.plan_import.workbooks import (
    XLSX,
    q,
    raw_xlsx,
    workbook,
    zip_of,
)
from tests.factories import PlanFactory, planner

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
