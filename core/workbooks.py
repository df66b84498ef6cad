"""Opening uploaded workbooks safely, and writing sheets safely and one way.

Pure: no models. Every importer (staffing, activity plans) opens uploads
through `open_workbook`, so a CSV with the wrong name, a truncated file, a
macro workbook or a zip bomb is refused the same way, with a sentence a
person understands, before anything is parsed or written. Every export
(the report, the staffing tables) writes rows through `append_row` and lays
its sheets out with `format_sheet`, so all of them read and print alike.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_INFLATED = 200 * 1024 * 1024
# About 2,000 units x 60 months with room to spare; more is a mistake or an attack.
DEFAULT_MAX_CELLS = 2_000_000
MAX_MEMBERS = 5_000
# A real worksheet compresses well, but not a thousandfold.
MAX_RATIO = 200
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"


class WorkbookRefused(ValueError):
    """The file cannot be read as a workbook; `str(err)` is for the user."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_inflated: int = DEFAULT_MAX_INFLATED
    max_cells: int = DEFAULT_MAX_CELLS


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",")


def too_large_message(size: int, limit: int) -> str:
    """The one refusal of a file over the upload limit, for forms and the workbook check."""
    return _("Filen är %(size)s MB; största tillåtna storlek är %(max)s MB.") % {
        "size": _mb(size),
        "max": _mb(limit),
    }


def check_workbook_bytes(
    data: bytes, limits: Limits = Limits(), *, formats: frozenset[str] = frozenset({"xlsx"})
) -> str:
    """Raises WorkbookRefused unless `data` looks like a safe workbook in one of `formats`
    ("xlsx", "xls", "ods"); returns which one it is."""
    if not data:
        raise WorkbookRefused(_("Filen är tom."))
    if len(data) > limits.max_bytes:
        raise WorkbookRefused(too_large_message(len(data), limits.max_bytes))
    if data.startswith(OLE2_MAGIC):
        return _check_ole2(data, formats)
    if not data.startswith(ZIP_MAGIC):
        raise WorkbookRefused(
            _(
                "Filen är inte en Excel-arbetsbok (.xlsx)%(hint)s. Spara den som "
                "Excel-arbetsbok och försök igen."
            )
            % {
                "hint": _(" – den ser ut att vara text, till exempel CSV")
                if _looks_like_text(data)
                else ""
            }
        )
    return _check_zip(data, limits, formats)


def _check_ole2(data: bytes, formats: frozenset[str]) -> str:
    """An OLE2 container: a legacy .xls, or a password-protected .xlsx inside one."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise WorkbookRefused(
            _(
                "Filen är lösenordsskyddad. Ta bort lösenordet i Excel (Arkiv → Info → "
                "Skydda arbetsbok) och försök igen."
            )
        )
    if "xls" in formats:
        return "xls"
    raise WorkbookRefused(
        _(
            "Filen är i det gamla Excel-formatet (.xls). Öppna den i Excel och "
            "spara som Excel-arbetsbok (.xlsx)."
        )
    )


def _check_zip(data: bytes, limits: Limits, formats: frozenset[str]) -> str:
    """A zip package: refuses zip bombs, non-workbooks and macro workbooks."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise WorkbookRefused(
            _("Filen är skadad eller ofullständig och kan inte läsas som en Excel-arbetsbok.")
        ) from None
    names = {m.filename for m in members}
    if len(members) > MAX_MEMBERS:
        raise WorkbookRefused(_("Filen innehåller orimligt många delar för en arbetsbok."))
    inflated = sum(m.file_size for m in members)
    compressed = sum(m.compress_size for m in members) or 1
    if inflated > limits.max_inflated or (
        inflated > 10 * 1024 * 1024 and inflated / compressed > MAX_RATIO
    ):
        raise WorkbookRefused(
            _(
                "Filen skulle packas upp till %(size)s MB, vilket är mer än en arbetsbok "
                "rimligen innehåller (gräns %(max)s MB). Den tas inte emot."
            )
            % {"size": _mb(inflated), "max": _mb(limits.max_inflated)}
        )
    if "xl/workbook.xml" not in names:
        if "ods" in formats and _mimetype(archive, names) == ODS_MIMETYPE:
            return "ods"
        raise WorkbookRefused(_other_zip(archive, names))
    if "xl/vbaProject.bin" in names or any(
        n.lower().endswith(".bin") and "vba" in n.lower() for n in names
    ):
        raise WorkbookRefused(
            _(
                "Filen är en makroaktiverad arbetsbok. Spara den som vanlig "
                "Excel-arbetsbok (.xlsx) utan makron och försök igen."
            )
        )
    return "xlsx"


def _mimetype(archive: zipfile.ZipFile, names: set[str]) -> str:
    """An OpenDocument file's declared type ("" when it has none)."""
    mimetype = ""
    if "mimetype" in names:
        with (
            contextlib.suppress(zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError),
            archive.open("mimetype") as member,
        ):
            mimetype = member.read(100).decode("ascii", "replace").strip()
    return mimetype


def _other_zip(archive: zipfile.ZipFile, names: set[str]) -> str:
    """What a zip that is not an .xlsx is, said so that the person knows what to do."""
    mimetype = _mimetype(archive, names)
    spreadsheet = None  # a spreadsheet in another format: saving as .xlsx is the cure
    if "opendocument.spreadsheet" in mimetype:
        spreadsheet = _("ett OpenDocument-kalkylark (.ods, till exempel från LibreOffice)")
    elif "xl/workbook.bin" in names:
        spreadsheet = _("en binär Excel-arbetsbok (.xlsb)")
    elif "Index/Document.iwa" in names:
        spreadsheet = _("ett Numbers-kalkylark")
    if spreadsheet:
        return _("Filen är %(kind)s. Spara den som Excel-arbetsbok (.xlsx) och försök igen.") % {
            "kind": spreadsheet
        }
    document = None
    if "word/document.xml" in names:
        document = _("ett Word-dokument (.docx)")
    elif "ppt/presentation.xml" in names:
        document = _("en PowerPoint-presentation (.pptx)")
    elif "opendocument" in mimetype:
        document = _("ett OpenDocument-dokument")
    if document:
        return _(
            "Filen är %(kind)s, ingen Excel-arbetsbok. Tabellen behöver ligga i en "
            "Excel-arbetsbok (.xlsx)."
        ) % {"kind": document}
    return _("Filen är ett zip-arkiv men ingen Excel-arbetsbok (.xlsx).")


def _looks_like_text(data: bytes) -> bool:
    head = data[:2048]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return b"\x00" not in head


def open_workbook(data: bytes, *, limits: Limits = Limits(), read_only: bool = True) -> Workbook:
    """Checks `data` and opens it with openpyxl (values, not formulas)."""
    check_workbook_bytes(data, limits)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it ignores; not the user's problem.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), read_only=read_only, data_only=True)
    except Exception:  # openpyxl raises many kinds; all mean "cannot read"
        raise WorkbookRefused(
            _("Filen kunde inte läsas som en Excel-arbetsbok; den kan vara skadad.")
        ) from None


_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")


def formula_cells(data: bytes) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet title -> {(row, column): formula} (1-based) for sheets that hold formulas.

    Opening with values (`open_workbook`) reads a formula whose result was never
    saved (a file written by a script) as an empty cell; an importer uses this to
    say so instead. Sheets without formulas are not read twice. Call only on data
    that `check_workbook_bytes` accepted."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if not any(
            _FORMULA.search(archive.read(n))
            for n in archive.namelist()
            if n.startswith("xl/worksheets/") and n.endswith(".xml")
        ):
            return {}
    found: dict[str, dict[tuple[int, int], str]] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            for sheet in workbook.worksheets:
                if not hasattr(sheet, "iter_rows"):
                    continue
                sheet.reset_dimensions()
                cells = found.setdefault(sheet.title, {})
                for row in sheet.iter_rows():
                    for cell in row:
                        if getattr(cell, "data_type", None) == "f":
                            cells[(cell.row, cell.column)] = str(cell.value)[:100]
        finally:
            workbook.close()
    except Exception:  # openpyxl raises many kinds; all mean "cannot read"
        raise WorkbookRefused(
            _("Filen kunde inte läsas som en Excel-arbetsbok; den kan vara skadad.")
        ) from None
    return {title: cells for title, cells in found.items() if cells}


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8ECF1")
WRAP = Alignment(wrap_text=True, vertical="top")
MIN_WIDTH, MAX_WIDTH = 8, 60


def append_row(ws: Worksheet, values: list[object]) -> None:
    """Appends `values` as data: text never runs as a formula.

    Text that a spreadsheet would read as a formula ("=1+1") is stored as text
    with Excel's quote prefix, so the reader sees exactly "=1+1", nothing runs,
    and editing the cell keeps it text."""
    ws.append([_data(ws, value) for value in values])


def _data(ws: Worksheet, value: object) -> object:
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not value.startswith(FORMULA_STARTS):
        return value
    cell = Cell(ws, value=value)
    cell.data_type, cell.quotePrefix = "s", True
    return cell


def _shown_width(value: object) -> int:
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    return max(len(line) for line in str(value).split("\n"))


def format_sheet(ws: Worksheet, *, header_row: int = 1, frozen_columns: int = 0) -> None:
    """The house rule for every sheet we write: a bold, frozen header with filters,
    column widths that fit the contents (long text wraps), and a landscape A4
    print that fits the page width and repeats the header on every page."""
    for cell in ws[header_row]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=header_row):
        for cell in row:
            if cell.value is None or cell.value == "":
                continue
            width = _shown_width(cell.value)
            widths[cell.column] = max(widths.get(cell.column, 0), width)
            if width > MAX_WIDTH or isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = WRAP
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(
            MAX_WIDTH, max(MIN_WIDTH, width + 2)
        )
    ws.freeze_panes = ws.cell(header_row + 1, frozen_columns + 1).coordinate
    last = get_column_letter(max(ws.max_column, 1))
    ws.auto_filter.ref = f"A{header_row}:{last}{max(ws.max_row, header_row)}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def cell_ref(column: int, row: int) -> str:
    """1-based column and row as an A1 reference: cell_ref(3, 8) == "C8"."""
    return f"{get_column_letter(column)}{row}"
