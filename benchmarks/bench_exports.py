"""Exports of a large plan: the report read from the database, then the
.xlsx and the .pptx written from it. Baseline: openpyxl writing the same
rows with no styles, filters or extra sheets, in the same run."""

from __future__ import annotations

import io

from benchmarks.common import Row, ms, ratio, timed, with_three_goals


def _plan(size: int):
    from activities.models import Activity, Status
    from roadmap.models import Plan

    plan = Plan.objects.create(name=f"Benchmark export {size}", first_year=2024, last_year=2029)
    lanes = list(plan.lanes.all())
    statuses = list(Status.values)
    activities = Activity.objects.bulk_create(
        Activity(
            plan=plan,
            title=f"=Aktivitet {i} med en lagom lång titel om vårdplatser",
            status=statuses[i % len(statuses)],
            status_note="Arbete pågår",
            lane=lanes[i % len(lanes)] if i % 10 else None,
            start_year=2024 + i % 6 if i % 10 else None,
            start_quarter=1 + i % 4 if i % 10 else None,
            position=i,
        )
        for i in range(size)
    )
    with_three_goals(plan, activities)
    return plan


def run(quick: bool) -> list[Row]:
    from openpyxl import Workbook

    from review.exports.pptx import report_pptx
    from review.exports.xlsx import report_xlsx
    from review.report import build_report

    rows = []
    for size in (500,) if quick else (1_000, 5_000):
        plan = _plan(size)
        report, t_report = timed(lambda plan=plan: build_report(plan))

        def baseline(report=report) -> bytes:
            wb = Workbook()
            ws = wb.active
            for a in report.activities:
                ws.append([a.title, a.lane, a.status_label, a.status_note, a.checkpoint])
            buffer = io.BytesIO()
            wb.save(buffer)
            return buffer.getvalue()

        _, t_base = timed(baseline)
        xlsx, t_xlsx = timed(lambda report=report: report_xlsx(report))
        pptx, t_pptx = timed(lambda report=report: report_pptx(report))
        label = f"{size} aktiviteter"
        rows += [
            Row("report: read the plan", label, ms(t_report), "–", "–"),
            Row(
                "export .xlsx",
                label,
                ms(t_xlsx),
                ms(t_base),
                ratio(t_xlsx, t_base),
                f"{len(xlsx) // 1024} kB; baseline plain openpyxl",
            ),
            Row(
                "export .pptx",
                label,
                ms(t_pptx),
                ms(t_base),
                ratio(t_pptx, t_base),
                f"{len(pptx) // 1024} kB; baseline plain openpyxl",
            ),
        ]
    return rows
