import datetime as dt

import pytest

from staffing import models
from staffing.parser import parse_staffing_bytes
from staffing.services import sha256_of, staffing_import_commit, staffing_import_preview
from tests.factories import analyst
from tests.staffing import builders
from tests.staffing.builders import pivot_bytes, with_rows

pytestmark = pytest.mark.django_db
MARCHES = [dt.date(y, 3, 1) for y in (2021, 2022, 2023, 2024)]


def commit(data: bytes, user=None, name="personal.xlsx", **kwargs):
    return staffing_import_commit(
        parsed=parse_staffing_bytes(data), data=data, filename=name, user=user, **kwargs
    )


def preview(data: bytes, **kwargs):
    return staffing_import_preview(
        parsed=parse_staffing_bytes(data), sha256=sha256_of(data), filename="p.xlsx", **kwargs
    )


def test_the_shared_workbook_imports_to_the_seed_figures():
    user = analyst()
    data = builders.SHARED.read_bytes()
    result = commit(data, user=user)
    assert result.created
    base = models.BaseUnit.objects.get()
    assert base.name == "P3 Medicinkliniken Köping Fagersta"
    assert models.Unit.objects.count() == 16
    assert models.Headcount.objects.count() == 62
    renamed = models.Unit.objects.get(code="1722160")
    assert renamed.name == "Vårdadministrativa enheten Köping"
    assert list(renamed.names.values_list("name", "first_period", "last_period")) == [
        ("Skrivfunktion Köping", MARCHES[0], MARCHES[2]),
        ("Vårdadministrativa enheten Köping", MARCHES[3], MARCHES[3]),
    ]
    totals = list(models.ReportedTotal.objects.order_by("period").values_list("value", flat=True))
    assert totals == [415, 416, 406, 417]
    sums = [
        sum(models.Headcount.objects.filter(period=p).values_list("value", flat=True))
        for p in MARCHES
    ]
    assert sums == [408, 410, 400, 411]
    assert list(models.Leavers.objects.order_by("year").values_list("year", "total", "nurses")) == [
        (2021, 10, 5),
        (2022, 15, 9),
        (2023, 14, 8),
        (2024, 18, 7),
    ]
    batch = result.batch
    assert batch.sha256 == sha256_of(data)
    assert batch.file.read() == data
    assert batch.created_by == user
    assert len(batch.warnings) == 4 and "408" in batch.warnings[0]
    assert batch.summary["new_figures"] == 62
    assert batch.summary["new_unit_count"] == 16
    # a new row's batch is its creation record: no history record until it changes
    for model, count in ((models.Headcount, 62), (models.ReportedTotal, 4), (models.Leavers, 4)):
        assert model.objects.filter(batch=batch).count() == count
        assert model.history.count() == 0


def test_preview_lists_what_would_change_and_writes_nothing():
    p = preview(builders.SHARED.read_bytes())
    assert p.has_changes
    assert p.new_base_units == ["P3 Medicinkliniken Köping Fagersta"]
    assert len(p.new_units) == 16
    assert ("1722160", "Vårdadministrativa enheten Köping", p.new_base_units[0]) in p.new_units
    assert p.new_figures == 62 and p.new_totals == 4 and p.new_leavers == 4
    assert p.rows == 17 and p.units == 16
    assert [(c.what, c.when, c.old, c.new) for c in p.renamed_units] == [
        ("1722160", "2024-03", "Skrivfunktion Köping", "Vårdadministrativa enheten Köping")
    ]
    assert p.changed_unit_count == 0  # a new unit's own rename is not a change to a unit
    assert p.periods == ["2021-03", "2022-03", "2023-03", "2024-03"]
    assert (
        models.BaseUnit.objects.count()
        == models.Unit.objects.count()
        == models.ImportBatch.objects.count()
        == 0
    )


def test_the_same_file_again_changes_nothing_and_says_so():
    data = builders.SHARED.read_bytes()
    first = commit(data)
    again = preview(data)
    assert again.already == first.batch
    assert not again.has_changes
    assert again.unchanged_figures == 62
    second = commit(data)
    assert not second.created and second.batch == first.batch
    assert models.ImportBatch.objects.count() == 1
    assert models.Headcount.history.count() == 0


def test_a_different_file_with_the_same_figures_changes_nothing():
    commit(builders.SHARED.read_bytes())
    p = preview(pivot_bytes(labels=builders.ENGLISH))
    assert p.already is None
    assert not p.has_changes


def test_a_newer_export_records_the_old_value():
    user = analyst()
    commit(pivot_bytes(), user=user)
    rows = with_rows({"1722100 Akutmottagningen Köping": [62, 58, 58, 65]})
    newer = pivot_bytes(
        rows=rows, totals=[415, 416, 406, 420], leavers=["10(5)", "15(9)", "14(8)", "19(8)"]
    )
    p = preview(newer)
    assert [(c.what, c.when, c.old, c.new) for c in p.changed_figures] == [
        ("1722100 Akutmottagningen Köping", "2024-03", 62, 65)
    ]
    assert [(c.old, c.new) for c in p.changed_totals] == [(417, 420)]
    assert [(c.old, c.new) for c in p.changed_leavers] == [("18(7)", "19(8)")]
    first = models.ImportBatch.objects.get()
    result = commit(newer, user=user, name="personal-maj.xlsx")
    figure = models.Headcount.objects.get(unit__code="1722100", period=MARCHES[3])
    assert figure.value == 65 and figure.batch == result.batch
    # the first import's "+" record, written from its batch just before the change
    assert [
        (r.history_type, r.value, r.batch_id, r.history_user, r.history_change_reason)
        for r in figure.history.order_by("history_date", "history_id")
    ] == [
        ("+", 62, first.pk, user, "Import av personal.xlsx"),
        ("~", 65, result.batch.pk, user, "Import av personal-maj.xlsx"),
    ]
    assert figure.history.earliest("history_date").history_date == first.created_at
    assert figure.history.first().prev_record.value == 62
    assert (
        models.ReportedTotal.objects.get(period=MARCHES[3]).history.first().prev_record.value == 417
    )
    leavers = models.Leavers.objects.get(year=2024).history.order_by("history_date", "history_id")
    assert [(r.history_type, r.total, r.nurses) for r in leavers] == [("+", 18, 7), ("~", 19, 8)]
    # only the changed rows have records
    assert (models.Headcount.history.count(), models.ReportedTotal.history.count()) == (2, 2)
    assert result.batch.summary["changed_figures"] == [
        ["1722100 Akutmottagningen Köping", "2024-03", 62, 65]
    ]


def test_a_rename_in_a_newer_export_renames_the_unit_and_keeps_the_old_name():
    commit(pivot_bytes())
    rows = [*with_rows({}), ("1722199 Närvårdsteamet Fagersta och Sala", [None, None, None, None])]
    rows = [r for r in rows if r[0] != "1722199 Närvårdsteam Fagersta"]
    rows[-1] = ("1722199 Närvårdsteamet Fagersta och Sala", [None, None, 3, 4])
    data = pivot_bytes(rows=rows, periods=[202104, 202204, 202304, 202404], totals=None)
    p = preview(data)
    assert [(c.what, c.old, c.new) for c in p.renamed_units] == [
        ("1722199", "Närvårdsteam Fagersta", "Närvårdsteamet Fagersta och Sala")
    ]
    assert p.changed_unit_count == 1
    commit(data)
    unit = models.Unit.objects.get(code="1722199")
    assert unit.name == "Närvårdsteamet Fagersta och Sala"
    assert unit.names.count() == 2


def test_an_older_export_does_not_rename_back():
    commit(pivot_bytes())
    rows = [r for r in builders.ROWS if "Vårdadministrativa" not in r[0]]
    data = pivot_bytes(
        rows=rows, periods=[202003, 202103, 202203, 202303], totals=None, leavers=None
    )
    p = preview(data)
    assert p.renamed_units == []


def test_the_form_administration_is_used_when_the_file_says_all():
    commit(pivot_bytes(), administration="Västmanlands sjukhus")
    assert models.BaseUnit.objects.get().administration.name == "Västmanlands sjukhus"
    # the file's own filter wins over the form
    data = pivot_bytes(administration="Primärvården", totals=[415, 416, 406, 418])
    p = preview(data, administration="Annat")
    assert p.new_administrations == ["Primärvården"]
    assert [(c.old, c.new) for c in p.moved_base_units] == [
        ("Västmanlands sjukhus", "Primärvården")
    ]
    commit(data)
    assert models.BaseUnit.objects.get().administration.name == "Primärvården"
    assert models.Administration.objects.count() == 2


def test_empty_cells_are_no_figure_not_zero():
    commit(pivot_bytes())
    assert not models.Headcount.objects.filter(unit__code="1722199", period=MARCHES[0]).exists()
    assert not models.Headcount.objects.filter(value=0).exists()
    assert models.UnitName.objects.count() == 17


def test_an_import_keeps_each_base_units_sums_per_period():
    commit(builders.SHARED.read_bytes())
    base = models.BaseUnit.objects.get()
    expected = {}
    for period, value in models.Headcount.objects.values_list("period", "value"):
        expected[period] = expected.get(period, 0) + value
    assert models.PeriodSum.objects.for_base_unit(base).by_period() == expected
    assert len(expected) == 4
    # a newer export that changes one figure and moves nothing: the sums follow
    rows = with_rows({"1722100 Akutmottagningen Köping": [62, 58, 58, 65]})
    commit(pivot_bytes(rows=rows))
    after = models.PeriodSum.objects.for_base_unit(
        models.BaseUnit.objects.get(name=base.name)
    ).by_period()
    assert after == {
        p: sum(models.Headcount.objects.filter(period=p).values_list("value", flat=True))
        for p in after
    }
