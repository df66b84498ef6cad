"""The one pending-import helper: uploads wait in the database per owner and
kind, are checked by their sha256 when read, and are swept after a day."""

import datetime as dt
import hashlib

import pytest
from django.test import RequestFactory
from django.utils import timezone

from core.models import PendingImport
from core.uploads import PendingDamaged, PendingImports, pending_missing, pending_sweep, sha256_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DATA = b"PK\x03\x04 some workbook bytes"
DIGEST = hashlib.sha256(DATA).hexdigest()


def test_store_then_load_gives_back_the_bytes_name_and_metadata():
    owner = UserFactory()
    pending = PendingImports("plan")
    assert pending.store(DATA, owner=owner, filename="plan.xlsx", meta={"plan": 7}) == DIGEST
    loaded = pending.load(DIGEST, owner=owner)
    assert (loaded.digest, loaded.filename, loaded.data, loaded.meta) == (
        DIGEST,
        "plan.xlsx",
        DATA,
        {"plan": 7},
    )


def test_the_same_bytes_again_replace_the_name_and_metadata_in_one_row():
    owner = UserFactory()
    pending = PendingImports("staffing")
    pending.store(DATA, owner=owner, filename="a.xlsx", meta={"administration": "A"})
    pending.store(DATA, owner=owner, filename="b.xlsx", meta={"administration": "B"})
    (row,) = PendingImport.objects.all()
    assert (row.filename, row.meta) == ("b.xlsx", {"administration": "B"})


def test_each_owner_has_their_own_upload_of_the_same_bytes():
    first, second = UserFactory(), UserFactory()
    pending = PendingImports("staffing")
    pending.store(DATA, owner=first, filename="mitt.xlsx")
    pending.store(DATA, owner=second, filename="ditt.xlsx")
    pending.discard(DIGEST, owner=second)  # the second person cancels
    assert pending.load(DIGEST, owner=second) is None
    assert pending.load(DIGEST, owner=first).filename == "mitt.xlsx"
    assert pending.load(DIGEST, owner=UserFactory()) is None


def test_each_importer_sees_only_its_own_kind():
    owner = UserFactory()
    PendingImports("plan").store(DATA, owner=owner, filename="plan.xlsx")
    assert PendingImports("staffing").load(DIGEST, owner=owner) is None
    assert not PendingImports("staffing").exists(DIGEST, owner=owner)
    PendingImports("staffing").discard(DIGEST, owner=owner)
    assert PendingImports("plan").exists(DIGEST, owner=owner)


def test_mine_lists_the_owners_uploads_newest_first_without_their_bytes():
    owner, other = UserFactory(), UserFactory()
    pending = PendingImports("plan")
    pending.store(b"first", owner=owner, filename="1.xlsx")
    pending.store(b"second", owner=owner, filename="2.xlsx")
    pending.store(b"theirs", owner=other, filename="x.xlsx")
    mine = pending.mine(owner)
    assert [p.filename for p in mine] == ["2.xlsx", "1.xlsx"]
    assert mine[0].get_deferred_fields() == {"data"}


def test_at_most_keep_uploads_per_owner_wait_and_the_oldest_go_first():
    owner, other = UserFactory(), UserFactory()
    pending = PendingImports("plan", keep=2)
    pending.store(b"theirs", owner=other, filename="x.xlsx")
    for n in range(3):
        pending.store(f"file {n}".encode(), owner=owner, filename=f"{n}.xlsx")
    assert [p.filename for p in pending.mine(owner)] == ["2.xlsx", "1.xlsx"]
    assert [p.filename for p in pending.mine(other)] == ["x.xlsx"]


def test_no_cap_keeps_every_upload():
    owner = UserFactory()
    pending = PendingImports("staffing", keep=None)
    for n in range(7):
        pending.store(f"file {n}".encode(), owner=owner, filename=f"{n}.xlsx")
    assert pending.mine(owner).count() == 7


def test_bytes_that_no_longer_match_their_digest_are_refused_and_discarded():
    owner = UserFactory()
    pending = PendingImports("plan")
    pending.store(DATA, owner=owner, filename="plan.xlsx")
    PendingImport.objects.update(data=b"something else")
    with pytest.raises(PendingDamaged) as refused:
        pending.load(DIGEST, owner=owner)
    assert str(refused.value) == (
        "Den uppladdade filen ”plan.xlsx” stämmer inte längre med sin kontrollsumma "
        "(SHA-256) och har tagits bort; ladda upp den igen."
    )
    assert PendingImport.objects.count() == 0


@pytest.mark.parametrize("digest", ["", "0" * 64, DIGEST.upper(), DIGEST[:-1], "../" + DIGEST])
def test_an_unknown_or_malformed_digest_finds_nothing(digest):
    owner = UserFactory()
    PendingImports("plan").store(DATA, owner=owner, filename="plan.xlsx")
    assert PendingImports("plan").load(digest, owner=owner) is None


def test_uploads_older_than_a_day_are_swept_by_the_next_store():
    owner, other = UserFactory(), UserFactory()
    pending = PendingImports("plan")
    pending.store(b"old", owner=other, filename="old.xlsx")
    pending.store(b"recent", owner=other, filename="recent.xlsx")
    PendingImport.objects.filter(filename="old.xlsx").update(
        created_at=timezone.now() - dt.timedelta(hours=25)
    )
    PendingImport.objects.filter(filename="recent.xlsx").update(
        created_at=timezone.now() - dt.timedelta(hours=23)
    )
    pending.store(DATA, owner=owner, filename="new.xlsx")
    assert sorted(PendingImport.objects.values_list("filename", flat=True)) == [
        "new.xlsx",
        "recent.xlsx",
    ]


def test_sweep_counts_what_it_removed():
    owner = UserFactory()
    PendingImports("staffing").store(DATA, owner=owner, filename="a.xlsx")
    assert pending_sweep(now=timezone.now() + dt.timedelta(hours=23)) == 0
    assert pending_sweep(now=timezone.now() + dt.timedelta(days=2)) == 1
    assert PendingImport.objects.count() == 0


def test_a_missing_upload_is_a_404_that_says_so_and_where_to_start_again():
    request = RequestFactory().get("/")
    request.user = UserFactory()
    response = pending_missing(request, "/importera/")
    text = response.content.decode()
    assert response.status_code == 404
    assert "Det finns ingen uppladdad fil att granska här; ladda upp den igen." in text
    assert '<a href="/importera/">Ladda upp en fil</a>' in text


def test_deleting_the_owner_removes_their_uploads():
    owner = UserFactory()
    PendingImports("plan").store(DATA, owner=owner, filename="plan.xlsx")
    owner.delete()
    assert PendingImport.objects.count() == 0


def test_a_digest_the_caller_computed_is_kept_and_still_checked_on_load():
    owner = UserFactory(username="hash-en-gang")
    pending = PendingImports("staffing")
    data = b"PK\x03\x04 arbetsbok"
    assert pending.store(data, owner=owner, filename="a.xlsx", digest=sha256_of(data)) == (
        sha256_of(data)
    )
    assert pending.load(sha256_of(data), owner=owner).data == data
    wrong = "0" * 64
    pending.store(data, owner=owner, filename="b.xlsx", digest=wrong)
    with pytest.raises(PendingDamaged):
        pending.load(wrong, owner=owner)
