import io

import pytest
from django.core.management import CommandError, call_command

from staffing.models import Headcount, ImportBatch
from tests.factories import analyst
from tests.staffing import builders
from tests.staffing.builders import with_rows

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("import_staffing", *args, stdout=out)
    return out.getvalue()


def test_dry_run_shows_the_changes_and_writes_nothing():
    output = run(str(builders.SHARED), "--dry-run")
    assert "17 rader, 16 enheter, 4 perioder" in output
    assert "nya siffror: 62" in output
    assert "Varning: Blad1!C23: Totalsumma 415" in output
    # Issue 10, item 15: a dry run never says that something is saved.
    assert "Båda sparas" not in output and "En import sparar båda." in output
    assert output.rstrip().endswith(
        "Provkörning: inget sparades. Utan --dry-run sparas ändringarna ovan."
    )
    assert ImportBatch.objects.count() == Headcount.objects.count() == 0


def test_import_then_again_changes_nothing(monkeypatch):
    analyst(username="ana", first_name="Anna", last_name="Analytiker")
    output = run(str(builders.SHARED), "--user", "ana")
    batch = ImportBatch.objects.get()
    assert f"Import {batch.pk}: Importen är klar: 70 nya och 0 ändrade siffror" in output
    assert batch.created_by.username == "ana"

    def not_parsed(*args, **kwargs):
        raise AssertionError("an imported file is answered by its hash, not parsed again")

    monkeypatch.setattr(
        "staffing.management.commands.import_staffing.parse_staffing_bytes", not_parsed
    )
    again = run(str(builders.SHARED))
    assert "redan importerad" in again and "av Anna Analytiker" in again
    assert ImportBatch.objects.count() == 1


def test_a_refused_file_is_a_command_error_with_the_place(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(
        builders.pivot_bytes(rows=with_rows({"1722115 Pool Köping": ["ca 40", 8, 7, 6]}))
    )
    with pytest.raises(CommandError, match="Blad1!C8: 'ca 40' är inte ett heltal"):
        run(str(bad))
    assert ImportBatch.objects.count() == 0


def test_a_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        run(str(tmp_path / "missing.xlsx"))


def test_the_import_reports_progress_on_stderr():
    out, err = io.StringIO(), io.StringIO()
    call_command("import_staffing", str(builders.SHARED), stdout=out, stderr=err)
    assert err.getvalue().startswith("\rSparar: 0 av 70 siffror")
    assert "\rSparar: 70 av 70 siffror" in err.getvalue()
    assert "Sparar" not in out.getvalue()


def test_an_import_shows_its_preview_and_works_out_the_changes_once(monkeypatch):
    from staffing import services

    calls = []
    real = services.compute_changes

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "compute_changes", counted)
    output = run(str(builders.SHARED))
    assert "17 rader, 16 enheter, 4 perioder" in output
    assert "nya siffror: 62" in output
    assert len(calls) == 1  # previewed and written in one transaction
    assert Headcount.objects.count() == 62
