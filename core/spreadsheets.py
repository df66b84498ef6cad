"""Reading any spreadsheet a region's office suite writes (.xlsx, .xls, .ods) into rows.

Pure: bytes in, plain rows out. python-calamine (Rust) reads all three formats
about seven times faster than openpyxl's read-only mode; openpyxl stays the
writer. Before anything is read, the file passes `check_workbook_bytes` and its
cells are counted from the raw XML, so a small file that would unfold into
millions of cells is refused before it costs memory.

Calamine reads a formula's saved result and cannot tell a formula without one
from an empty cell; `formulas` lists those places so that an importer can say
so: for .xlsx from the sheet XML (`formula_cells`), for .ods from content.xml.
A .xls always stores a result in its FORMULA record, so it has none.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

import python_calamine
from django.utils.translation import gettext as _
from openpyxl.utils import column_index_from_string, get_column_letter

from core.workbooks import Limits, WorkbookRefused, check_workbook_bytes, formula_cells

FORMATS = frozenset({"xlsx", "xls", "ods"})
CHUNK = 1 << 20

_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")
_PREFIX = re.compile(rb"<(\w{1,10}):worksheet\b")
# A valued cell whose reference comes first (as Excel, LibreOffice and openpyxl write it);
# group 3 is set for an error value (t="e").
_VALUED_REF = re.compile(
    rb'<c r="([A-Z]{1,3})(\d{1,7})"(?:[^>t]*+|t(?!="e"))*+(t="e")?[^>]*+(?<!/)>'
    rb"(?:<f[^>]*+>[^<]*+</f>|<f[^>]*+/>)?<(?:v|is)>"
)
_REF = re.compile(rb'\br="([A-Z]{1,3})?(\d{1,7})?"')
_ODS_TOKEN = re.compile(
    rb"<table:(table-row|table-cell|covered-table-cell|table)(?=[\s>/])([^>]*)>"
)
_ODS_ATTR = re.compile(
    rb'table:(number-rows-repeated|number-columns-repeated|name|formula)="([^"]*)"'
)


@dataclass
class SheetRows:
    title: str
    rows: list[tuple]
    # (row, column), 1-based -> a formula whose result was never saved
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class _Extent:
    """Cells holding a value in one sheet, and the rectangle they span."""

    count: int = 0
    rows: int = 0
    cols: int = 0
    # (row, column), 1-based -> an error value ("#REF!"), which calamine reads as empty
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    formulas: bool = False

    def add(self, row: int, col: int, times: int = 1) -> None:
        self.count += times
        self.rows, self.cols = max(self.rows, row), max(self.cols, col)

    @property
    def area(self) -> int:
        return self.rows * self.cols


def _too_many(count: int, limits: Limits) -> WorkbookRefused:
    return WorkbookRefused(
        _(
            "Filen innehåller %(count)s ifyllda celler; gränsen är %(max)s. Exportera en "
            "mindre tabell (till exempel en förvaltning i taget) och försök igen."
        )
        % {
            "count": f"{count:,}".replace(",", " "),
            "max": f"{limits.max_cells:,}".replace(",", " "),
        }
    )


def _too_wide(title: str, extent: _Extent, limits: Limits) -> WorkbookRefused:
    corner = f"{get_column_letter(min(extent.cols, 16384))}{extent.rows}"
    return WorkbookRefused(
        _(
            "Bladet %(sheet)s har värden ända ut till cell %(corner)s, fler celler än gränsen "
            "%(max)s. Ta bort det som står långt utanför tabellen och försök igen."
        )
        % {"sheet": title, "corner": corner, "max": f"{limits.max_cells:,}".replace(",", " ")}
    )


def _xlsx_extents(archive: zipfile.ZipFile) -> dict[str, _Extent]:
    """Per worksheet part: cells with a value (<v> or an inline string), streamed.

    Only the value tags are searched for (C speed), then each one's cell start,
    so a million formatted empty cells cost next to nothing."""
    found: dict[str, _Extent] = {}
    for name in archive.namelist():
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        extent = found.setdefault(name, _Extent())
        with archive.open(name) as member:
            rest, tags = b"", None
            while chunk := member.read(CHUNK):
                text = rest + chunk
                if tags is None:
                    prefix = _PREFIX.search(text[:4096])
                    tags = _Tags(prefix.group(1) + b":" if prefix else b"")
                cut = text.rfind(tags.cell)
                cut = cut if cut > 0 else len(text)
                text, rest = text[:cut], text[cut:]
                _count_xlsx(text, extent, tags)
                extent.formulas = extent.formulas or bool(_FORMULA.search(text))
            if tags is not None:
                _count_xlsx(rest, extent, tags)
                extent.formulas = extent.formulas or bool(_FORMULA.search(rest))
    return found


class _Tags:
    def __init__(self, prefix: bytes):
        self.prefixed = bool(prefix)
        self.cell = b"<" + prefix + b"c "
        self.value = re.compile(b"<" + re.escape(prefix) + b"(v|is)>")


def _count_xlsx(text: bytes, extent: _Extent, tags: _Tags) -> None:
    found = tags.value.findall(text)
    if not found:
        return
    if not tags.prefixed and len(found) * 64 > len(text):
        # Dense (a real table): one C-speed pass over the valued cells' references.
        refs = _VALUED_REF.findall(text)
        if len(refs) == len(found):
            extent.count += len(refs)
            extent.rows = max(extent.rows, max(int(r) for _c, r, _e in refs))
            widest = max({c for c, _r, _e in refs}, key=lambda c: (len(c), c))
            extent.cols = max(extent.cols, column_index_from_string(widest.decode()))
            if any(e for _c, _r, e in refs):
                _errors(text, extent, tags, count=False)
            return
    _errors(text, extent, tags)


def _errors(text: bytes, extent: _Extent, tags: _Tags, *, count: bool = True) -> None:
    """Cell by cell: each value's cell reference, and error values."""
    for match in tags.value.finditer(text):
        start = text.rfind(tags.cell, 0, match.start())
        attrs = text[start : text.find(b">", start)] if start >= 0 else b""
        ref = _REF.search(attrs)
        if ref and ref.group(1) and ref.group(2):
            row, col = int(ref.group(2)), column_index_from_string(ref.group(1).decode())
        else:  # no reference: position unknown, count it all the same
            row, col = 1, 1
        if b't="e"' in attrs and match.group(1) == b"v":
            value = text[match.end() : text.find(b"<", match.end())]
            extent.errors[(row, col)] = value.decode("utf-8", "replace")[:20]
        if count:
            extent.add(row, col)


def _ods_scan(data: bytes) -> tuple[dict[str, _Extent], dict[str, dict[tuple[int, int], str]]]:
    """Per table: cells with a value (repeats counted), and formulas without a result."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = archive.read("content.xml")
    extents: dict[str, _Extent] = {}
    formulas: dict[str, dict[tuple[int, int], str]] = {}
    extent, title, row, col, row_repeat = _Extent(), "", 0, 0, 1
    for match in _ODS_TOKEN.finditer(content):
        tag, attrs = match.group(1), match.group(2)
        found = {k: v for k, v in _ODS_ATTR.findall(attrs)}
        if tag == b"table":
            title = found.get(b"name", b"").decode("utf-8", "replace")
            extent = extents.setdefault(title, _Extent())
            row, row_repeat = 0, 1
        elif tag == b"table-row":
            row += row_repeat
            row_repeat, col = int(found.get(b"number-rows-repeated", 1)), 0
        else:
            repeat = int(found.get(b"number-columns-repeated", 1))
            if b"office:value-type" in attrs:
                extent.add(row + row_repeat - 1, col + repeat, repeat * row_repeat)
            elif b"formula" in found:
                formula = found[b"formula"].decode("utf-8", "replace").removeprefix("of:")
                formulas.setdefault(title, {})[(row, col + 1)] = formula[:100]
            col += repeat
    return extents, formulas


def _check_extents(extents: dict[str, _Extent], limits: Limits, titles=None) -> None:
    total = sum(e.count for e in extents.values())
    if total > limits.max_cells:
        raise _too_many(total, limits)
    for key, extent in extents.items():
        if extent.area > limits.max_cells:
            raise _too_wide((titles or {}).get(key, key), extent, limits)


def _xlsx_titles(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part -> its sheet's title, for messages only (best effort)."""
    try:
        book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = dict(re.findall(r'Id="([^"]+)"[^>]*Target="/?(?:xl/)?([^"]+)"', rels))
    targets |= {k: v for v, k in re.findall(r'Target="/?(?:xl/)?([^"]+)"[^>]*Id="([^"]+)"', rels)}
    titles = {}
    for name, rid in re.findall(r'<(?:\w+:)?sheet\b[^>]*name="([^"]*)"[^>]*r:id="([^"]+)"', book):
        if rid in targets:
            titles["xl/" + targets[rid]] = name
    return titles


def read_spreadsheet(data: bytes, limits: Limits | None = None) -> list[SheetRows]:
    """Every worksheet's rows (None for an empty cell), refusing unsafe or oversized files."""
    limits = limits or Limits()
    kind = check_workbook_bytes(data, limits, formats=FORMATS)
    try:
        return _read_checked(data, kind, limits)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError, RuntimeError):
        # A member that passed the zip's directory check but does not inflate.
        raise WorkbookRefused(
            _("Filen är skadad eller ofullständig och kan inte läsas som en Excel-arbetsbok.")
        ) from None


def _read_checked(data: bytes, kind: str, limits: Limits) -> list[SheetRows]:
    formulas: dict[str, dict[tuple[int, int], str]] = {}
    errors: dict[str, dict[tuple[int, int], str]] = {}
    if kind == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            extents, titles = _xlsx_extents(archive), _xlsx_titles(archive)
        _check_extents(extents, limits, titles)
        errors = {titles.get(k, k): e.errors for k, e in extents.items() if e.errors}
        # Formulas are read (again, with openpyxl) only from a file that has any.
        formulas = formula_cells(data) if any(e.formulas for e in extents.values()) else {}
    elif kind == "ods":
        extents, formulas = _ods_scan(data)
        _check_extents(extents, limits)
    sheets = _read_rows(data, limits, formulas)
    for sheet in sheets:
        _put_errors(sheet.rows, errors.get(sheet.title, {}))
    return sheets


def _put_errors(rows: list[tuple], errors: dict[tuple[int, int], str]) -> None:
    """Error cells read as their text ("#REF!"), so that a reader can name them."""
    for (r, c), text in errors.items():
        if 0 < r <= len(rows) and c > 0:
            row = list(rows[r - 1]) + [None] * max(0, c - len(rows[r - 1]))
            if row[c - 1] is None:
                row[c - 1] = text
            rows[r - 1] = tuple(row)


def _read_rows(data: bytes, limits: Limits, formulas: dict) -> list[SheetRows]:
    sheets: list[SheetRows] = []
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        for meta in workbook.sheets_metadata:
            if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            # A second guard for .xls, whose cells are not counted beforehand.
            extent = _Extent(0, sheet.total_height + 1, sheet.total_width + 1)
            if sheet.total_height and extent.area > limits.max_cells:
                raise _too_wide(meta.name, extent, limits)
            rows = [
                tuple(None if v == "" else v for v in row)
                for row in sheet.to_python(skip_empty_area=False)
            ]
            sheets.append(SheetRows(meta.name, rows, formulas.get(meta.name, {})))
    except WorkbookRefused:
        raise
    except python_calamine.PasswordError:
        raise WorkbookRefused(
            _("Filen är lösenordsskyddad. Ta bort lösenordet och försök igen.")
        ) from None
    except Exception:  # calamine raises many kinds; all mean "cannot read"
        raise WorkbookRefused(
            _("Filen kunde inte läsas som ett kalkylark; den kan vara skadad.")
        ) from None
    return sheets
