"""Every page of the demo, as every role: exactly the status the table says.

A crawl over the demo data catches what unit tests with tidy factories miss
(an import made by a script has no user, a plan without snapshots, …).
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from activities.models import Activity
from indicators.models import Indicator
from roadmap.models import Meeting, Milestone, Plan
from rounds.models import Round, StatusRequest
from staffing.models import ImportBatch
from staffing.tables import TABLES as STAFFING_TABLES

pytestmark = pytest.mark.django_db


P, M, A = "planerare", "chef", "analytiker"
EVERYONE = {P: 200, M: 200, A: 200}
PLANNERS = {P: 200, M: 403, A: 403}
STAFFING_READERS = {P: 403, M: 200, A: 200}
ANALYSTS = {P: 403, M: 403, A: 200}
REVIEWERS = {P: 200, M: 200, A: 403}

# What each role gets on each page: (url name, what it is about, statuses).
EXPECTED = [
    ("roadmap:plan_list", None, EVERYONE),
    ("roadmap:plan_map", "plan", EVERYONE),
    ("roadmap:review", "plan", EVERYONE),
    ("roadmap:changes", "plan", EVERYONE),
    ("roadmap:report", "plan", EVERYONE),
    ("roadmap:report_xlsx", "plan", EVERYONE),
    ("roadmap:report_pptx", "plan", EVERYONE),
    ("roadmap:timeline", "plan", EVERYONE),
    ("activities:deleted", "plan", PLANNERS),
    ("roadmap:plan_settings", "plan", PLANNERS),
    ("activities:create", "plan", PLANNERS),
    ("roadmap:milestone_create", "plan", PLANNERS),
    ("activities:detail", "activity", EVERYONE),
    ("activities:edit", "activity", PLANNERS),
    ("activities:move", "activity", PLANNERS),
    ("activities:delete", "activity", PLANNERS),
    ("activities:history", "activity", EVERYONE),
    ("roadmap:milestone_edit", "milestone", PLANNERS),
    ("roadmap:milestone_move", "milestone", PLANNERS),
    ("roadmap:milestone_delete", "milestone", PLANNERS),
    ("roadmap:meeting_agenda", "meeting", EVERYONE),
    ("activities:plan_import", None, PLANNERS),
    ("roadmap:plan_create", None, PLANNERS),
    ("staffing:dashboard", None, STAFFING_READERS),
    ("staffing:import_upload", None, ANALYSTS),
    ("staffing:batch_list", None, STAFFING_READERS),
    ("staffing:batch_detail", "batch", STAFFING_READERS),
    ("staffing:batch_file", "batch", ANALYSTS),
    ("indicators:plan_indicators", "plan", EVERYONE),
    ("indicators:plan_tree", "plan", EVERYONE),
    ("indicators:create", "plan", PLANNERS),
    ("indicators:series_upload", "plan", PLANNERS),
    ("strategy:edit", "plan", PLANNERS),
    ("indicators:detail", "indicator", EVERYONE),
    ("indicators:edit", "indicator", PLANNERS),
    ("activity_staffing:activity", "activity", EVERYONE),
    ("activity_staffing:edit", "activity", PLANNERS),
    ("rounds:mine", None, EVERYONE),
    ("rounds:plan_rounds", "plan", REVIEWERS),
    ("rounds:detail", "round", REVIEWERS),
    ("rounds:sign", "round", {P: 403, M: 302, A: 403}),  # signed already: to the report
    ("rounds:signed", "round", EVERYONE),
    ("rounds:signed_xlsx", "round", EVERYONE),
    ("rounds:signed_pptx", "round", EVERYONE),
    ("rounds:answer", "request", PLANNERS),  # and the request's owner (tests/rounds)
    *[
        (name, export, STAFFING_READERS)
        for export in STAFFING_TABLES
        for name in ("staffing:export", "staffing:export_csv")
    ],
]


@pytest.fixture
def demo_urls() -> list[tuple[str, dict[str, int]]]:
    """Every page of EXPECTED, for every demo plan, with what each role gets."""
    call_command("demo", stdout=io.StringIO())
    plan = Plan.objects.get(name="Hälsa- och sjukvården 2029")
    about = {
        "activity": [Activity.objects.filter(plan=plan).first().pk],
        "milestone": [Milestone.objects.filter(plan=plan).first().pk],
        "meeting": [(plan.pk, Meeting.objects.filter(plan=plan).first().pk)],
        "batch": [ImportBatch.objects.first().pk],
        "plan": list(Plan.objects.values_list("pk", flat=True)),
        "indicator": list(Indicator.objects.values_list("pk", flat=True)),
        "round": [Round.objects.get(plan=plan).pk],
        "request": [StatusRequest.objects.filter(round__plan=plan).first().pk],
    }
    urls = []
    for name, what, statuses in EXPECTED:
        if what is None:
            urls.append((reverse(name), statuses))
        elif what in about:
            for arg in about[what]:
                args = arg if isinstance(arg, tuple) else (arg,)
                urls.append((reverse(name, args=args), statuses))
        else:
            urls.append((reverse(name, args=[what]), statuses))
    return urls


@pytest.mark.parametrize("username", [P, M, A])
@pytest.mark.parametrize("htmx", [False, True])
def test_every_page_answers_every_role_as_the_table_says(client, demo_urls, username, htmx):
    client.force_login(get_user_model().objects.get(username=username))
    headers = {"HX-Request": "true"} if htmx else {}
    got = {url: client.get(url, headers=headers).status_code for url, _ in demo_urls}
    assert got == {url: statuses[username] for url, statuses in demo_urls}


def round_posts(plan) -> list[str]:
    round_ = Round.objects.get(plan=plan)
    request = round_.requests.first()
    return [
        reverse("rounds:plan_rounds", args=[plan.pk]),
        reverse("rounds:answer", args=[request.pk]),
        reverse("rounds:unchanged", args=[request.pk]),
        reverse("rounds:remind", args=[round_.pk]),
        reverse("rounds:sign", args=[round_.pk]),
    ]


GARBAGE = [
    {},
    {"version": "x", "lane": "abc", "year": "zz", "quarter": "9", "index": "-4"},
    {"title": "<script>x</script>" * 50, "status": "nope", "start_year": "99999"},
    {"history_id": "1e9", "code": "?", "text": "x" * 5000},
]


@pytest.mark.parametrize("username", [P, M, A])
def test_garbage_posts_never_cause_a_server_error(client, demo_urls, username):
    client.force_login(get_user_model().objects.get(username=username))
    plan = Plan.objects.get(name="Hälsa- och sjukvården 2029")
    activity = Activity.objects.filter(plan=plan).first()
    milestone = Milestone.objects.filter(plan=plan).first()
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
        reverse("indicators:values", args=[Indicator.objects.filter(plan=plan).first().pk]),
        reverse("indicators:create", args=[plan.pk]),
        reverse("indicators:series_upload", args=[plan.pk]),
        reverse("strategy:edit", args=[plan.pk]),
        reverse("activity_staffing:edit", args=[activity.pk]),
        *round_posts(plan),
    ]
    for url in posts:
        for data in GARBAGE:
            for headers in ({}, {"HX-Request": "true"}):
                response = client.post(url, data, headers=headers)
                assert response.status_code < 500, (url, data, response.status_code)
