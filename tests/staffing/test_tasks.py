"""Confirmed imports run in the background (issue 11, part 3): the page follows real
progress, the import list shows running imports, a real worker process runs them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from staffing.models import Headcount, ImportBatch, ImportJob
from staffing.tasks import JobProgress
from tests.factories import analyst
from tests.staffing import builders
from tests.staffing.test_views import upload
from tests.workers import run_db_worker

ROOT = Path(__file__).resolve().parents[2]
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def analyst_client(client):
    client.force_login(analyst(username="analytiker1"))
    return client


@pytest.mark.django_db
def test_with_an_immediate_backend_the_confirmation_lands_on_the_dashboard(analyst_client):
    url = upload(analyst_client, builders.pivot_bytes())["Location"]
    response = analyst_client.post(url)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.DONE and job.done == job.total == 70
    assert response["Location"].startswith(reverse("staffing:dashboard") + "?basenhet=")
    assert job.batch == ImportBatch.objects.get()


@pytest.mark.django_db
def test_a_queued_import_is_shown_as_running_until_a_worker_takes_it(analyst_client, settings):
    settings.TASKS = QUEUE
    url = upload(analyst_client, builders.pivot_bytes())["Location"]
    response = analyst_client.post(url)
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("staffing:import_job", args=[job.pk])
    page = analyst_client.get(response["Location"]).text
    assert "Importen väntar på att en bakgrundsprocess ska ta den." in page
    assert 'hx-trigger="every 1s"' in page
    listing = analyst_client.get(reverse("staffing:batch_list")).text
    assert "Pågående importer" in listing and "personal.xlsx</a>: väntar" in listing
    assert Headcount.objects.count() == 0
    # The worker's half, run here: progress, then the result the page shows.
    from staffing.tasks import run_import

    run_import.call(job.pk)
    fragment = analyst_client.get(response["Location"], headers={"HX-Request": "true"}).text
    assert fragment.lstrip().startswith('<div id="job-status"')
    assert "hx-trigger" not in fragment and "Importen är klar: 70 nya" in fragment
    assert Headcount.objects.count() == 62
    assert "Pågående importer" not in analyst_client.get(reverse("staffing:batch_list")).text


@pytest.mark.django_db
def test_a_job_page_shows_progress_while_running(analyst_client):
    job = ImportJob.objects.create(
        filename="stor.xlsx", sha256="a" * 64, status=ImportJob.RUNNING, done=40_000, total=120_000
    )
    page = analyst_client.get(reverse("staffing:import_job", args=[job.pk])).text
    assert "Sparar: 40000 av 120000 siffror." in page
    assert '<progress id="job-progress" max="120000" value="40000">33 %</progress>' in page


@pytest.mark.django_db
def test_a_change_since_the_preview_fails_the_job_and_offers_a_new_review(analyst_client, settings):
    settings.TASKS = QUEUE
    url = upload(analyst_client, builders.pivot_bytes())["Location"]
    preview = analyst_client.get(url).text
    fingerprint = preview.split('name="changes" value="')[1].split('"')[0]
    from staffing.parser import parse_staffing_bytes
    from staffing.services import staffing_import_commit

    other = builders.pivot_bytes(totals=None)
    staffing_import_commit(
        parsed=parse_staffing_bytes(other), data=other, filename="o.xlsx", user=None
    )
    response = analyst_client.post(url, {"changes": fingerprint})
    from staffing.tasks import run_import

    job = ImportJob.objects.get()
    run_import.call(job.pk)
    page = analyst_client.get(response["Location"]).text
    assert "Siffrorna i databasen har ändrats sedan granskningen" in page
    assert f'href="{url}"' in page  # "Granska filen igen"
    assert ImportBatch.objects.count() == 1


def test_progress_is_reported_only_on_postgresql_and_never_fails_the_import():
    progress = JobProgress(job_id=0)
    if connection.vendor != "postgresql":
        progress(1, 2)  # SQLite: one writer; nothing is written
        assert progress.own is None


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_process_runs_the_queued_import(analyst_client, settings):
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs a database it can share (PostgreSQL)")
    settings.TASKS = QUEUE
    url = upload(analyst_client, builders.pivot_bytes())["Location"]
    analyst_client.post(url)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.QUEUED
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DEBUG": "1",
    }
    run_db_worker(env, timeout=30)
    job.refresh_from_db()
    assert job.status == ImportJob.DONE and job.done == 70
    assert Headcount.objects.count() == 62
