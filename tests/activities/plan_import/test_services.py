"""Importing parsed activity plans into plans, and the management command."""

import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from activities.models import Activity
from activities.plan_import import services
from activities.plan_import.services import (
    activity_plan_import,
    activity_plan_import_as_new_plan,
    activity_plan_read,
)
from core.quarters import Quarter
from core.workbooks import WorkbookRefused
from roadmap.models import Plan
from tests.activities.plan_import.test_parser import FIXTURE, HEADER, SHARED, xlsx
from tests.factories import LaneFactory, PlanFactory

pytestmark = pytest.mark.django_db


def shared_into_new_plan(**kwargs):
    parsed = activity_plan_read(data=SHARED.read_bytes())
    first, last = services.new_plan_years(parsed)
    options = {
        "parsed": parsed,
        "name": parsed.title,
        "organisation": "Närvårdssamverkan Södra Älvsborg",
        "first_year": first,
        "last_year": last,
        "lane_order": 0,
        "owner_level_order": None,
        "source": SHARED.name,
    }
    return activity_plan_import_as_new_plan(**(options | kwargs))


def database_state():
    return (
        list(Plan.objects.values_list("pk", "name", "first_year", "last_year")),
        list(
            Activity.objects.values_list(
                "pk", "title", "heading", "start_year", "start_quarter", "end_year", "end_quarter"
            )
        ),
    )


def test_the_shared_workbook_becomes_a_plan_with_19_activities_as_in_the_fixture():
    result = shared_into_new_plan()
    plan = result.plan
    assert (result.created, result.skipped, result.problems) == (19, 0, [])
    assert plan.name == "Aktivitetsplan Samsjukvården Södra Älvsborg 2023"
    assert (plan.first_year, plan.last_year) == (2022, 2023)
    assert plan.decided_by == "Styrgrupp närvård Södra Älvsborg"
    assert str(plan.decided_on) == "2023-02-24"
    activities = list(plan.activities.order_by("position"))
    assert len({a.heading for a in activities}) == 11
    first_lane = plan.lanes.first()
    expected = json.loads(FIXTURE.read_text())["activities"]
    for activity, want in zip(activities, expected, strict=True):
        assert activity.title == want["title"]
        assert activity.heading == want["heading"]
        assert activity.description == want["description"]
        assert (activity.when_text, activity.done_text) == (want["when_text"], want["done_text"])
        assert [activity.start_year, activity.start_quarter] == want["start"]
        assert [activity.end_year, activity.end_quarter] == want["end"]
        assert activity.lane == first_lane and activity.owner_level is None
        assert activity.is_placed
    record = activities[0].history.first()
    assert SHARED.name in record.history_change_reason


def test_reimporting_the_same_file_adds_nothing():
    plan = shared_into_new_plan().plan
    moved = plan.activities.get(title="Kriterier")
    moved.start_year, moved.start_quarter, moved.end_year, moved.end_quarter = 2023, 3, 2023, 3
    moved.save()
    again = activity_plan_import(
        plan=plan,
        parsed=activity_plan_read(data=SHARED.read_bytes()),
        lane=plan.lanes.first(),
        owner_level=None,
    )
    assert (again.created, again.skipped) == (0, 19)
    assert plan.activities.count() == 19
    moved.refresh_from_db()
    assert moved.start == Quarter(2023, 3)  # the planner's move stands


def test_into_an_existing_plan_with_other_years_dates_outside_stay_unplaced():
    plan = PlanFactory(first_year=2023, last_year=2025)
    level = plan.owner_levels.last()
    lane = plan.lanes.all()[1]
    PlanFactory().activities.create(title="Kriterier", heading="Innehåll och målområden")
    result = activity_plan_import(
        plan=plan,
        parsed=activity_plan_read(data=SHARED.read_bytes()),
        lane=lane,
        owner_level=level,
    )
    assert result.created == 19  # the same title in another plan is no match
    december = plan.activities.filter(when_text="December 2022")
    assert december.count() == 2
    assert all(a.start is None and a.end is None and a.lane == lane for a in december)
    assert [p.message for p in result.problems][0].startswith("NÄR (2022 Q4) ligger utanför")
    assert plan.activities.filter(owner_level=level).count() == 19


def test_an_end_outside_the_plan_is_dropped_with_a_warning():
    plan = PlanFactory(first_year=2024, last_year=2024)
    parsed = activity_plan_read(data=xlsx(HEADER, ["A", "", "Q4 2024", "Q1 2025"]))
    result = activity_plan_import(plan=plan, parsed=parsed, lane=None, owner_level=None)
    activity = plan.activities.get()
    assert (activity.start, activity.end) == (Quarter(2024, 4), None)
    assert "KLART (2025 Q1) ligger utanför" in result.problems[0].message


def test_a_title_twice_under_the_same_heading_is_imported_once():
    parsed = activity_plan_read(
        data=xlsx(["R"], HEADER, ["A", "", "Q1 2024", ""], ["A", "", "", ""])
    )
    result = activity_plan_import(plan=PlanFactory(), parsed=parsed, lane=None, owner_level=None)
    assert (result.created, result.skipped) == (1, 1)
    assert "Samma rubrik och VAD som rad 3" in str(result.problems[0])


def inflating_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"VAD;HUR;NAR;KLART\nA;B;Q1 2024;\n", "inte en Excel-arbetsbok"),
        (lambda: xlsx(["Bara text"], ["utan tabell"]), "Hittade ingen aktivitetstabell"),
        (inflating_zip, "packas upp"),
        (lambda: SHARED.read_bytes()[:3000], "skadad"),
    ],
)
def test_refused_files_say_why_and_write_nothing(data, words, settings):
    settings.IMPORT_MAX_INFLATED_BYTES = 20 * 1024 * 1024
    before = database_state()
    with pytest.raises(WorkbookRefused) as err:
        activity_plan_read(data=data() if callable(data) else data)
    assert words in str(err.value)
    assert database_state() == before


def test_an_oversized_file_is_refused(settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(WorkbookRefused, match="största tillåtna"):
        activity_plan_read(data=SHARED.read_bytes())


def test_a_failure_halfway_leaves_the_database_as_it_was(monkeypatch):
    PlanFactory()
    before = database_state()
    calls = {"n": 0}
    original = Activity.full_clean

    def failing_full_clean(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 10:
            raise ValidationError({"title": "Tionde raden är fel."})
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Activity, "full_clean", failing_full_clean)
    with pytest.raises(ValidationError):
        shared_into_new_plan()
    assert database_state() == before


def test_a_new_plan_with_impossible_years_is_refused_and_nothing_written():
    before = database_state()
    with pytest.raises(ValidationError):
        shared_into_new_plan(first_year=2024, last_year=2022)
    assert database_state() == before


def test_a_lane_of_another_plan_is_refused():
    plan = PlanFactory()
    with pytest.raises(ValueError):
        activity_plan_import(
            plan=plan,
            parsed=activity_plan_read(data=SHARED.read_bytes()),
            lane=LaneFactory(),
            owner_level=None,
        )
    assert plan.activities.count() == 0


# The management command


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_activities", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_dry_run_writes_nothing():
    plan = PlanFactory(name="Samsjukvården", first_year=2022, last_year=2023)
    out, err = run("Samsjukvården", str(SHARED), "--dry-run")
    assert "Provkörning: 19 nya aktiviteter" in out
    assert "Innehåll och målområden" in out and "2022 Q4" in out
    assert err == ""
    assert plan.activities.count() == 0


def test_command_imports_by_id_with_lane_and_owner_level_and_reimports_nothing():
    plan = PlanFactory(first_year=2023, last_year=2024)
    lane = plan.lanes.last()
    out, err = run(
        str(plan.pk),
        str(SHARED),
        "--lane",
        lane.name,
        "--owner-level",
        plan.owner_levels.first().name,
    )
    assert "19 aktiviteter importerades" in out
    assert "Varning: Aktiviteter!A6: NÄR (2022 Q4) ligger utanför" in err
    assert plan.activities.filter(lane=lane).count() == 19
    out, _err = run(str(plan.pk), str(SHARED))
    assert "0 aktiviteter importerades" in out and "19 fanns redan" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["Finns inte", str(SHARED)], "Ingen plan"),
        (["{plan}", "/no/such/file.xlsx"], "Kan inte läsa"),
        (["{plan}", str(FIXTURE)], "inte en Excel-arbetsbok"),
        (["{plan}", str(SHARED), "--lane", "Saknas"], "inget spår"),
    ],
)
def test_command_refusals(args, words):
    plan = PlanFactory()
    with pytest.raises(CommandError, match=words):
        run(*[a.format(plan=plan.pk) for a in args])
    assert Activity.objects.count() == 0


def test_a_formula_without_a_saved_result_is_named_not_silently_empty():
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["Rubrik"])
    ws.append(["VAD", "HUR", "NÄR", "KLART"])
    ws.append(['=CONCAT("Ta fram ","plan")', "Så", "Våren 2024", "Maj 2024"])
    ws.append(["Utbildning", "Kurs", "Hösten 2024", "Vintern 2024"])
    out = io.BytesIO()
    wb.save(out)  # openpyxl saves formulas without results, as scripts do
    parsed = services.activity_plan_read(data=out.getvalue())
    messages = [f"{p.sheet}!{p.cell}: {p.message}" for p in parsed.problems]
    assert any(m.startswith("Plan!A3: cellen innehåller formeln") for m in messages), messages
