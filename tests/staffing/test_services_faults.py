"""What the analyst confirms is what is written, counts agree everywhere (issue 10,
items 13-14), and the limits and faults a probe found (issue 11, part 4)."""

from __future__ import annotations

import datetime as dt
import io
import os
import threading
import time

import pytest
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from core.request_limits import RequestBodyLimitMiddleware
from staffing import keep
from staffing.models import BaseUnit, Headcount, ImportBatch, Leavers
from staffing.parser import parse_staffing_bytes
from staffing.services import (
    ChangedSincePreview,
    history_reason,
    staffing_import_commit,
    staffing_import_preview,
)
from tests.factories import analyst
from tests.staffing import builders
from tests.staffing.test_views import snapshot, upload


def commit(data: bytes, name="export.xlsx", **kwargs):
    return staffing_import_commit(
        parsed=parse_staffing_bytes(data), data=data, filename=name, user=None, **kwargs
    )


def leavers_labelled(label) -> bytes:
    wb = builders.pivot_workbook()
    ws = wb.active
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "2024 (tom 11 april)":
                cell.value = label
    return builders.to_bytes(wb)


@pytest.mark.django_db
def test_a_changed_leavers_label_alone_is_previewed_and_then_written():
    commit(builders.pivot_bytes())
    data = leavers_labelled("2024 (tom 30 april)")
    preview = staffing_import_preview(
        parsed=parse_staffing_bytes(data), sha256="x", filename="ny.xlsx"
    )
    assert preview.has_changes
    assert [(c.when, c.old, c.new) for c in preview.changed_leavers] == [
        ("2024 (tom 30 april)", "18(7) – 2024 (tom 11 april)", "18(7) – 2024 (tom 30 april)")
    ]
    result = commit(data, expected=preview.fingerprint())
    assert result.created
    assert Leavers.objects.get(year=2024).column_label == "2024 (tom 30 april)"


@pytest.mark.django_db
def test_the_commit_refuses_a_change_set_other_than_the_confirmed_one():
    data = builders.pivot_bytes()
    preview = staffing_import_preview(
        parsed=parse_staffing_bytes(data), sha256="x", filename="a.xlsx"
    )
    commit(builders.pivot_bytes(totals=None))  # another import lands in between
    before = Headcount.objects.count(), ImportBatch.objects.count()
    with pytest.raises(ChangedSincePreview) as err:
        commit(data, expected=preview.fingerprint())
    assert err.value.preview.new_figures == 0 and err.value.preview.new_totals == 4
    assert (Headcount.objects.count(), ImportBatch.objects.count()) == before


@pytest.mark.django_db
def test_counts_agree_in_the_message_the_list_and_the_detail(client):
    user = analyst(username="analytiker", first_name="Anna", last_name="Analytiker")
    client.force_login(user)
    wb = builders.pivot_workbook()
    builders.write_block(
        wb.create_sheet("Blad2"),
        base_unit="P1 Akutkliniken Västerås",
        rows=builders.VASTERAS,
        totals=[130] * 4,
        leavers=None,
    )
    response = client.post(upload(client, builders.to_bytes(wb))["Location"], follow=True)
    # 62 + 8 headcounts, 4 + 4 totals, 4 leavers; 18 new units
    assert "Importen är klar: 82 nya och 0 ändrade siffror, 18 nya eller ändrade enheter" in (
        response.text
    )
    listing = client.get(reverse("staffing:batch_list")).text
    assert '<td class="num">82</td>' in listing and '<td class="num">18</td>' in listing
    assert "Anna Analytiker" in listing and ">analytiker<" not in listing


@pytest.mark.django_db
def test_a_rename_alone_is_counted_as_a_changed_unit(client):
    client.force_login(analyst(username="analytiker1"))
    commit(builders.pivot_bytes())
    rows = [
        ("1722100 Akuten Köping" if label.startswith("1722100") else label, values)
        for label, values in builders.ROWS
    ]
    response = client.post(upload(client, builders.pivot_bytes(rows=rows))["Location"], follow=True)
    assert "0 nya och 0 ändrade siffror, 1 nya eller ändrade enheter" in response.text


@pytest.mark.django_db
def test_a_long_file_name_fits_the_history_reason():
    name = "Personalsiffror " + "mycket lång rubrik " * 12 + ".xlsx"
    commit(builders.pivot_bytes(), name=name)
    figure = Headcount.objects.first()
    figure.value += 1
    figure.save()  # the "+" record, from the batch, comes before this change's "~"
    reason = figure.history.get(history_type="+").history_change_reason
    assert len(reason) == 100 and reason.endswith("…") and reason == history_reason(name)
    assert ImportBatch.objects.get().filename == name


@pytest.mark.django_db
def test_one_analyst_cancelling_does_not_break_anothers_preview(client, settings):
    from django.test import Client

    first, second = client, Client()
    first.force_login(analyst(username="a1"))
    second.force_login(analyst(username="a2"))
    data = builders.pivot_bytes()
    url = upload(first, data)["Location"]
    second_url = upload(second, data)["Location"]
    assert second.post(second_url + "avbryt/").status_code == 302
    assert "Bekräfta och importera" in first.get(url).text
    first.post(url)
    assert ImportBatch.objects.count() == 1


@pytest.mark.django_db
def test_a_crash_leaves_no_second_copy_and_orphans_are_swept(settings, monkeypatch):
    data = builders.pivot_bytes()

    def crash(*args, **kwargs):
        raise RuntimeError("the power went out")

    monkeypatch.setattr("staffing.services.write_changes", crash)
    with pytest.raises(RuntimeError):
        commit(data)
    monkeypatch.undo()
    kept = [p for p in snapshot(settings)["files"] if "staffing/imports" in p]
    assert len(kept) == 1 and ImportBatch.objects.count() == 0
    commit(data)  # the retry reuses the same file
    assert [p for p in snapshot(settings)["files"] if "staffing/imports" in p] == kept
    # An orphan from an import that never came back is removed after an hour.
    orphan = settings.MEDIA_ROOT / keep.FOLDER / ("0" * 64 + ".xlsx")
    orphan.write_bytes(b"x")
    assert keep.sweep_orphans() == []
    old = time.time() - 2 * 3600
    os.utime(orphan, (old, old))
    assert keep.sweep_orphans() == [f"{keep.FOLDER}/{'0' * 64}.xlsx"]
    assert not orphan.exists() and ImportBatch.objects.get().file.read() == data


class Unreadable(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body was read")


@pytest.mark.parametrize(("length", "status"), [(12 * 1024 * 1024, 413), (1000, 200)])
def test_a_body_larger_than_the_limit_is_refused_before_it_is_read(settings, length, status):
    settings.IMPORT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    settings.MAX_REQUEST_BYTES = 11 * 1024 * 1024
    request = RequestFactory().generic("POST", "/konto/login/", b"")
    request.META["CONTENT_LENGTH"] = str(length)
    request.META["wsgi.input"] = Unreadable()
    middleware = RequestBodyLimitMiddleware(lambda r: __import__("django").http.HttpResponse())
    response = middleware(request)
    assert response.status_code == status
    if status == 413:
        assert response.content.decode() == "Förfrågan är för stor (12 MB; högst 11 MB)."


@pytest.mark.django_db
def test_an_anonymous_huge_post_gets_413_not_a_login_redirect(client):
    response = client.post(
        reverse("staffing:import_upload"),
        b"",
        content_type="application/octet-stream",
        headers={"Content-Length": str(2 * 1024**3)},
    )
    assert response.status_code == 413


@pytest.mark.django_db(transaction=True)
def test_two_imports_creating_the_same_base_unit_at_once_both_succeed():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers")
    files = [builders.pivot_bytes(), builders.pivot_bytes(totals=None)]
    parsed = [parse_staffing_bytes(d) for d in files]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def run(i):
        try:
            barrier.wait(timeout=10)
            staffing_import_commit(parsed=parsed[i], data=files[i], filename=f"{i}.xlsx", user=None)
            outcomes.append("ok")
        except Exception as err:  # noqa: BLE001 - the test reports what went wrong
            outcomes.append(repr(err))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert outcomes == ["ok", "ok"]
    assert BaseUnit.objects.count() == 1 and ImportBatch.objects.count() == 2
    assert Headcount.objects.count() == 62


def test_kept_files_are_named_by_hash_with_their_format():
    assert keep.path_for("a" * 64, "Export.ODS") == f"staffing/imports/{'a' * 64}.ods"
    assert keep.path_for("a" * 64, "export") == f"staffing/imports/{'a' * 64}.xlsx"
    assert dt.timedelta(hours=1) == keep.GRACE
