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
    assert "Provkörning: inget sparades." in output
    assert ImportBatch.objects.count() == Headcount.objects.count() == 0


def test_import_then_again_changes_nothing():
    analyst(username="ana")
    assert "Importerad som import" in run(str(builders.SHARED), "--user", "ana")
    assert ImportBatch.objects.get().created_by.username == "ana"
    assert "redan importerad" in run(str(builders.SHARED))
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
