"""The demo can be reviewed as of the meeting it is named after, and a report
tells "late" from "not followed up" (issue 10, item 8)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from activities.changes import ACTIVITY, ItemState
from activities.models import Status
from review.report import build_report
from roadmap.models import Plan, Snapshot
from tests.factories import manager
from tests.reports import report_of

HSN = dt.date(2024, 4, 24)
PLACED = {
    "Utredning och detaljerad beskrivning av närakutsuppdraget i Köping",
    "Lokalförsörjningsplan för Närsjukhus i Köping",
    "Akuta omhändertagandet på primärvårdsnivå (Vårdcentraler och jourmottagningen i Västerås)",
    "Regionen och kommunerna fortsätter utveckla Nära vård i relation till HoS 2029",
}


@pytest.fixture
def seed(db):
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Plan.objects.get(name="Hälsa- och sjukvården 2029")


def test_the_demo_is_dated_at_the_meeting(seed):
    snapshot = Snapshot.objects.get(plan=seed)
    morning = timezone.make_aware(dt.datetime(2024, 4, 24, 8, 0))
    assert snapshot.title == "Aktuellt läge HSN 24 april 2024"
    assert snapshot.taken_at == morning
    assert morning - dt.timedelta(minutes=1) < seed.created_at <= morning
    assert not seed.activities.model.history.filter(
        plan_id=seed.pk, history_date__gt=morning
    ).exists()


def test_the_report_for_the_meeting_day_is_built_from_history(seed, client):
    report = build_report(seed, HSN)
    assert len(report.activities) == 12 and len(report.milestones) == 1
    assert report.overdue == [] and report.unreported == []
    assert report.since_label == "Aktuellt läge HSN 24 april 2024"
    assert len(report.changes) == 0
    assert report.notes == [
        "Läget 2024-04-24 är återskapat ur planens ändringshistorik: aktiviteternas och "
        "delmålens plats, status och noteringar som de var sparade den dagen. Spår, mål "
        "och möten visas med dagens namn."
    ]
    client.force_login(manager())
    response = client.get(reverse("roadmap:report", args=[seed.pk]), {"datum": "2024-04-24"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "återskapat ur planens ändringshistorik" in html
    # The picker offers only the days the history covers, and says so.
    assert 'min="2024-04-24"' in html
    assert "Planens historik börjar 2024-04-24, när den lades in" in html
    before = client.get(reverse("roadmap:report", args=[seed.pk]), {"datum": "2024-04-23"})
    assert before.status_code == 400
    assert "fanns inte 2024-04-23; den lades in 2024-04-24" in before.content.decode()


def test_today_the_seed_is_not_followed_up_rather_than_late(seed, client):
    report = build_report(seed)
    assert report.overdue == []
    assert {a.title for a in report.unreported} == PLACED
    assert {changed for _a, changed in report.unreported_since} == {HSN}
    assert report.notes == []
    client.force_login(manager())
    html = client.get(reverse("roadmap:report", args=[seed.pk])).content.decode()
    assert "Inga försenade aktiviteter." in html
    assert "Ej uppföljda: 4 aktiviteter vars planerade kvartal har passerat" in html
    assert html.count('<strong class="late-tag">ej uppföljd</strong>') == 4


def test_an_activity_changed_after_its_quarter_and_still_open_is_late(seed):
    activity = seed.activities.get(title="Lokalförsörjningsplan för Närsjukhus i Köping")
    activity.status_note = "Ingen lokal ännu"
    activity.save()
    report = build_report(seed)
    assert [a.title for a in report.overdue] == [activity.title]
    assert len(report.unreported) == 3


def _activity(pk: int, end: tuple[int, int], status: str = Status.IN_PROGRESS) -> ItemState:
    return ItemState(
        ACTIVITY,
        pk,
        f"A{pk}",
        start_year=end[0],
        start_quarter=end[1],
        status=status,
    )


def test_late_and_not_followed_up_without_a_database():
    items = [
        _activity(1, (2024, 2)),  # changed after 2024 Q2 ended: late
        _activity(2, (2024, 2)),  # last changed on its quarter's last day: not followed up
        _activity(3, (2024, 2), Status.DONE),  # done: neither
        _activity(4, (2024, 4)),  # this quarter: neither
        _activity(5, (2024, 2)),  # no history known: late, as before
    ]
    report = report_of(
        day=dt.date(2024, 11, 30),
        activities=items,
        changed_on={1: dt.date(2024, 7, 1), 2: dt.date(2024, 6, 30), 3: dt.date(2024, 1, 1)},
    )
    assert [a.id for a in report.overdue] == [1, 5]
    assert [a.id for a in report.unreported] == [2]


def test_the_xlsx_says_not_followed_up_rather_than_no(seed):
    import io

    from openpyxl import load_workbook

    from review.exports.xlsx import report_xlsx

    wb = load_workbook(io.BytesIO(report_xlsx(build_report(seed))))
    late = {r[2].value: r[11].value for r in wb["Aktuellt läge"].iter_rows(min_row=2)}
    assert {t for t, v in late.items() if v == "Ej uppföljd"} == PLACED
    assert set(late.values()) == {"Ej uppföljd", "Nej"}
    counts = {r[0].value: r[2].value for r in wb["Per status"].iter_rows(min_row=2)}
    assert (counts["Försenade"], counts["Ej uppföljda"]) == (0, 4)


def test_the_pptx_title_slide_counts_those_not_followed_up(seed):
    import io

    from pptx import Presentation

    from review.exports.pptx import report_pptx

    slide = Presentation(io.BytesIO(report_pptx(build_report(seed)))).slides[0]
    text = "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
    assert "Försenade aktiviteter: 0" in text
    assert "Ej uppföljda sedan sitt planerade kvartal: 4" in text
