"""The backup file: what it says it holds, the older format it still reads,
and damaged files that must change nothing."""

import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from operations.backup import BackupError, export_plan, import_plan
from operations.backup.parts import PARTS
from roadmap.models import Plan
from strategy.models import Principle, Vision

pytestmark = pytest.mark.django_db

FORMAT_2 = {p.label for p in PARTS[[p.model for p in PARTS].index(Vision) :]}


def unpacked(data: bytes) -> tuple[dict, dict]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return json.loads(archive.read("manifest.json")), json.loads(archive.read("plan.json"))


def packed(manifest: dict, document: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("plan.json", json.dumps(document))
    return buffer.getvalue()


def everything() -> dict[str, int]:
    return {p.label: p.model._default_manager.count() for p in PARTS}


def test_the_file_says_what_it_holds(plan):
    manifest, document = unpacked(export_plan(plan))
    assert manifest["format"] == "fardplan-plan"
    assert manifest["version"] == 2
    assert manifest["counts"]["activities.Activity"] == plan.activities.count()
    assert manifest["counts"]["roadmap.Snapshot"] == 2
    assert manifest["counts"]["rounds.SignOff"] == 1
    assert manifest["counts"] == {label: len(rows) for label, rows in document["rows"].items()}


def test_no_share_link_is_carried(plan):
    manifest, document = unpacked(export_plan(plan))
    assert [label for label in document["rows"] if label.startswith("sharing.")] == []


def test_a_file_of_format_1_still_restores_without_what_it_lacks(plan):
    manifest, document = unpacked(export_plan(plan))
    for label in FORMAT_2:
        del document["rows"][label], manifest["counts"][label]
    manifest["version"] = 1
    copy = import_plan(data=packed(manifest, document), name="Gammal").plan
    assert copy.activities.count() == plan.activities.count()
    assert copy.snapshots.count() == 2
    assert (Vision.objects.filter(plan=copy).count(), copy.indicators.count()) == (0, 0)
    assert len(FORMAT_2) == 16


def damage_a_value(document: dict) -> str:
    document["rows"]["indicators.IndicatorValue"][0]["value"] = "inte ett tal"
    return "indicators.IndicatorValue"


def damage_a_reference(document: dict) -> str:
    document["rows"]["rounds.SignOff"][0]["snapshot_id"] = 999999
    return (
        "Säkerhetskopian är skadad: en rad i rounds.SignOff hänvisar till roadmap.Snapshot 999999"
    )


def damage_a_constraint(document: dict) -> str:
    principles = document["rows"]["strategy.Principle"]
    principles[1]["name"] = principles[0]["name"]  # unique within a plan
    return "strategy.Principle"


@pytest.mark.parametrize("damage", [damage_a_value, damage_a_reference, damage_a_constraint])
def test_a_damaged_file_late_in_the_restore_changes_nothing(plan, damage):
    manifest, document = unpacked(export_plan(plan))
    expected = damage(document)
    before = everything()
    with pytest.raises(BackupError, match=expected):
        import_plan(data=packed(manifest, document))
    assert everything() == before
    assert Principle.objects.filter(plan=plan).count() == 4


def test_a_file_missing_rows_its_manifest_counts_changes_nothing(plan):
    manifest, document = unpacked(export_plan(plan))
    document["rows"]["activities.Activity"].pop()
    with pytest.raises(BackupError, match="raderna stämmer inte med antalen i manifest.json"):
        import_plan(data=packed(manifest, document))
    assert Plan.objects.count() == 3


def test_a_file_of_a_later_format_is_refused(plan):
    manifest, document = unpacked(export_plan(plan))
    manifest["version"] = 3
    with pytest.raises(BackupError, match="version 1, 2: format 'fardplan-plan', version 3"):
        import_plan(data=packed(manifest, document))


def test_a_file_that_is_not_a_backup_changes_nothing(tmp_path):
    bad = tmp_path / "not.zip"
    bad.write_bytes(b"PK but not really")
    with pytest.raises(
        CommandError, match="not.zip: Filen är ingen säkerhetskopia av en plan i Färdplan"
    ):
        call_command("import_plan", str(bad))
    assert Plan.objects.count() == 0


def test_export_names_a_plan_that_does_not_exist():
    with pytest.raises(CommandError, match="Ingen plan med id eller namn ”Ingen”"):
        call_command("export_plan", "Ingen", "/tmp/never.zip")
