"""Indicator pages and editing, per role."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from indicators.models import Indicator, IndicatorValue
from tests.factories import GoalFactory, PlanFactory, analyst, manager, planner
from tests.indicators.factories import (
    IndicatorFactory,
    IndicatorTargetFactory,
    IndicatorValueFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def share():
    return IndicatorFactory(name="Besökt akuten", unit_kind="share", period_kind="month")


def grid_post(client, indicator, rows, one=None):
    data = {"rows": list(rows)}
    for key, fields in rows.items():
        for name, text in fields.items():
            data[f"{key}:{name}"] = text
    if one:
        data["row"] = one
    url = reverse("indicators:values", args=[indicator.pk])
    return client.post(url, data, **({"HTTP_HX_REQUEST": "true"} if one else {}))


@pytest.mark.parametrize("role", [manager, analyst])
def test_readers_see_the_pages_but_cannot_write(client, role, share):
    client.force_login(role())
    for url in (
        reverse("indicators:plan_indicators", args=[share.plan.pk]),
        reverse("indicators:plan_tree", args=[share.plan.pk]),
        reverse("indicators:detail", args=[share.pk]),
    ):
        assert client.get(url).status_code == 200
    assert client.get(reverse("indicators:edit", args=[share.pk])).status_code == 403
    assert client.get(reverse("indicators:create", args=[share.plan.pk])).status_code == 403
    response = grid_post(client, share, {"ny1": {"period": "2024-03", "value": "64%"}})
    assert response.status_code == 403
    assert client.post(reverse("indicators:delete", args=[share.pk])).status_code == 403
    assert client.get(reverse("indicators:delete", args=[share.pk])).status_code == 403
    assert IndicatorValue.objects.count() == 0 and Indicator.objects.count() == 1


def test_reader_sees_values_as_text_without_inputs(client, share):
    IndicatorValueFactory(indicator=share, year=2024, number=3, value=D("64"), count=3460)
    client.force_login(manager())
    page = client.get(reverse("indicators:detail", args=[share.pk])).content.decode()
    assert "mar 2024" in page and "64\xa0%" in page and "3\xa0460" in page
    assert 'name="rows"' not in page


def test_planner_creates_an_indicator_with_targets_and_links(client):
    plan = PlanFactory()
    goal = GoalFactory(plan=plan, code="Stad 3")
    client.force_login(planner())
    response = client.post(
        reverse("indicators:create", args=[plan.pk]),
        {
            "name": "Listade invånare per läkare", "unit_kind": "ratio",
            "unit_label": "listade per läkare", "direction": "lower", "period_kind": "year",
            "final_target": "1 100", "goals": [goal.pk], "order": 0,
            "targets-TOTAL_FORMS": 2, "targets-INITIAL_FORMS": 0,
            "targets-0-year": 2026, "targets-0-value": "1 250",
            "targets-1-year": "", "targets-1-value": "",
        },
    )  # fmt: skip
    indicator = Indicator.objects.get()
    assert response.status_code == 302 and response.url == indicator.get_absolute_url()
    assert (indicator.final_target, indicator.plan) == (D("1100"), plan)
    assert indicator.yearly_targets == {2026: D("1250")}
    assert list(indicator.goals.all()) == [goal]


def test_a_goal_of_another_plan_is_refused(client, share):
    other = GoalFactory()
    client.force_login(planner())
    response = client.post(
        reverse("indicators:edit", args=[share.pk]),
        {"name": share.name, "unit_kind": "share", "direction": "higher",
         "period_kind": "month", "goals": [other.pk], "order": 0,
         "targets-TOTAL_FORMS": 0, "targets-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 422
    assert share.goals.count() == 0


def test_a_bad_final_target_names_the_field_and_saves_nothing(client, share):
    client.force_login(planner())
    response = client.post(
        reverse("indicators:edit", args=[share.pk]),
        {"name": "Nytt namn", "unit_kind": "share", "direction": "higher",
         "period_kind": "month", "final_target": "sextio", "order": 0,
         "targets-TOTAL_FORMS": 0, "targets-INITIAL_FORMS": 0},
    )  # fmt: skip
    assert response.status_code == 422
    assert "”sextio” är inte ett tal." in response.content.decode()
    share.refresh_from_db()
    assert share.name == "Besökt akuten"


def test_grid_row_saves_a_new_value_by_htmx(client, share):
    client.force_login(planner())
    response = grid_post(
        client, share, {"ny1": {"period": "2024-03", "value": "64 %", "count": "3 460"}}, "ny1"
    )
    value = IndicatorValue.objects.get()
    assert (value.year, value.number, value.value, value.count) == (2024, 3, 64, 3460)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="row-2024-03"' in html
    assert html.count("<tr") == 2  # the saved row and a fresh blank one
    assert "Sparat" in response.headers["HX-Trigger"]


def test_grid_row_changes_and_clears_an_existing_value(client, share):
    IndicatorValueFactory(indicator=share, year=2024, number=3, value=60)
    client.force_login(planner())
    grid_post(client, share, {"2024-03": {"value": "61,5", "note": "Ny källa"}}, "2024-03")
    value = IndicatorValue.objects.get()
    assert (value.value, value.note) == (D("61.5"), "Ny källa")
    grid_post(client, share, {"2024-03": {"value": "", "count": ""}}, "2024-03")
    assert IndicatorValue.objects.count() == 0


def test_grid_row_with_bad_input_says_what_and_saves_nothing(client, share):
    client.force_login(planner())
    response = grid_post(client, share, {"ny1": {"period": "mars", "value": "64"}}, "ny1")
    assert response.status_code == 422
    assert "”mars” är inte en period av slaget Månad" in response.content.decode()
    response = grid_post(client, share, {"ny1": {"period": "2024-03", "value": "6x"}}, "ny1")
    assert "”6x” är inte ett tal." in response.content.decode()
    assert IndicatorValue.objects.count() == 0


def test_a_percentage_is_refused_for_a_count(client):
    count = IndicatorFactory(unit_kind="count", period_kind="year")
    client.force_login(planner())
    response = grid_post(client, count, {"ny1": {"period": "2024", "value": "64%"}}, "ny1")
    assert response.status_code == 422
    assert "är en procentsats" in response.content.decode()


def test_save_all_is_all_or_nothing(client, share):
    client.force_login(planner())
    rows = {
        "ny1": {"period": "2024-01", "value": "60"},
        "ny2": {"period": "2024-02", "value": "??"},
        "ny3": {"period": "", "value": ""},
    }
    response = grid_post(client, share, rows)
    assert response.status_code == 422 and IndicatorValue.objects.count() == 0
    rows["ny2"]["value"] = "62"
    response = grid_post(client, share, rows)
    assert response.status_code == 302
    assert list(share.values.values_list("number", "value")) == [(1, 60), (2, 62)]


def test_the_same_period_twice_is_refused(client, share):
    IndicatorValueFactory(indicator=share, year=2024, number=3, value=60)
    client.force_login(planner())
    response = grid_post(client, share, {"ny1": {"period": "2024-03", "value": "1"}}, "ny1")
    assert "har redan ett värde" in response.content.decode()
    response = grid_post(
        client, share,
        {"ny1": {"period": "2024-04", "value": "1"}, "ny2": {"period": "2024-04", "value": "2"}},
    )  # fmt: skip
    assert "finns redan i tabellen" in response.content.decode()
    assert IndicatorValue.objects.get().value == 60


def test_planner_deletes_an_indicator(client, share):
    client.force_login(planner())
    response = client.post(reverse("indicators:delete", args=[share.pk]))
    assert response.status_code == 302 and not Indicator.objects.exists()
    assert response["Location"] == reverse("indicators:plan_indicators", args=[share.plan.pk])


def test_delete_asks_first_naming_what_goes(client, share):
    IndicatorValueFactory(indicator=share, year=2024, number=1, value=D("60"))
    IndicatorValueFactory(indicator=share, year=2024, number=3, value=D("64"))
    IndicatorTargetFactory(indicator=share, year=2025, value=D("50"))
    share.goals.add(GoalFactory(plan=share.plan, code="Stad 1"))
    client.force_login(planner())
    url = reverse("indicators:delete", args=[share.pk])
    page = client.get(url).content.decode()
    assert "Ta bort ”Besökt akuten”?" in page
    assert "2 värden (jan 2024 – mar 2024)" in page
    assert "1 målvärde per år" in page
    assert "kopplingen till målen Stad 1" in page
    assert f'<form method="post" action="{url}">' in page
    assert Indicator.objects.count() == 1 and IndicatorValue.objects.count() == 2  # only asked


def test_delete_with_htmx_is_a_fragment_then_a_client_redirect(client, share):
    client.force_login(planner())
    url = reverse("indicators:delete", args=[share.pk])
    page = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert page.lstrip().startswith('<section class="delete-confirm"')
    assert f'hx-post="{url}"' in page and "<html" not in page
    response = client.post(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("indicators:plan_indicators", args=[share.plan.pk])
    assert not Indicator.objects.exists() and IndicatorValue.objects.count() == 0


def test_the_page_states_the_status_rule(client, share):
    client.force_login(manager())
    page = client.get(reverse("indicators:plan_indicators", args=[share.plan.pk]))
    assert "högst 10 % av målvärdet" in page.content.decode()


def test_a_new_rows_period_alone_waits_for_its_value(client, share):
    client.force_login(planner())
    response = grid_post(client, share, {"ny1": {"period": "2024-03"}}, "ny1")
    assert response.status_code == 204 and IndicatorValue.objects.count() == 0
