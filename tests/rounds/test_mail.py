"""Reminder mails: sent by the timer's command on the right days, never the
same kind twice, each linking the owner's own answer forms."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from rounds.mail import reminders_send_due, round_remind
from rounds.models import Reminder, Round
from rounds.services import request_unchanged, round_open
from tests.factories import manager

pytestmark = pytest.mark.django_db

SITE = "https://fardplan.example.se"


@pytest.fixture
def round_(plan, meeting, activities):
    opened = timezone.make_aware(dt.datetime(2024, 4, 2, 9, 0))
    round_ = round_open(plan=plan, meeting=meeting, due_date=dt.date(2024, 4, 15), user=None)
    Round.objects.filter(pk=round_.pk).update(opened_at=opened)
    round_.refresh_from_db()
    return round_


def run_days(first: dt.date, last: dt.date) -> dict[dt.date, list[str]]:
    """The timer on each day (twice a day, to prove nothing is sent twice)."""
    sent = {}
    day = first
    while day <= last:
        before = len(mail.outbox)
        reminders_send_due(today=day, site_url=SITE)
        reminders_send_due(today=day, site_url=SITE)
        sent[day] = sorted(m.to[0] for m in mail.outbox[before:])
        day += dt.timedelta(days=1)
    return {d: to for d, to in sent.items() if to}


def test_opening_then_three_days_before_then_the_due_date(round_, owners):
    sent = run_days(dt.date(2024, 4, 2), dt.date(2024, 4, 24))
    both = ["e@x.se", "j@x.se"]
    assert sent == {
        dt.date(2024, 4, 2): both,
        dt.date(2024, 4, 12): both,
        dt.date(2024, 4, 15): both,
    }
    assert Reminder.objects.count() == 6


def test_owners_who_answered_get_no_more_reminders(round_, owners):
    eva = owners[1]
    request_unchanged(status_request=round_.requests.get(owner=eva), user=eva)
    sent = run_days(dt.date(2024, 4, 12), dt.date(2024, 4, 16))
    assert sent == {dt.date(2024, 4, 12): ["j@x.se"], dt.date(2024, 4, 15): ["j@x.se"]}


def test_a_closed_round_sends_nothing(round_):
    round_.close(timezone.now())
    assert run_days(dt.date(2024, 4, 2), dt.date(2024, 4, 16)) == {}


def test_the_mail_names_the_meeting_the_due_date_and_links_each_form(round_, owners):
    reminders_send_due(today=dt.date(2024, 4, 12), site_url=SITE)
    johan_mail = next(m for m in mail.outbox if m.to == ["j@x.se"])
    assert johan_mail.subject == "Påminnelse: status inför HSN 24 april 2024 senast 2024-04-15"
    assert johan_mail.body.startswith("Hej Johan Nordmark,\n")
    links = [
        f"{SITE}{reverse('rounds:answer', args=[r.pk])}"
        for r in round_.requests.filter(owner=owners[0])
    ]
    assert len(links) == 2 and all(link in johan_mail.body for link in links)
    assert "Lab Fagersta" not in johan_mail.body
    assert johan_mail.from_email == "fardplan@localhost"


def test_an_owner_without_email_is_reported_and_not_recorded(round_, owners):
    owners[1].email = ""
    owners[1].save()
    result = round_remind(round_=round_, kind="opening", site_url=SITE)
    assert (result.mailed, result.without_email) == (["Johan Nordmark"], ["Eva Ek"])
    assert list(Reminder.objects.values_list("owner__username", flat=True)) == ["johan"]


def test_the_command_sends_todays_reminders_once(round_, monkeypatch):
    monkeypatch.setattr(
        "rounds.management.commands.send_round_reminders.timezone.localdate",
        lambda *args: dt.date(2024, 4, 15) if not args else timezone.localtime(args[0]).date(),
    )
    out = io.StringIO()
    call_command("send_round_reminders", stdout=out)
    call_command("send_round_reminders", stdout=out)
    assert len(mail.outbox) == 2
    assert out.getvalue().splitlines() == [
        "HSN 24 april 2024 (due): 2 skickade, 0 redan skickade, 0 utan e-postadress",
        "HSN 24 april 2024 (due): 0 skickade, 2 redan skickade, 0 utan e-postadress",
    ]


def test_the_managers_button_reminds_those_who_have_not_answered(client, round_, owners):
    eva = owners[1]
    request_unchanged(status_request=round_.requests.get(owner=eva), user=eva)
    client.force_login(manager(username="chef"))
    url = reverse("rounds:remind", args=[round_.pk])
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert [m.to for m in mail.outbox] == [["j@x.se"], ["j@x.se"]]
    page = client.get(round_.get_absolute_url()).text
    assert "Påminnelse skickad till Johan Nordmark." in page


def test_without_a_mailer_the_page_says_so_and_offers_a_list(client, settings, round_, owners):
    settings.MAILERS = {}
    client.force_login(manager(username="chef"))
    page = client.get(round_.get_absolute_url()).text
    assert "E-post är inte konfigurerad på servern" in page
    for r in round_.requests.all():
        assert f"  • {r.activity.title}: http://testserver/svar/{r.pk}/" in page
    assert "Johan Nordmark &lt;j@x.se&gt;" in page
    response = client.post(reverse("rounds:remind", args=[round_.pk]), follow=True)
    assert "E-post är inte konfigurerad; kopiera listan nedan i stället." in response.text
    assert reminders_send_due(today=dt.date(2024, 4, 15), site_url=SITE)[0][2].mailed == []
    assert mail.outbox == [] and Reminder.objects.count() == 0
