"""Every page of the demo, as every role: never a server error.

A crawl over the demo data catches what unit tests with tidy factories miss
(an import made by a script has no user, a plan without snapshots, …).
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from activities.models import Activity
from roadmap.models import Meeting, Milestone, Plan
from rounds.models import Round
from staffing.models import ImportBatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_urls():
    call_command("demo", stdout=io.StringIO())
    plan = Plan.objects.get(name="Hälsa- och sjukvården 2029")
    activity = Activity.objects.filter(plan=plan).first()
    milestone = Milestone.objects.filter(plan=plan).first()
    meeting = Meeting.objects.filter(plan=plan).first()
    batch = ImportBatch.objects.first()
    urls = [reverse("roadmap:plan_list")]
    for p in Plan.objects.all():
        urls += [
            reverse(name, args=[p.pk])
            for name in (
                "roadmap:plan_map",
                "roadmap:review",
                "roadmap:changes",
                "roadmap:report",
                "roadmap:report_xlsx",
                "roadmap:report_pptx",
                "roadmap:timeline",
                "activities:deleted",
                "roadmap:plan_settings",
                "activities:create",
                "roadmap:milestone_create",
            )
        ]
    for name in ("detail", "edit", "move", "delete", "history"):
        urls.append(reverse(f"activities:{name}", args=[activity.pk]))
    for name in ("milestone_edit", "milestone_move", "milestone_delete"):
        urls.append(reverse(f"roadmap:{name}", args=[milestone.pk]))
    urls += [
        reverse("roadmap:meeting_agenda", args=[plan.pk, meeting.pk]),
        reverse("activities:plan_import"),
        reverse("roadmap:plan_create"),
        reverse("staffing:dashboard"),
        reverse("staffing:import_upload"),
        reverse("staffing:batch_list"),
        reverse("staffing:batch_detail", args=[batch.pk]),
        reverse("staffing:batch_file", args=[batch.pk]),
    ]
    round_ = Round.objects.get(plan=plan)
    urls += [reverse("rounds:plan_rounds", args=[p.pk]) for p in Plan.objects.all()]
    urls += [reverse("rounds:mine"), reverse("rounds:answer", args=[round_.requests.first().pk])]
    urls += [
        reverse(f"rounds:{name}", args=[round_.pk])
        for name in ("detail", "sign", "signed", "signed_xlsx", "signed_pptx")
    ]
    urls += [
        reverse("staffing:export", args=[t])
        for t in ("antal", "totalsumma", "forandring", "slutade")
    ]
    return urls


@pytest.mark.parametrize("username", ["planerare", "chef", "analytiker", "johan"])
@pytest.mark.parametrize("htmx", [False, True])
def test_every_page_answers_every_role_without_a_server_error(client, demo_urls, username, htmx):
    client.force_login(get_user_model().objects.get(username=username))
    headers = {"HX-Request": "true"} if htmx else {}
    for url in demo_urls:
        response = client.get(url, headers=headers)
        assert response.status_code in (200, 302, 403), (url, response.status_code)


GARBAGE = [
    {},
    {"version": "x", "lane": "abc", "year": "zz", "quarter": "9", "index": "-4"},
    {"title": "<script>x</script>" * 50, "status": "nope", "start_year": "99999"},
    {"history_id": "1e9", "code": "?", "text": "x" * 5000},
]


@pytest.mark.parametrize("username", ["planerare", "chef", "analytiker", "johan"])
def test_garbage_posts_never_cause_a_server_error(client, demo_urls, username):
    client.force_login(get_user_model().objects.get(username=username))
    plan = Plan.objects.get(name="Hälsa- och sjukvården 2029")
    activity = Activity.objects.filter(plan=plan).first()
    milestone = Milestone.objects.filter(plan=plan).first()
    round_ = Round.objects.get(plan=plan)
    posts = [
        reverse("activities:edit", args=[activity.pk]),
        reverse("activities:move", args=[activity.pk]),
        reverse("activities:reason", args=[activity.pk]),
        reverse("activities:create", args=[plan.pk]),
        reverse("roadmap:milestone_edit", args=[milestone.pk]),
        reverse("roadmap:milestone_move", args=[milestone.pk]),
        reverse("roadmap:snapshot_create", args=[plan.pk]),
        reverse("roadmap:plan_settings", args=[plan.pk]),
        reverse("roadmap:plan_create"),
        reverse("activities:plan_import"),
        reverse("staffing:import_upload"),
        reverse("rounds:plan_rounds", args=[plan.pk]),
        reverse("rounds:answer", args=[round_.requests.first().pk]),
        reverse("rounds:unchanged", args=[round_.requests.first().pk]),
        reverse("rounds:remind", args=[round_.pk]),
        reverse("rounds:sign", args=[round_.pk]),
    ]
    for url in posts:
        for data in GARBAGE:
            for headers in ({}, {"HX-Request": "true"}):
                response = client.post(url, data, headers=headers)
                assert response.status_code < 500, (url, data, response.status_code)
