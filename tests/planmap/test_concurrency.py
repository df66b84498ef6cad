"""No lost updates under real parallel transactions (PostgreSQL only:
SQLite serialises writers, so it cannot show two transactions racing)."""

import threading
import time

import pytest
from django.db import connection, transaction

from activities.models import Activity
from activities.services import Place, item_move
from core.quarters import Quarter
from core.versioning import EditConflict
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://…); .ci/run runs it there")


def race(pk: int, edits) -> list[str]:
    """Runs each edit in its own thread and transaction, all starting together;
    each holds its transaction open a moment so the others must wait on it."""
    barrier = threading.Barrier(len(edits))
    outcomes: list[str] = []

    def run(edit):
        try:
            item = Activity.objects.select_related("plan", "lane").get(pk=pk)
            barrier.wait(timeout=10)
            with transaction.atomic():
                edit(item)
                time.sleep(0.3)
            outcomes.append("saved")
        except EditConflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(e,)) for e in edits]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return sorted(outcomes)


def test_two_parallel_edits_one_wins_one_gets_a_conflict():
    activity = ActivityFactory(status_note="Före")

    def edit(note):
        def apply(item):
            item.status_note = note
            item.save_if_unchanged(1)

        return apply

    assert race(activity.pk, [edit("A"), edit("B")]) == ["conflict", "saved"]
    activity.refresh_from_db()
    assert activity.version == 2 and activity.status_note in {"A", "B"}
    assert activity.history.count() == 2  # created + the one edit that won


def test_parallel_edit_and_move_one_wins():
    activity = ActivityFactory()
    lane = activity.plan.lanes.first()

    def note(item):
        item.status_note = "Ändrad"
        item.save_if_unchanged(1)

    def move(item):
        item_move(item=item, expected_version=1, place=Place(lane, Quarter(2025, 1)))

    assert race(activity.pk, [note, move]) == ["conflict", "saved"]
    activity.refresh_from_db()
    assert activity.version == 2
    assert (activity.status_note == "Ändrad") != (activity.start is not None)
