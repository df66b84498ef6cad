"""A cell's place as the user reads it ("Blad1!C8"), for messages that say where.

Pure and cached: a region's file has 120,000 cells, but few sheets and columns.
"""

from __future__ import annotations

import functools
import re

from openpyxl.utils import get_column_letter

_letter = functools.cache(get_column_letter)


def place(sheet: str, column: int, row: int) -> str:
    """1-based column and row as "Blad1!C8" (quoted when the name needs it)."""
    return f"{sheet_name(sheet)}!{_letter(column)}{row}"


@functools.cache
def sheet_name(sheet: str) -> str:
    return sheet if re.fullmatch(r"\w+", sheet) else "'" + sheet.replace("'", "''") + "'"


@functools.cache
def column_place(sheet: str, column: int) -> str:
    """ "Blad1!C" for the 0-based `column`: a cell's place is this and its row number."""
    return f"{sheet_name(sheet)}!{_letter(column + 1)}"
