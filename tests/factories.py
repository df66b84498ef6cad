import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from activities.models import Activity, Scenario, Status
from core import roles
from roadmap.models import Goal, Lane, Meeting, Milestone, OwnerLevel, Plan


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "secret-pass-123")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])
        self.save()


def planner(**kwargs):
    return UserFactory(role=roles.PLANNER, **kwargs)


def manager(**kwargs):
    return UserFactory(role=roles.MANAGER, **kwargs)


def analyst(**kwargs):
    return UserFactory(role=roles.ANALYST, **kwargs)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    name = factory.Sequence(lambda n: f"Plan {n}")
    organisation = "Region Test"
    first_year = 2024
    last_year = 2029


class PlanPartFactory(factory.django.DjangoModelFactory):
    """What belongs to a plan: to a new one unless the test names it."""

    class Meta:
        abstract = True

    plan = factory.SubFactory(PlanFactory)


class LaneFactory(PlanPartFactory):
    class Meta:
        model = Lane

    name = factory.Sequence(lambda n: f"Spår {n}")


class OwnerLevelFactory(PlanPartFactory):
    class Meta:
        model = OwnerLevel

    name = factory.Sequence(lambda n: f"Nivå {n}")


class GoalFactory(PlanPartFactory):
    class Meta:
        model = Goal

    code = factory.Sequence(lambda n: f"Stad {n}")
    title = factory.Sequence(lambda n: f"Mål {n}")


class MeetingFactory(PlanPartFactory):
    class Meta:
        model = Meeting

    body = "HSN"
    date = factory.Faker("date_between", start_date="-1y", end_date="+1y")


class MilestoneFactory(PlanPartFactory):
    class Meta:
        model = Milestone

    title = factory.Sequence(lambda n: f"Delmål {n}")


class ActivityFactory(PlanPartFactory):
    class Meta:
        model = Activity

    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    status = Status.NOT_STARTED

    class Params:
        placed = factory.Trait(
            lane=factory.LazyAttribute(lambda o: o.plan.lanes.first()),
            start_year=factory.LazyAttribute(lambda o: o.plan.first_year),
            start_quarter=1,
        )


class ScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Scenario

    activity = factory.SubFactory(ActivityFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "Ett scenario"
