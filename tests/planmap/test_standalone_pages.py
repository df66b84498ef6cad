"""The edit, delete, move and history pages work on their own (no map, no
#panel) and without JavaScript: plain forms, plain posts, redirects."""

import lxml.html
import pytest
from django.urls import reverse

from activities.models import Activity
from roadmap.models import Milestone
from tests.factories import ActivityFactory, MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db


def submit(client, page_url: str, action: str, **changes):
    """Loads a page and sends its form to `action` as a browser without JS would."""
    page = client.get(page_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'hx-target="#panel"' not in html  # nothing on the page aims at a panel it lacks
    forms = [f for f in lxml.html.fromstring(html).forms if f.get("action") == action]
    assert forms, f"no form posting to {action} on {page_url}"
    data: dict[str, list[str]] = {}
    for name, value in forms[0].form_values():
        data.setdefault(name, []).append(value)
    data.update({k: [str(v)] for k, v in changes.items()})
    return client.post(action, data)


def test_edit_page_saves(editor):
    activity = ActivityFactory(status_note="Före")
    url = reverse("activities:edit", args=[activity.pk])
    response = submit(editor, url, url, status_note="Efter")
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status_note == "Efter"


def test_detail_page_links_to_a_working_edit_page(editor):
    activity = ActivityFactory()
    detail = editor.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    url = reverse("activities:edit", args=[activity.pk])
    assert f'href="{url}"' in detail
    assert submit(editor, url, url, title="Ny titel").status_code == 302
    assert Activity.objects.get(pk=activity.pk).title == "Ny titel"


def test_delete_page_deletes(editor):
    activity = ActivityFactory()
    url = reverse("activities:delete", args=[activity.pk])
    assert submit(editor, url, url).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_move_page_moves_and_asks_why_on_a_page(editor):
    activity = ActivityFactory(placed=True)
    lane = activity.lane
    url = reverse("activities:move", args=[activity.pk])
    response = submit(editor, url, url, lane=lane.pk, year=2026, quarter=1)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and "Varför flyttades den?" in html
    activity.refresh_from_db()
    assert (activity.start_year, activity.start_quarter) == (2026, 1)

    reason_url = reverse("activities:reason", args=[activity.pk])
    forms = [f for f in lxml.html.fromstring(html).forms if f.get("action") == reason_url]
    data = dict(forms[0].form_values()) | {"code": "resursbrist"}
    assert editor.post(reason_url, data).status_code == 302
    assert activity.history.latest().history_change_reason == "Resursbrist"


def test_refused_move_returns_to_the_move_page_with_the_message(editor):
    activity = ActivityFactory()
    url = reverse("activities:move", args=[activity.pk])
    response = submit(editor, url, url, year=2026, quarter=1, lane="")
    assert response.status_code == 302 and response["Location"] == url
    page = editor.get(url).content.decode()
    assert "välj ett spår" in page


def test_history_page_restores(editor):
    activity = ActivityFactory(status_note="Första")
    activity.status_note = "Andra"
    activity.save()
    first = activity.history.earliest()
    history_url = reverse("activities:history", args=[activity.pk])
    action = reverse("activities:restore", args=[activity.pk, first.history_id])
    assert submit(editor, history_url, action).status_code == 302
    activity.refresh_from_db()
    assert activity.status_note == "Första"


def test_milestone_pages_work(editor):
    plan = PlanFactory()
    milestone = MilestoneFactory(plan=plan, title="Före")
    edit = reverse("roadmap:milestone_edit", args=[milestone.pk])
    assert submit(editor, edit, edit, title="Efter").status_code == 302
    assert Milestone.objects.get(pk=milestone.pk).title == "Efter"
    move = reverse("roadmap:milestone_move", args=[milestone.pk])
    assert submit(editor, move, move, year=2025, quarter=3).status_code == 302
    assert Milestone.objects.get(pk=milestone.pk).quarter == 3
    delete = reverse("roadmap:milestone_delete", args=[milestone.pk])
    assert submit(editor, delete, delete).status_code == 302
    assert not Milestone.objects.filter(pk=milestone.pk).exists()


def test_conflict_page_without_htmx_keeps_mine(editor):
    activity = ActivityFactory(status_note="Före")
    url = reverse("activities:edit", args=[activity.pk])
    html = editor.get(url).content.decode()
    activity.leader = "Någon annan"
    activity.save()
    form = [f for f in lxml.html.fromstring(html).forms if f.get("action") == url][0]
    data = dict(form.form_values()) | {"status_note": "Min"}
    conflict = editor.post(url, data)
    assert conflict.status_code == 409
    assert submit_html(editor, conflict.content.decode(), url).status_code == 302
    activity.refresh_from_db()
    assert (activity.status_note, activity.leader) == ("Min", "Någon annan")


def submit_html(client, html: str, action: str):
    assert 'hx-target="#panel"' not in html
    form = [f for f in lxml.html.fromstring(html).forms if f.get("action") == action][0]
    data: dict[str, list[str]] = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return client.post(action, data)
