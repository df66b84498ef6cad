"""Feed responses: pages, CSV and ETags. Pure: plain rows in, bytes out."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Sequence

from core.workbooks import FORMULA_STARTS

CSV_MAX_ROWS = 100_000


def etag_for(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_matches(if_none_match: str, etag: str) -> bool:
    """If-None-Match holds `etag` (weak or strong) or is "*"."""
    if not if_none_match:
        return False
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet opens as text, never as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        # CSV has no quote prefix as .xlsx has (core.workbooks.append_row): the
        # leading apostrophe is the usual neutraliser, and the kernel says what a formula is.
        return "'" + value
    return value


def csv_bytes(columns: Sequence[str], rows: Iterable[dict]) -> bytes:
    """UTF-8 with a BOM (so Excel reads å, ä, ö), comma-separated, one header row."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
