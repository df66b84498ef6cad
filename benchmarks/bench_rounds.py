"""A status round on a large plan: opening it, the round's page, signing
off (snapshot, frozen report, .xlsx and .pptx) and the signed report's page.
Baselines, in the same run: the live "Aktuellt läge" page for the pages,
and a plain snapshot plus the two exports from the live report for signing."""

from __future__ import annotations

import datetime as dt

from benchmarks.common import Row, best_of, ms, ratio, superuser, timed

OWNERS = 50


def _plan(size: int):
    from django.contrib.auth import get_user_model

    from activities.models import Activity, Status
    from roadmap.models import Meeting, Plan

    plan = Plan.objects.create(name=f"Benchmark rounds {size}", first_year=2024, last_year=2029)
    lanes = list(plan.lanes.all())
    User = get_user_model()
    owners = [
        User.objects.get_or_create(username=f"owner{i}", defaults={"email": f"o{i}@x.se"})[0]
        for i in range(OWNERS)
    ]
    statuses = list(Status.values)
    Activity.objects.bulk_create(
        Activity(
            plan=plan,
            title=f"Aktivitet {i} om vårdplatser och flöden",
            status=statuses[i % len(statuses)],
            status_note="Arbete pågår",
            lane=lanes[i % len(lanes)],
            start_year=2024 + i % 6,
            start_quarter=1 + i % 4,
            owner=owners[i % OWNERS],
            position=i,
        )
        for i in range(size)
    )
    meeting = Meeting.objects.create(plan=plan, body="HSN", date=dt.date(2030, 1, 1))
    return plan, meeting


def _measure(size: int, client) -> list[Row]:
    from django.urls import reverse

    from activities.snapshots import snapshot_take
    from review.exports.pptx import report_pptx
    from review.exports.xlsx import report_xlsx
    from review.report import build_report
    from rounds.models import Answer, StatusRequest
    from rounds.services import round_open
    from rounds.signing import round_sign_off

    plan, meeting = _plan(size)
    label = f"{size} aktiviteter"
    round_, t_open = timed(
        lambda: round_open(plan=plan, meeting=meeting, due_date=dt.date(2029, 12, 1), user=None)
    )
    half = list(round_.requests.values_list("pk", flat=True))[::2]
    StatusRequest.objects.filter(pk__in=half).update(answer=Answer.UNCHANGED)
    report_url = reverse("roadmap:report", args=[plan.pk])
    t_live = best_of(lambda: client.get(report_url), repeat=3)
    t_page = best_of(lambda: client.get(round_.get_absolute_url()), repeat=3)

    def baseline_sign():
        snapshot_take(plan=plan, meeting=None, title="baseline", user=None)
        report = build_report(plan)
        report_xlsx(report)
        report_pptx(report)

    _, t_base_sign = timed(baseline_sign)
    _, t_sign = timed(
        lambda: round_sign_off(round_=round_, user=superuser(), confirm_unanswered=True)
    )
    signed_url = reverse("rounds:signed", args=[round_.pk])
    t_signed = best_of(lambda: client.get(signed_url), repeat=3)
    live = "baseline: live report page"
    return [
        Row("round: open (requests)", label, ms(t_open), "–", "–", f"{OWNERS} owners"),
        Row("round page", label, ms(t_page), ms(t_live), ratio(t_page, t_live), live),
        Row(
            "sign-off",
            label,
            ms(t_sign),
            ms(t_base_sign),
            ratio(t_sign, t_base_sign),
            "baseline: snapshot + report + .xlsx + .pptx",
        ),
        Row("signed report page", label, ms(t_signed), ms(t_live), ratio(t_signed, t_live), live),
    ]


def run(quick: bool) -> list[Row]:
    from django.test import Client

    client = Client()
    client.force_login(superuser())
    rows = []
    for size in (200,) if quick else (500, 2_000):
        rows += _measure(size, client)
    return rows
