"""The demo's HSN 24 april 2024 round: owners as users, answered in part, signed."""

import io

import pytest
from django.core.management import call_command

from roadmap.models import Plan, Snapshot
from rounds.models import Answer, Round, SignOff, StatusRequest

pytestmark = pytest.mark.django_db


def test_the_demo_round_is_answered_in_part_and_signed():
    call_command("demo", stdout=io.StringIO())
    plan = Plan.objects.get(name="Hälsa- och sjukvården 2029")
    round_ = Round.objects.get(plan=plan)
    assert (str(round_.meeting), round_.due_date.isoformat()) == (
        "Aktuellt läge HSN 24 april 2024",
        "2024-04-15",
    )
    answers = sorted(
        (r.activity.title[:22], r.owner.username, r.answer) for r in round_.requests.all()
    )
    assert answers == [
        ("Akuta omhändertagandet", "erik", Answer.NONE),
        ("Lokalförsörjningsplan ", "karin", Answer.UNCHANGED),
        ("Regionen och kommunern", "karin", Answer.NONE),
        ("Utredning och detaljer", "johan", Answer.UPDATED),
    ]
    sign_off = SignOff.objects.get(round=round_)
    assert sign_off.signed_by.username == "chef" and not round_.is_open
    assert [u["owner"] for u in sign_off.unanswered] == ["Erik Sjöberg", "Karin Lind"]
    snapshot = Snapshot.objects.get(plan=plan)
    assert (snapshot.title, snapshot.signed, snapshot.activity_count) == (
        "Aktuellt läge HSN 24 april 2024",
        True,
        12,
    )


def test_the_demo_twice_adds_no_second_round():
    call_command("demo", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())
    assert (Round.objects.count(), StatusRequest.objects.count(), SignOff.objects.count()) == (
        1,
        4,
        1,
    )
    assert Snapshot.objects.count() == 1
