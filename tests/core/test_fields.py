"""The shared field kinds give exactly the fields that were written out before them."""

from django.conf import settings
from django.db import models

from core import fields


def kwargs_of(field: models.Field) -> dict:
    return field.deconstruct()[3]


def test_part_of_cascades_and_keeps_its_options():
    field = fields.part_of("roadmap.Plan", "plan", related_name="lanes", null=True, blank=True)
    assert kwargs_of(field) == {
        "to": "roadmap.plan",
        "on_delete": models.CASCADE,
        "related_name": "lanes",
        "verbose_name": "plan",
        "null": True,
        "blank": True,
    }


def test_optional_link_is_emptied_when_its_target_goes():
    field = fields.optional_link("roadmap.Lane", "spår", related_name="activities")
    assert kwargs_of(field) == {
        "to": "roadmap.lane",
        "on_delete": models.SET_NULL,
        "null": True,
        "blank": True,
        "related_name": "activities",
        "verbose_name": "spår",
    }


def test_acting_user_is_an_optional_link_to_the_user_without_reverse_name():
    field = fields.acting_user("skapad av", blank=False)
    kwargs = kwargs_of(field)
    assert kwargs["to"] == settings.AUTH_USER_MODEL.lower()
    assert kwargs["on_delete"] is models.SET_NULL
    assert kwargs["related_name"] == "+"
    assert kwargs["null"] is True
    assert "blank" not in kwargs  # blank=False is the default, so not deconstructed


def test_year_and_quarter_fields_carry_their_ranges():
    year, quarter = fields.optional_year_field("år"), fields.optional_quarter_field("kvartal")
    assert (year.null, year.blank, quarter.null, quarter.blank) == (True, True, True, True)
    assert [v.limit_value for v in year.validators[:2]] == [1990, 2100]
    assert [v.limit_value for v in quarter.validators[:2]] == [1, 4]
    assert fields.year_field("första år").null is False


def test_quarter_in_range_allows_empty_or_one_to_four():
    check = fields.quarter_in_range("start_quarter", name="activity_start_quarter_1_4")
    assert check.name == "activity_start_quarter_1_4"
    assert check.condition == models.Q(start_quarter__isnull=True) | models.Q(
        start_quarter__gte=1, start_quarter__lte=4
    )
