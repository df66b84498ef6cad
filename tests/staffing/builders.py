"""Workbooks shaped like the HR system's pivot export, built in the tests."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from openpyxl import Workbook

SHARED = Path(__file__).parent / "data" / "personal_medicinkliniken_koping_fagersta.xlsx"

PERIODS = [202103, 202203, 202303, 202403]
# The seed's table ("Personalsiffror medicinkliniken Köping"), None = no figure.
ROWS = [
    ("1722100 Akutmottagningen Köping", [62, 58, 58, 62]),
    ("1722110 Medicin Läkare Köping", [37, 41, 41, 42]),
    ("1722115 Pool Köping", [7, 8, 7, 6]),
    ("1722120 Avd 1 Köping", [43, 49, 38, 42]),
    ("1722125 Avd 2 Köping", [57, 51, 48, 49]),
    ("1722130 Avd 3 Köping", [45, 42, 36, 39]),
    ("1722131 Avd 1 Fagersta", [25, 30, 35, 31]),
    ("1722140 Rehabiliteringsenheten Köping", [43, 43, 39, 42]),
    ("1722141 Rehabiliteringen Fagersta", [7, 9, 9, 8]),
    ("1722160 Skrivfunktion Köping", [20, 19, 22, None]),
    ("1722160 Vårdadministrativa enheten Köping", [None, None, None, 22]),
    ("1722180 Medicinmottagning Köping", [25, 23, 24, 22]),
    ("1722181 Medicinmottagningen Fagersta", [10, 10, 9, 11]),
    ("1722182 Endoskopimottagningen Köping", [8, 8, 12, 11]),
    ("1722190 Dialys Köping", [16, 16, 15, 16]),
    ("1722196 Avancerad Hemsjukvård Köping", [3, 3, 4, 5]),
    ("1722199 Närvårdsteam Fagersta", [None, None, 3, 3]),
]
TOTALS = [415, 416, 406, 417]
LEAVERS = ["10(5)", "15(9)", "14(8)", "18(7)"]
LEAVER_YEARS = [2021, 2022, 2023, "2024 (tom 11 april)"]
BASE_UNIT = "P3 Medicinkliniken Köping Fagersta"

SWEDISH = {
    "admin": "Förvaltning",
    "base": "Basenhet",
    "sum": "Summan av Antal anställda totalt",
    "columns": "Kolumnetiketter",
    "rows": "Radetiketter",
    "total": "Totalsumma",
    "all": "All",
}
ENGLISH = {
    "admin": "Förvaltning",
    "base": "Basenhet",
    "sum": "Sum of Antal anställda totalt",
    "columns": "Column Labels",
    "rows": "Row Labels",
    "total": "Grand Total",
    "all": "(All)",
}


def period_as(period: int, style: str):
    year, month = divmod(period, 100)
    if style == "date":
        return dt.datetime(year, month, 1)
    return {"int": period, "text": str(period), "dash": f"{year}-{month:02d}"}[style]


def write_block(
    ws,
    top: int = 1,
    *,
    labels: dict = SWEDISH,
    administration: str | None = None,
    base_unit: str | None = BASE_UNIT,
    periods=PERIODS,
    period_style: str = "int",
    rows=ROWS,
    totals=TOTALS,
    leavers=LEAVERS,
    gap: bool = True,
    text_numbers: bool = False,
) -> int:
    """Writes one pivot block from row `top`; returns the next free row."""
    first = 3 if gap else 2  # the first value column
    r = top
    ws.cell(r, 1, labels["admin"])
    ws.cell(r, 2, administration or labels["all"])
    r += 1
    if base_unit is not None:
        ws.cell(r, 1, labels["base"])
        ws.cell(r, 2, base_unit)
        r += 1
    r += 1
    ws.cell(r, 1, labels["sum"])
    ws.cell(r, 2, labels["columns"])
    r += 1
    ws.cell(r, 1, labels["rows"])
    for i, period in enumerate(periods):
        ws.cell(r, first + i, period_as(period, period_style))
    r += 1
    for label, values in rows:
        ws.cell(r, 1, label)
        for i, value in enumerate(values):
            if value is not None:
                if text_numbers and isinstance(value, int):
                    value = f"{value:,}".replace(",", " ") + " "
                ws.cell(r, first + i, value)
        r += 1
    if totals is not None:
        ws.cell(r, 1, labels["total"])
        for i, value in enumerate(totals):
            ws.cell(r, first + i, value)
        r += 1
    if leavers is not None:
        for i, year in enumerate(LEAVER_YEARS):
            ws.cell(r, first + i, year)
        r += 1
        ws.cell(
            r,
            1,
            "Antal som har slutat på medicinkliniken Köping-Fagersta januari till och med mars "
            "(varav ssk)",
        )
        for i, value in enumerate(leavers):
            ws.cell(r, first + i, value)
        r += 1
    return r


def pivot_workbook(*, title_rows: int = 0, sheet: str = "Blad1", **kwargs) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for i in range(title_rows):
        ws.cell(i + 1, 1, f"Personalsiffror medicinkliniken Köping (rubrik {i + 1})")
    write_block(ws, title_rows + 1 + (1 if title_rows else 0), **kwargs)
    return wb


def to_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def pivot_bytes(**kwargs) -> bytes:
    return to_bytes(pivot_workbook(**kwargs))


def with_rows(changes: dict[str, list]) -> list:
    """The seed's rows with some replaced by label."""
    return [(label, changes.get(label, values)) for label, values in ROWS]


# A whole region's export: every base unit at once --------------------------------------
VASTERAS = [
    ("1733100 Akutmottagningen Västerås", [100, 100, 100, 100]),
    ("1733110 Avd 5 Västerås", [30, 30, 30, 30]),
]


def datapilot_all_units_workbook(*, english: bool = True) -> Workbook:
    """LibreOffice Calc's DataPilot over all base units: Enhet as the only row field,
    "Total Result" row and column, and the flat source sheet beside it."""
    total = "Total Result" if english else "Totalt Resultat"
    wb = Workbook()
    data = wb.active
    data.title = "Data"
    data.append(["Basenhet", "Enhet", "Period", "Antal anställda"])
    for base, rows in ((BASE_UNIT, ROWS), ("P1 Akutkliniken Västerås", VASTERAS)):
        for label, values in rows:
            for period, value in zip(PERIODS, values, strict=True):
                if value is not None:
                    data.append([base, label, period, value])
    ws = wb.create_sheet("Pivot")
    ws.append(["Filter" if english else "Filtrera"])
    ws.append(["Förvaltning", "- all -" if english else "- alla -"])
    ws.append(["Basenhet", "- all -" if english else "- alla -"])
    ws.append([])
    ws.append(["Sum - Antal anställda" if english else "Summa - Antal anställda", "Period"])
    ws.append(["Enhet", *PERIODS, total])
    rows = sorted(ROWS[:9] + VASTERAS + ROWS[9:])
    merged: dict[str, list] = {}
    for label, values in rows:  # one row per unit code and name, as the DataPilot shows
        merged[label] = values
    for label, values in merged.items():
        ws.append([label, *values, sum(v or 0 for v in values)])
    sums = [sum(v[i] or 0 for v in merged.values()) for i in range(len(PERIODS))]
    ws.append([total, *sums, sum(sums)])
    return wb


def all_units_pivot_bytes(filter_value: str | None = "(Alla)", **kwargs) -> bytes:
    """Excel's compact pivot with the Basenhet filter on all (or no filter at all)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Blad1"
    write_block(ws, 1, base_unit=filter_value, **kwargs)
    return to_bytes(wb)
