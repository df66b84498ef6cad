import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from core.workbooks import (
    Limits,
    WorkbookRefused,
    append_row,
    formula_cells,
    open_workbook,
)


def xlsx_bytes() -> bytes:
    wb = Workbook()
    wb.active["A1"] = "Radetiketter"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_real_workbook_opens():
    wb = open_workbook(xlsx_bytes())
    assert next(wb.active.iter_rows(values_only=True))[0] == "Radetiketter"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "tom"),
        (b"Radetiketter;202103\n1722100 Akut;62\n", "CSV"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
    ],
)
def test_not_a_workbook_is_refused_with_a_sentence(data, words):
    with pytest.raises(WorkbookRefused) as err:
        open_workbook(data)
    assert words in str(err.value)


def test_truncated_file_is_refused():
    data = xlsx_bytes()
    with pytest.raises(WorkbookRefused, match="skadad"):
        open_workbook(data[: len(data) // 2])


def test_oversized_file_is_refused():
    with pytest.raises(WorkbookRefused, match="största tillåtna"):
        open_workbook(xlsx_bytes(), limits=Limits(max_bytes=100))


def test_inflating_zip_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    with pytest.raises(WorkbookRefused, match="packas upp"):
        open_workbook(out.getvalue())


def test_macro_workbook_is_refused():
    data = io.BytesIO(xlsx_bytes())
    with zipfile.ZipFile(data, "a") as z:
        z.writestr("xl/vbaProject.bin", b"macro")
    with pytest.raises(WorkbookRefused, match="makro"):
        open_workbook(data.getvalue())


def test_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(WorkbookRefused, match="ingen Excel"):
        open_workbook(out.getvalue())


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"])
def test_formula_like_text_is_stored_as_quoted_text(text):
    ws = Workbook().active
    append_row(ws, [text, "Plan 2029", -2])
    out = io.BytesIO()
    ws.parent.save(out)
    a1, b1, c1 = load_workbook(io.BytesIO(out.getvalue())).active[1]
    assert (a1.value, a1.data_type, a1.quotePrefix) == (text, "s", True)
    assert (b1.value, b1.quotePrefix) == ("Plan 2029", False)
    assert (c1.value, c1.data_type, c1.quotePrefix) == (-2, "n", False)


def zip_of(members: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        (
            zip_of({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}),
            "Filen är ett OpenDocument-kalkylark (.ods, till exempel från LibreOffice). "
            "Spara den som Excel-arbetsbok (.xlsx) och försök igen.",
        ),
        (
            zip_of({"xl/workbook.bin": "x"}),
            "Filen är en binär Excel-arbetsbok (.xlsb). Spara den som Excel-arbetsbok (.xlsx) "
            "och försök igen.",
        ),
        (
            zip_of({"word/document.xml": "<w/>"}),
            "Filen är ett Word-dokument (.docx), ingen Excel-arbetsbok. Tabellen behöver ligga "
            "i en Excel-arbetsbok (.xlsx).",
        ),
        (zip_of({"ppt/presentation.xml": "<p/>"}), "en PowerPoint-presentation (.pptx)"),
        (zip_of({"mimetype": "application/vnd.oasis.opendocument.text"}), "OpenDocument-dokument"),
        (zip_of({"Index/Document.iwa": "x"}), "Numbers-kalkylark"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
            "Filen är lösenordsskyddad.",
        ),
    ],
    ids=["ods", "xlsb", "docx", "pptx", "odt", "numbers", "password"],
)
def test_other_formats_are_named_so_the_person_knows_what_to_do(data, sentence):
    with pytest.raises(WorkbookRefused) as err:
        open_workbook(data)
    assert sentence in str(err.value)


def _saved(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_formula_cells_lists_formulas_by_sheet_and_place():
    wb = Workbook()
    wb.active.title = "Blad1"
    wb.active["B7"] = "=30+7"
    wb.create_sheet("Blad2")["A1"] = "text only"
    assert formula_cells(_saved(wb)) == {"Blad1": {(7, 2): "=30+7"}}


def test_formula_cells_is_empty_without_formulas():
    wb = Workbook()
    wb.active["A1"] = "=not a formula, just text"  # openpyxl stores it as a formula ...
    wb.active["A1"].data_type = "s"  # ... unless told it is text
    wb.active["A2"] = 5
    assert formula_cells(_saved(wb)) == {}
