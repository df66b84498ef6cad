"""Every time shown to a person is local (Europe/Stockholm), not UTC."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from activities.snapshots import snapshot_take
from core.clock import local_minute
from roadmap.models import Snapshot
from staffing.models import ImportBatch
from tests.factories import ActivityFactory
from tests.staffing import builders

WINTER = dt.datetime(2026, 11, 30, 4, 59, tzinfo=dt.UTC)


def test_local_minute_in_winter_and_summer():
    assert local_minute(WINTER) == "2026-11-30 05:59"
    assert local_minute(dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)) == "2026-06-01 12:00"


@pytest.mark.django_db
def test_snapshot_label_is_local():
    activity = ActivityFactory()
    snapshot = snapshot_take(plan=activity.plan, meeting=None, title="", user=None)
    Snapshot.objects.filter(pk=snapshot.pk).update(taken_at=WINTER)
    assert Snapshot.objects.get(pk=snapshot.pk).short_label == "2026-11-30 05:59"


@pytest.mark.django_db
def test_import_staffing_names_the_earlier_import_in_local_time():
    call_command("import_staffing", str(builders.SHARED), stdout=io.StringIO())
    ImportBatch.objects.update(created_at=WINTER)
    out = io.StringIO()
    call_command("import_staffing", str(builders.SHARED), stdout=out)
    batch = ImportBatch.objects.get()  # its id differs on PostgreSQL, whose sequences go on
    assert out.getvalue() == (
        f"Filen är redan importerad (2026-11-30 05:59 av –, import {batch.pk}); inget ändras.\n"
    )
    assert "05:59" in str(ImportBatch.objects.get())
