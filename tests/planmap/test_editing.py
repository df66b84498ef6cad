import pytest
from django.urls import reverse

from activities.models import Activity, Status
from roadmap.models import Milestone
from tests.factories import ActivityFactory, MilestoneFactory, PlanFactory, manager
from tests.forms import activity_form_data

pytestmark = pytest.mark.django_db
HX = {"HX-Request": "true"}


def test_edit_panel_is_a_partial_of_the_edit_page(editor):
    activity = ActivityFactory()
    url = reverse("activities:edit", args=[activity.pk])
    page = editor.get(url).content.decode()
    fragment = editor.get(url, headers=HX).content.decode()
    assert "<html" in page and "<html" not in fragment
    assert 'class="panel-body"' in fragment and activity.title in fragment


def test_save_updates_status_and_returns_the_changed_cell(editor):
    plan = PlanFactory()
    lane = plan.lanes.first()
    activity = ActivityFactory(plan=plan, lane=lane, start_year=2025, start_quarter=2)
    response = editor.post(
        reverse("activities:edit", args=[activity.pk]),
        activity_form_data(activity, status=Status.IN_PROGRESS),
        headers=HX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="cell-{lane.pk}-2025-Q2"' in html and 'hx-swap-oob="true"' in html
    assert "Pågår" in html
    assert "fardplan:changed" in response["HX-Trigger-After-Settle"]
    activity.refresh_from_db()
    assert activity.status == Status.IN_PROGRESS and activity.version == 2


def test_plain_post_redirects_to_the_map(editor):
    activity = ActivityFactory()
    response = editor.post(
        reverse("activities:edit", args=[activity.pk]), activity_form_data(activity, title="Nytt")
    )
    assert response.status_code == 302
    assert response["Location"] == activity.plan.get_absolute_url()


def test_invalid_form_shows_errors_in_the_panel_and_saves_nothing(editor):
    activity = ActivityFactory(title="Före")
    response = editor.post(
        reverse("activities:edit", args=[activity.pk]),
        activity_form_data(activity, title="Efter", start_year="2031", start_quarter="5"),
        headers=HX,
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "field-error" in html
    activity.refresh_from_db()
    assert activity.title == "Före" and activity.version == 1


def test_stale_version_gets_the_conflict_view_not_an_overwrite(editor):
    activity = ActivityFactory(status_note="Original")
    stale = activity_form_data(activity, status_note="Min ändring")
    activity.status_note = "Deras ändring"
    activity.save()
    response = editor.post(reverse("activities:edit", args=[activity.pk]), stale, headers=HX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Deras ändring" in html and "Min ändring" in html and "Original" in html
    activity.refresh_from_db()
    assert activity.status_note == "Deras ändring"
    # "Keep mine" re-posts with the current version, and both edits stay in history.
    keep = {**stale, "version": activity.version}
    assert (
        editor.post(reverse("activities:edit", args=[activity.pk]), keep, headers=HX).status_code
        == 200
    )
    activity.refresh_from_db()
    assert activity.status_note == "Min ändring"
    notes = [h.status_note for h in activity.history.all()]
    assert "Deras ändring" in notes and "Min ändring" in notes


def test_create_in_a_cell_is_placed_there(editor):
    plan = PlanFactory()
    lane = plan.lanes.last()
    url = reverse("activities:create", args=[plan.pk])
    html = editor.get(f"{url}?lane={lane.pk}&year=2025&quarter=1", headers=HX).content.decode()
    assert f'<option value="{lane.pk}" selected>' in html
    data = {
        "title": "Ny sak",
        "status": Status.PLANNING,
        "lane": lane.pk,
        "start_year": "2025",
        "start_quarter": "1",
        "scenarios-TOTAL_FORMS": "1",
        "scenarios-INITIAL_FORMS": "0",
        "scenarios-0-number": "1",
        "scenarios-0-text": "Scenario ett",
    }
    response = editor.post(url, data, headers=HX)
    assert response.status_code == 200, response.content.decode()[:500]
    created = Activity.objects.get(title="Ny sak")
    assert (created.plan, created.lane, str(created.start)) == (plan, lane, "2025 Q1")
    assert created.scenarios.get().text == "Scenario ett"


def move(client, item, url_name="activities:move", **values):
    data = {"version": item.version, **{k: str(v) for k, v in values.items()}}
    return client.post(reverse(url_name, args=[item.pk]), data, headers=HX)


def test_move_from_tray_to_a_cell_returns_both_fragments(editor):
    plan = PlanFactory()
    lane = plan.lanes.get(name="Fastighetsutveckling")
    activity = ActivityFactory(plan=plan)
    response = move(editor, activity, lane=lane.pk, year=2025, quarter=1)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="cell-{lane.pk}-2025-Q1"' in html and 'id="tray-activities"' in html
    assert "Fastighetsutveckling, 2025 Q1" in response["HX-Trigger-After-Settle"]
    activity.refresh_from_db()
    assert activity.lane == lane and str(activity.start) == "2025 Q1"


def test_move_keeps_duration_and_reorders_the_cell(editor):
    plan = PlanFactory()
    lane = plan.lanes.first()
    a, b = (
        ActivityFactory(plan=plan, lane=lane, start_year=2025, start_quarter=1, position=i)
        for i in range(2)
    )
    c = ActivityFactory(
        plan=plan, lane=lane, start_year=2024, start_quarter=1, end_year=2024, end_quarter=3
    )
    assert move(editor, c, lane=lane.pk, year=2025, quarter=1, index=1).status_code == 200
    c.refresh_from_db()
    assert (str(c.start), str(c.end)) == ("2025 Q1", "2025 Q3")
    order = list(
        Activity.objects.filter(lane=lane, start_year=2025)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    assert order == [a.pk, c.pk, b.pk]


def test_move_later_asks_for_a_reason_and_stores_it(editor):
    plan = PlanFactory()
    lane = plan.lanes.first()
    activity = ActivityFactory(plan=plan, lane=lane, start_year=2025, start_quarter=1)
    response = move(editor, activity, lane=lane.pk, year=2025, quarter=3)
    html = response.content.decode()
    assert "Varför flyttades den?" in html and "2 kvartal senare" in html
    history_id = activity.history.latest().history_id
    response = editor.post(
        reverse("activities:reason", args=[activity.pk]),
        {"history_id": history_id, "code": "resursbrist", "text": "väntar på rekrytering"},
        headers=HX,
    )
    assert response.status_code == 200
    assert activity.history.latest().history_change_reason == "Resursbrist: väntar på rekrytering"


def test_move_earlier_does_not_ask(editor):
    plan = PlanFactory()
    lane = plan.lanes.first()
    activity = ActivityFactory(plan=plan, lane=lane, start_year=2025, start_quarter=3)
    assert (
        "Varför" not in move(editor, activity, lane=lane.pk, year=2025, quarter=1).content.decode()
    )


@pytest.mark.parametrize(
    ("values", "words", "status"),
    [
        ({"year": 2025, "quarter": 5}, "Kvartal", 400),
        ({"year": 2031, "quarter": 1}, "2024–2029", 400),
        ({"year": "x", "quarter": 1}, "", 400),
        ({"lane": 999999, "year": 2025, "quarter": 1}, "Spår", 400),
    ],
)
def test_bad_moves_are_refused_with_text_and_change_nothing(editor, values, words, status):
    plan = PlanFactory()
    activity = ActivityFactory(plan=plan)
    values.setdefault("lane", plan.lanes.first().pk)
    response = move(editor, activity, **values)
    assert response.status_code == status
    assert words in response.content.decode()
    activity.refresh_from_db()
    assert activity.version == 1 and activity.start is None


def test_move_to_another_plans_lane_is_refused(editor):
    activity = ActivityFactory()
    other_lane = PlanFactory().lanes.first()
    response = move(editor, activity, lane=other_lane.pk, year=2025, quarter=1)
    assert response.status_code == 400 and "Spår" in response.content.decode()
    activity.refresh_from_db()
    assert activity.lane is None


def test_stale_move_is_a_conflict(editor):
    plan = PlanFactory()
    activity = ActivityFactory(plan=plan)
    stale_version = activity.version
    activity.title = "Ändrad av någon annan"
    activity.save()
    response = editor.post(
        reverse("activities:move", args=[activity.pk]),
        {"version": stale_version, "lane": plan.lanes.first().pk, "year": 2025, "quarter": 1},
        headers=HX,
    )
    assert response.status_code == 409
    assert "ändrats av någon annan" in response.content.decode()
    activity.refresh_from_db()
    assert activity.start is None


def test_unknown_id_is_404(editor):
    assert move(editor, Activity(pk=999999, version=1)).status_code == 404


def test_keyboard_move_form_is_a_page_and_a_panel(editor):
    activity = ActivityFactory()
    url = reverse("activities:move", args=[activity.pk])
    assert "<html" in editor.get(url).content.decode()
    html = editor.get(url, headers=HX).content.decode()
    assert 'name="lane"' in html and 'name="year"' in html and 'name="quarter"' in html


def test_delete_asks_first_then_can_be_restored(editor):
    plan = PlanFactory()
    activity = ActivityFactory(plan=plan, title="Borttagbar")
    activity.scenarios.create(number=1, text="Sc")
    url = reverse("activities:delete", args=[activity.pk])
    assert "Vill du ta bort" in editor.get(url, headers=HX).content.decode()
    assert Activity.objects.filter(pk=activity.pk).exists()
    assert editor.post(url, headers=HX).status_code == 200
    assert not Activity.objects.filter(pk=activity.pk).exists()
    page = editor.get(reverse("activities:deleted", args=[plan.pk])).content.decode()
    assert "Borttagbar" in page
    record = Activity.history.filter(id=activity.pk, history_type="-").latest()
    response = editor.post(
        reverse("activities:restore_deleted", args=[plan.pk, "activity", record.history_id])
    )
    assert response.status_code == 302
    restored = Activity.objects.get(pk=activity.pk)
    assert restored.title == "Borttagbar" and restored.scenarios.get().text == "Sc"


def test_history_panel_and_restore_an_earlier_version(editor):
    activity = ActivityFactory(status_note="Första")
    activity.status_note = "Andra"
    activity.save()
    html = editor.get(
        reverse("activities:history", args=[activity.pk]), headers=HX
    ).content.decode()
    assert "Första → Andra" in html
    first = activity.history.earliest()
    response = editor.post(
        reverse("activities:restore", args=[activity.pk, first.history_id]), headers=HX
    )
    assert response.status_code == 200
    activity.refresh_from_db()
    assert activity.status_note == "Första"
    assert activity.history.count() == 3


def test_milestone_edit_and_move(editor):
    plan = PlanFactory()
    milestone = MilestoneFactory(plan=plan, title="Delmål A")
    response = move(editor, milestone, "roadmap:milestone_move", lane="", year=2026, quarter=2)
    assert response.status_code == 200
    assert 'id="cell-none-2026-Q2"' in response.content.decode()
    milestone.refresh_from_db()
    assert str(milestone.when) == "2026 Q2"
    response = editor.post(
        reverse("roadmap:milestone_edit", args=[milestone.pk]),
        {"title": "Delmål B", "year": "2026", "quarter": "2", "version": milestone.version},
        headers=HX,
    )
    assert response.status_code == 200
    assert Milestone.objects.get(pk=milestone.pk).title == "Delmål B"


WRITE_URLS = [
    ("activities:edit", "activity"),
    ("activities:move", "activity"),
    ("activities:delete", "activity"),
    ("activities:reason", "activity"),
    ("activities:create", "plan"),
    ("roadmap:milestone_edit", "milestone"),
    ("roadmap:milestone_move", "milestone"),
    ("roadmap:milestone_delete", "milestone"),
    ("roadmap:milestone_create", "plan"),
]


@pytest.mark.parametrize(("name", "target"), WRITE_URLS)
@pytest.mark.parametrize("headers", [{}, HX])
def test_readers_get_403_on_every_write_url(client, name, target, headers):
    plan = PlanFactory()
    objects = {
        "plan": plan,
        "activity": ActivityFactory(plan=plan),
        "milestone": MilestoneFactory(plan=plan),
    }
    client.force_login(manager())
    url = reverse(name, args=[objects[target].pk])
    assert client.post(url, {"version": 1}, headers=headers).status_code == 403
    activity = objects["activity"]
    activity.refresh_from_db()
    assert activity.version == 1


def test_readers_see_no_edit_controls(client):
    plan = PlanFactory()
    ActivityFactory(plan=plan)
    client.force_login(manager())
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "data-move-url" not in html and "Ny aktivitet" not in html and "Flytta" not in html


def test_readers_get_403_on_restore_and_the_deleted_page(client):
    activity = ActivityFactory()
    record = activity.history.latest()
    client.force_login(manager())
    for url in (
        reverse("activities:restore", args=[activity.pk, record.history_id]),
        reverse(
            "activities:restore_deleted", args=[activity.plan.pk, "activity", record.history_id]
        ),
    ):
        assert client.post(url, headers=HX).status_code == 403
    assert client.get(reverse("activities:deleted", args=[activity.plan.pk])).status_code == 403


def test_moved_card_keeps_its_since_marker(editor):
    from activities.snapshots import snapshot_take

    plan = PlanFactory()
    lane = plan.lanes.first()
    activity = ActivityFactory(plan=plan, lane=lane, start_year=2025, start_quarter=1)
    snapshot = snapshot_take(plan=plan, meeting=None, title="HSN test", user=None)
    map_url = f"http://testserver{plan.get_absolute_url()}?since={snapshot.pk}"
    response = editor.post(
        reverse("activities:move", args=[activity.pk]),
        {"version": activity.version, "lane": lane.pk, "year": 2025, "quarter": 2},
        headers={**HX, "HX-Current-URL": map_url},
    )
    assert "Ändrad sedan" in response.content.decode()
