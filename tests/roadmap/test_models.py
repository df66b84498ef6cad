import pytest
from django.core.exceptions import ValidationError

from activities.models import Activity
from roadmap.models import Lane, OwnerLevel, Plan, years_error
from tests.factories import ActivityFactory, GoalFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db


def test_new_plan_gets_the_seed_lanes_and_owner_levels():
    plan = PlanFactory()
    assert [lane.name for lane in plan.lanes.all()] == [
        "Verksamhetsutveckling",
        "IT/Teknisk utveckling",
        "Fastighetsutveckling",
    ]
    assert plan.owner_levels.count() == 3
    plan.save()  # saving again adds nothing
    assert Lane.objects.filter(plan=plan).count() == 3
    assert OwnerLevel.objects.filter(plan=plan).count() == 3


def test_plan_years_must_be_in_order():
    plan = Plan(name="X", first_year=2029, last_year=2024)
    with pytest.raises(ValidationError) as err:
        plan.full_clean()
    assert "last_year" in err.value.message_dict


def _errors(activity: Activity) -> dict:
    with pytest.raises(ValidationError) as err:
        activity.full_clean()
    return err.value.message_dict


def test_activity_quarter_5_is_refused_naming_the_field():
    activity = ActivityFactory.build(plan=PlanFactory(), start_year=2025, start_quarter=5)
    assert "start_quarter" in _errors(activity)


def test_activity_year_outside_plan_is_refused():
    activity = ActivityFactory.build(plan=PlanFactory(), start_year=2031, start_quarter=1)
    errors = _errors(activity)
    assert "2031" in errors["start_year"][0]
    assert "2024–2029" in errors["start_year"][0]


def test_activity_in_another_plans_lane_is_refused():
    plan, other = PlanFactory(), PlanFactory()
    activity = ActivityFactory.build(plan=plan, lane=other.lanes.first())
    assert "lane" in _errors(activity)


def test_activity_owner_level_from_another_plan_is_refused():
    plan, other = PlanFactory(), PlanFactory()
    activity = ActivityFactory.build(plan=plan, owner_level=other.owner_levels.first())
    assert "owner_level" in _errors(activity)


def test_activity_end_before_start_is_refused():
    activity = ActivityFactory.build(
        plan=PlanFactory(), start_year=2025, start_quarter=3, end_year=2025, end_quarter=1
    )
    assert "end_year" in _errors(activity)


def test_activity_year_without_quarter_is_refused():
    activity = ActivityFactory.build(plan=PlanFactory(), start_year=2025)
    assert "start_quarter" in _errors(activity)


def test_valid_placed_activity_passes():
    plan = PlanFactory()
    activity = ActivityFactory.build(
        plan=plan,
        lane=plan.lanes.last(),
        start_year=2025,
        start_quarter=1,
        end_year=2026,
        end_quarter=4,
    )
    activity.full_clean()
    assert activity.is_placed


def test_milestone_validation():
    plan = PlanFactory()
    milestone = MilestoneFactory.build(plan=plan, year=2030, quarter=1)
    with pytest.raises(ValidationError) as err:
        milestone.full_clean()
    assert "year" in err.value.message_dict
    milestone = MilestoneFactory.build(plan=plan, goal=GoalFactory(), year=2025, quarter=2)
    with pytest.raises(ValidationError) as err:
        milestone.full_clean()
    assert "goal" in err.value.message_dict


def test_version_is_bumped_on_every_save():
    activity = ActivityFactory()
    assert activity.version == 1
    activity.title = "Nytt namn"
    activity.save()
    activity.refresh_from_db()
    assert activity.version == 2


def test_changes_are_kept_in_history():
    activity = ActivityFactory(status_note="Före")
    activity.status_note = "Efter"
    activity.save()
    assert [h.status_note for h in activity.history.all()] == ["Efter", "Före"]


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        (2025, 2029, None),
        (2025, 2025, None),
        (2025, 2040, None),
        (2025, 2041, "En plan kan omfatta högst 16 år."),
        (2029, 2025, "Sista år kan inte ligga före första år."),
        (None, 2025, None),
        (2025, None, None),
    ],
)
def test_years_error_is_the_one_rule_for_a_plans_span(first, last, message):
    wrong = years_error(first, last)
    assert (str(wrong) if wrong else None) == message
