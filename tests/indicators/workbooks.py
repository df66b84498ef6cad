"""Building small indicator workbooks for the import tests."""

import io

from openpyxl import Workbook


def workbook(rows, *, title="RUB5", percent_cells=(), formulas=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for ref in percent_cells:
        ws[ref].number_format = "0%"
    for ref, formula in (formulas or {}).items():
        ws[ref] = formula
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


RUB5_ROWS = [
    ["Mått", "R12 2023-03 antal", "R12 2023-03"],
    ["Besökt akuten", "3 460", "64%"],
    ["Åkt ambulans", 1971, 0.37],
    ["Genomsnittsålder, RUB-nivå 5", None, "73,69"],
]
