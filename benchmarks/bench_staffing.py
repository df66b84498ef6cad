"""Staffing import and dashboard at 2,000 units × 60 monthly periods.

The import (parse, compare with the database, write with history) is set
against plain openpyxl read-only iteration over the same bytes, measured in
the same run. The dashboard is one base unit's page (100 units × 60 periods)
with the whole import in the database, against fetching its figures alone.
"""

from __future__ import annotations

import io
import tempfile
import time

from benchmarks.common import Row, best_of, ms, peak_memory, ratio, superuser
from benchmarks.database import require_own_database

BASES = 20


def build_workbook(units: int, periods: int) -> bytes:
    from openpyxl import Workbook

    per_base = max(1, units // BASES)
    wb = Workbook(write_only=True)
    months = [(2020 + m // 12) * 100 + m % 12 + 1 for m in range(periods)]
    code = 1_700_000
    for b in range(BASES):
        ws = wb.create_sheet(f"Blad{b + 1}")
        ws.append(["Förvaltning", "Västmanlands sjukhus" if b % 2 else "Primärvården"])
        ws.append(["Basenhet", f"P{b} Basenhet {b}"])
        ws.append([])
        ws.append(["Summan av Antal anställda totalt", "Kolumnetiketter"])
        ws.append(["Radetiketter", None, *months])
        sums = [0] * periods
        for u in range(per_base):
            code += 1
            values = [(u * 7 + m) % 60 + 1 if (u + m) % 17 else None for m in range(periods)]
            for i, v in enumerate(values):
                sums[i] += v or 0
            ws.append([f"{code} Enhet {code}", None, *values])
        ws.append(["Totalsumma", None, *(s + 3 for s in sums)])
        years = sorted({m // 100 for m in months})
        ws.append([None, None, *years])
        ws.append(
            ["Antal som har slutat (varav ssk)", None, *(f"{10 + y % 7}({y % 5})" for y in years)]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def openpyxl_baseline(data: bytes) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            n += len(row)
    wb.close()
    return n


def wipe() -> None:
    from staffing import models

    require_own_database()
    for figures in (models.Headcount, models.ReportedTotal, models.Leavers):
        figures.objects.all().delete()
        figures.history.all().delete()
    for model in (models.Unit, models.BaseUnit, models.Administration, models.ImportBatch):
        model.objects.all().delete()


def import_once(data: bytes) -> object:
    from core.workbooks import Limits
    from staffing.parser import parse_staffing_bytes
    from staffing.services import sha256_of, staffing_import_commit, staffing_import_preview

    parsed = parse_staffing_bytes(data, limits=Limits(50 * 2**20, 500 * 2**20))
    staffing_import_preview(parsed=parsed, sha256=sha256_of(data), filename="bench.xlsx")
    return staffing_import_commit(parsed=parsed, data=data, filename="bench.xlsx", user=None)


def run(quick: bool) -> list[Row]:
    from django.test.utils import override_settings

    units, periods = (200, 12) if quick else (2_000, 60)
    repeat = 2 if quick else 3
    data = build_workbook(units, periods)
    with override_settings(MEDIA_ROOT=tempfile.mkdtemp(), ALLOWED_HOSTS=["testserver"]):
        rows = _import_rows(data, f"{units} enheter × {periods} mån", repeat)
        rows += _dashboard_rows(periods, repeat)
        wipe()
    return rows


def _import_rows(data: bytes, size: str, repeat: int) -> list[Row]:
    from core.workbooks import Limits
    from staffing.models import Headcount
    from staffing.parser import parse_staffing_bytes

    base = best_of(lambda: openpyxl_baseline(data), repeat)
    limits = Limits(50 * 2**20, 500 * 2**20)
    parse = best_of(lambda: parse_staffing_bytes(data, limits=limits), repeat)
    rows = [
        Row(
            "staffing parse",
            size,
            ms(parse),
            ms(base),
            ratio(parse, base),
            f"openpyxl read-only iteration; file {len(data) / 2**20:.1f} MB",
        )
    ]
    times = []
    for _ in range(repeat):
        wipe()
        start = time.perf_counter()
        import_once(data)
        times.append(time.perf_counter() - start)
    full = sorted(times)[len(times) // 2]
    rows.append(
        Row(
            "staffing import (parse+preview+commit)",
            size,
            ms(full),
            ms(base),
            ratio(full, base),
            f"{Headcount.objects.count()} figures written; history from their batch",
        )
    )
    wipe()
    _, peak = peak_memory(lambda: import_once(data))
    _, peak_parse = peak_memory(lambda: openpyxl_baseline(data))
    rows += [
        Row(
            "staffing import peak memory",
            size,
            f"{peak / 2**20:.1f} MB",
            "–",
            "–",
            "tracemalloc, whole import",
        ),
        Row(
            "openpyxl iteration peak memory",
            size,
            f"{peak_parse / 2**20:.1f} MB",
            "–",
            "–",
            "tracemalloc, baseline",
        ),
    ]
    return rows  # the peak-memory import stays: the dashboard rows read its figures


def _dashboard_rows(periods: int, repeat: int) -> list[Row]:
    from django.test import Client

    from staffing.models import BaseUnit, Headcount

    user = superuser()
    client = Client()
    client.force_login(user)
    target = BaseUnit.objects.order_by("name").first()
    url = f"/bemanning/?basenhet={target.pk}"
    assert client.get(url).status_code == 200
    page = best_of(lambda: client.get(url), repeat + 2)
    fetch = best_of(
        lambda: list(
            Headcount.objects.for_base_unit(target).values_list("unit_id", "period", "value")
        ),
        repeat + 2,
    )
    per_base = f"{target.units.count()} enheter × {periods} mån"
    xlsx = best_of(lambda: client.get(f"/bemanning/export/antal.xlsx?basenhet={target.pk}"), repeat)
    rows = [
        Row(
            "staffing dashboard (GET, full page)",
            per_base,
            ms(page),
            ms(fetch),
            ratio(page, fetch),
            f"baseline: fetch its figures; DB holds {Headcount.objects.count()}",
        ),
        Row("staffing xlsx download", per_base, ms(xlsx), "–", "–", "table of headcount per unit"),
    ]
    user.delete()
    return rows
