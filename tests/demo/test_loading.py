import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from activities.models import Activity, Scenario, Status
from roadmap.models import Meeting, Plan

pytestmark = pytest.mark.django_db

VASTMANLAND = "Hälsa- och sjukvården 2029"


@pytest.fixture
def demo(capsys):
    call_command("demo")
    return capsys.readouterr().out


def test_demo_prints_how_to_log_in(demo):
    assert "planerare" in demo and "fardplan-demo" in demo


def test_demo_twice_changes_nothing(demo):
    counts = (Plan.objects.count(), Activity.objects.count(), get_user_model().objects.count())
    call_command("demo")
    assert counts == (
        Plan.objects.count(),
        Activity.objects.count(),
        get_user_model().objects.count(),
    )
    # one user per role, the "Demodata" actor and three activity owners
    assert counts == (3, 12 + 10 + 19, 3 + 1 + 3)


def test_vastmanland_map(demo):
    plan = Plan.objects.get(name=VASTMANLAND)
    assert (plan.first_year, plan.last_year) == (2024, 2029)
    assert list(plan.goals.values_list("code", flat=True)) == ["Stad 1", "Stad 2", "Stad 3"]
    titles = list(plan.activities.order_by("position").values_list("title", flat=True))
    assert len(titles) == 12
    assert titles[0] == "Utredning och detaljerad beskrivning av närakutsuppdraget i Köping"
    assert titles[-1] == "Handlingsplan för i genomsnitt 1 läkare per 1100 listade invånare"
    renovation = plan.activities.get(title="Genomföra renovering i Fagersta")
    assert renovation.status == Status.AWAITING
    assert renovation.status_note == "Inväntar besked"
    assert renovation.lane.name == "Fastighetsutveckling"
    assert not renovation.is_placed
    assert plan.activities.count() == 12
    assert plan.activities.in_tray(plan).count() == 8


def test_narakut_leader_group_and_scenarios(demo):
    narakut = Activity.objects.get(title__startswith="Utredning och detaljerad beskrivning")
    assert "Johan Nordmark" in narakut.leader
    assert "facklig referensgrupp" in narakut.working_group
    assert Scenario.objects.filter(activity=narakut).count() == 3
    assert narakut.scenarios.get(number=3).text.endswith("ingen HIA/MIMA-resurs")


def test_meetings(demo):
    plan = Plan.objects.get(name=VASTMANLAND)
    hsn = Meeting.objects.get(plan=plan, body="HSN")
    assert str(hsn.date) == "2024-04-24"
    assert Meeting.objects.filter(plan=plan, body="SRB", date="2024-04-19").exists()


def test_kalmar_and_sodra_alvsborg(demo):
    kalmar = Plan.objects.get(organisation="Region Kalmar län")
    assert kalmar.decided_by == "Sjukvårdsledningen"
    assert str(kalmar.decided_on) == "2023-04-19"
    assert kalmar.activities.filter(title="Införa patientkontrakt").exists()
    sa = Plan.objects.get(name="Aktivitetsplan Samsjukvården Södra Älvsborg 2023")
    assert str(sa.decided_on) == "2023-02-24"
    assert "1 500 tkr" in sa.description
    assert sa.activities.count() == 19
    assert sa.activities.values("heading").distinct().count() == 11
    final = sa.activities.get(title="Slutrapport")
    assert (final.when_text, final.done_text) == ("Hösten 2023", "Vintern 2023")
    assert (str(final.start), str(final.end)) == ("2023 Q3", "2023 Q4")


def test_demo_imports_the_staffing_sample_once(demo):
    from staffing.models import ImportBatch

    assert ImportBatch.objects.count() == 1
    call_command("demo")
    assert ImportBatch.objects.count() == 1


def test_demo_keeps_the_seed_map_as_the_hsn_snapshot(demo):
    from roadmap.models import Snapshot

    snapshot = Snapshot.objects.get()
    assert snapshot.meeting.body == "HSN" and str(snapshot.meeting.date) == "2024-04-24"
    call_command("demo")
    assert Snapshot.objects.count() == 1
