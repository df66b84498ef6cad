import datetime as dt

import pytest

from tests.factories import ActivityFactory, MeetingFactory, PlanFactory, UserFactory, planner


@pytest.fixture
def plan(db):
    plan = PlanFactory(name="Hälsa- och sjukvården 2029", first_year=2024, last_year=2029)
    return plan


@pytest.fixture
def meeting(plan):
    return MeetingFactory(
        plan=plan, body="HSN", date=dt.date(2024, 4, 24), title="HSN 24 april 2024"
    )


@pytest.fixture
def owners(db):
    return (
        UserFactory(username="johan", first_name="Johan", last_name="Nordmark", email="j@x.se"),
        UserFactory(username="eva", first_name="Eva", last_name="Ek", email="e@x.se"),
    )


@pytest.fixture
def activities(plan, owners):
    johan, eva = owners
    return [
        ActivityFactory(plan=plan, placed=True, title="Närakut Köping", owner=johan),
        ActivityFactory(plan=plan, placed=True, title="Vårdplatser", owner=johan),
        ActivityFactory(plan=plan, placed=True, title="Lab Fagersta", owner=eva),
        ActivityFactory(plan=plan, placed=True, title="Utan ansvarig användare"),
        ActivityFactory(plan=plan, title="Oplacerad med ansvarig", owner=eva),
    ]


@pytest.fixture
def a_planner(db):
    return planner(username="petra")
