"""Signing off "Aktuellt läge": the snapshot, who and when, the frozen
report and files, unanswered requests, and the next meeting's baseline."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from activities.models import Activity, Status
from activities.snapshots import latest_snapshot, snapshot_take
from review.report import build_report
from roadmap.models import Snapshot
from rounds.models import SignOff
from rounds.services import request_unchanged, round_open
from rounds.signing import NeedsConfirmation, round_sign_off, signed_report
from tests.factories import MeetingFactory, analyst, manager, planner

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(plan, meeting, activities, owners):
    round_ = round_open(plan=plan, meeting=meeting, due_date=dt.date(2024, 4, 15), user=None)
    eva = owners[1]
    request_unchanged(status_request=round_.requests.get(owner=eva), user=eva)
    return round_


def test_signing_with_unanswered_requests_needs_confirmation(round_):
    chef = manager(username="chef", first_name="Carl", last_name="Chef")
    with pytest.raises(NeedsConfirmation) as needs:
        round_sign_off(round_=round_, user=chef)
    assert sorted(r.activity.title for r in needs.value.unanswered) == [
        "Närakut Köping",
        "Vårdplatser",
    ]
    assert SignOff.objects.count() == 0 and Snapshot.objects.count() == 0
    round_.refresh_from_db()
    assert round_.is_open


def test_sign_off_takes_the_snapshot_closes_the_round_and_lists_the_unanswered(round_):
    chef = manager(username="chef", first_name="Carl", last_name="Chef")
    sign_off = round_sign_off(round_=round_, user=chef, confirm_unanswered=True)
    snapshot = sign_off.snapshot
    assert (snapshot.signed, snapshot.meeting, snapshot.title) == (
        True,
        round_.meeting,
        "Aktuellt läge HSN 24 april 2024",
    )
    assert (sign_off.signed_by, sign_off.signed_by_name) == (chef, "Carl Chef")
    assert sign_off.signed_at == snapshot.taken_at
    assert sorted(u["title"] for u in sign_off.unanswered) == ["Närakut Köping", "Vårdplatser"]
    round_.refresh_from_db()
    assert round_.closed_at == sign_off.signed_at


def test_a_later_edit_never_changes_the_signed_report(client, round_, plan):
    sign_off = round_sign_off(round_=round_, user=manager(username="c"), confirm_unanswered=True)
    xlsx_before, pptx_before = bytes(sign_off.xlsx), bytes(sign_off.pptx)
    client.force_login(analyst(username="reader"))
    page_before = client.get(reverse("rounds:signed", args=[round_.pk])).text
    assert "Närakut Köping" in page_before and "Ej påbörjad" in page_before

    narakut = Activity.objects.get(title="Närakut Köping")
    narakut.status, narakut.status_note, narakut.title = Status.DONE, "Klar efter HSN", "Nytt namn"
    narakut.save()

    report = signed_report(SignOff.objects.get(pk=sign_off.pk))
    titles = {a.title: a.status for a in report.activities}
    assert titles["Närakut Köping"] == Status.NOT_STARTED and "Nytt namn" not in titles
    page_after = client.get(reverse("rounds:signed", args=[round_.pk])).text
    assert "Nytt namn" not in page_after and "Klar efter HSN" not in page_after
    xlsx = client.get(reverse("rounds:signed_xlsx", args=[round_.pk]))
    pptx = client.get(reverse("rounds:signed_pptx", args=[round_.pk]))
    assert (xlsx.content, pptx.content) == (xlsx_before, pptx_before)
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    values = {c.value for row in sheet.iter_rows() for c in row}
    assert "Närakut Köping" in values and "Nytt namn" not in values
    assert 'attachment; filename="' in xlsx["Content-Disposition"]


def test_the_signed_report_names_signer_and_unanswered(client, round_):
    round_sign_off(
        round_=round_,
        user=manager(username="chef", first_name="Carl", last_name="Chef"),
        confirm_unanswered=True,
    )
    client.force_login(planner(username="p"))
    page = client.get(reverse("rounds:signed", args=[round_.pk])).text
    assert "Signerad inför HSN 24 april 2024 av Carl Chef" in page
    assert "Närakut Köping (Johan Nordmark)" in page
    assert "Vårdplatser (Johan Nordmark)" in page
    assert "Lab Fagersta (Eva Ek)" not in page


def test_only_managers_sign(client, round_):
    url = reverse("rounds:sign", args=[round_.pk])
    for user in (planner(username="p"), analyst(username="a"), round_.requests.first().owner):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"confirm_unanswered": "on"}).status_code == 403
    assert SignOff.objects.count() == 0
    client.force_login(manager(username="chef"))
    response = client.post(url)
    assert response.status_code == 400
    assert "2 frågor är obesvarade. Bekräfta att du vill signera ändå." in response.text
    assert SignOff.objects.count() == 0
    response = client.post(url, {"confirm_unanswered": "on"})
    assert response.status_code == 302
    assert response.url == reverse("rounds:signed", args=[round_.pk])
    assert client.post(url, {"confirm_unanswered": "on"}).status_code == 302
    assert SignOff.objects.count() == 1


def test_the_next_meetings_changes_start_from_the_signed_snapshot(client, round_, plan):
    sign_off = round_sign_off(round_=round_, user=manager(username="c"), confirm_unanswered=True)
    later = snapshot_take(plan=plan, meeting=None, title="Inför dialogmötet", user=None)
    assert latest_snapshot(plan) == sign_off.snapshot
    assert build_report(plan).since_label == "Aktuellt läge HSN 24 april 2024"
    client.force_login(planner(username="p"))
    page = client.get(reverse("roadmap:changes", args=[plan.pk])).text
    assert "Aktuellt läge HSN 24 april 2024" in page
    assert later.signed is False


def test_a_second_signed_round_reports_changes_since_the_first(round_, plan, owners):
    round_sign_off(round_=round_, user=manager(username="c"), confirm_unanswered=True)
    narakut = Activity.objects.get(title="Närakut Köping")
    narakut.status = Status.IN_PROGRESS
    narakut.save()
    june = MeetingFactory(plan=plan, body="HSN", date=dt.date(2024, 6, 12), title="HSN juni")
    second = round_open(plan=plan, meeting=june, due_date=dt.date(2024, 6, 1), user=None)
    sign_off = round_sign_off(round_=second, user=manager(username="c2"), confirm_unanswered=True)
    report = signed_report(sign_off)
    assert report.since_label == "Aktuellt läge HSN 24 april 2024"
    assert [(c.item.title, c.changes[0].after) for c in report.changes.status_changes] == [
        ("Närakut Köping", "Pågår")
    ]


def test_the_signed_report_keeps_the_indicators_as_they_were(round_, plan):
    from decimal import Decimal

    from tests.indicators.factories import IndicatorFactory, IndicatorValueFactory

    sip = IndicatorFactory(plan=plan, name="Andel med SIP")
    value = IndicatorValueFactory(indicator=sip, year=2024, value=40)
    sign_off = round_sign_off(round_=round_, user=manager(username="c"), confirm_unanswered=True)
    value.value = 90
    value.save()
    lines = signed_report(SignOff.objects.get(pk=sign_off.pk)).indicators
    assert [(line.name, line.value) for line in lines] == [("Andel med SIP", Decimal("40"))]
