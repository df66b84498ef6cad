"""Planners mark an activity intern in the card panel, with a reason."""

import pytest
from django.urls import reverse

from activities.confidential import Confidentiality
from tests.factories import ActivityFactory
from tests.forms import activity_form_data as form_data

pytestmark = pytest.mark.django_db


def test_planner_marks_note_and_description_intern(editor):
    activity = ActivityFactory(placed=True)
    data = form_data(
        activity, confidentiality="detaljer", confidential_reason="Personuppgifter i noteringen"
    )
    response = editor.post(reverse("activities:edit", args=[activity.pk]), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.confidentiality == Confidentiality.DETAILS
    assert activity.confidential_reason == "Personuppgifter i noteringen"
    assert activity.history.first().confidentiality == Confidentiality.DETAILS


def test_intern_without_reason_is_refused_and_nothing_changes(editor):
    activity = ActivityFactory(placed=True)
    data = form_data(activity, confidentiality="hel", confidential_reason="")
    response = editor.post(reverse("activities:edit", args=[activity.pk]), data)
    assert response.status_code == 422
    assert "Ange ett kort skäl till att aktiviteten är intern." in response.text
    activity.refresh_from_db()
    assert activity.confidentiality == Confidentiality.OPEN


def test_a_form_without_the_field_keeps_the_marking(editor):
    activity = ActivityFactory(
        placed=True, confidentiality=Confidentiality.WHOLE, confidential_reason="Upphandling"
    )
    response = editor.post(
        reverse("activities:edit", args=[activity.pk]), form_data(activity, status_note="Ny")
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.confidentiality == Confidentiality.WHOLE and activity.status_note == "Ny"
