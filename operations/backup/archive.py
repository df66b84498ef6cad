"""The backup file: a .zip with manifest.json (format, version, counts),
plan.json (the usernames it names and one list of rows per model) and
files/ (any file a row refers to)."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import zipfile

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext as _

from operations.backup.parts import PARTS, Part
from roadmap.models import Plan

FORMAT = "fardplan-plan"
FORMAT_VERSION = 2
# Version 1 lacks strategy, indicators, staffing links and rounds: it restores without them.
READABLE_VERSIONS = (1, 2)


class BackupError(ValueError):
    """The file is not a plan backup this version can restore; nothing was changed."""


class Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but keeping microseconds: history is ordered by them."""

    def default(self, o):
        if isinstance(o, dt.datetime):
            return o.isoformat()
        return super().default(o)


def export_plan(plan: Plan) -> bytes:
    """The plan and all that belongs to it as a .zip."""
    buffer = io.BytesIO()
    rows: dict[str, list[dict]] = {}
    user_ids: set[int] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in PARTS:
            rows[part.label] = [
                _row(part, obj, archive, user_ids) for obj in part.rows(plan.pk).iterator()
            ]
        users = dict(get_user_model().objects.filter(pk__in=user_ids).values_list("pk", "username"))
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "plan": plan.name,
            "counts": {label: len(items) for label, items in rows.items()},
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        document = {"users": users, "rows": rows}
        archive.writestr("plan.json", json.dumps(document, cls=Encoder, ensure_ascii=False))
    return buffer.getvalue()


def _row(part: Part, obj, archive: zipfile.ZipFile, user_ids: set[int]) -> dict:
    row = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if field.attname in part.natural and value is not None:
            value = getattr(getattr(obj, field.name), part.natural[field.attname][1])
        elif isinstance(field, models.FileField):
            stored, value = value, value.name if value else ""
            if value and f"files/{value}" not in archive.namelist():
                with stored.open("rb") as handle:
                    archive.writestr(f"files/{value}", handle.read())
        elif isinstance(field, models.BinaryField) and value is not None:
            value = base64.b64encode(bytes(value)).decode("ascii")  # to_python decodes it
        elif field.is_relation and field.related_model is get_user_model() and value:
            user_ids.add(value)
        row[field.attname] = value
    return row


def read(data: bytes) -> tuple[dict, dict[str, bytes]]:
    """plan.json's document and the files, from a file `export_plan` wrote."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            manifest = json.loads(archive.read("manifest.json"))
            document = json.loads(archive.read("plan.json"))
            files = {
                n.removeprefix("files/"): archive.read(n)
                for n in archive.namelist()
                if n.startswith("files/")
            }
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError) as error:
        raise BackupError(
            _("Filen är ingen säkerhetskopia av en plan i Färdplan: %(error)s") % {"error": error}
        ) from error
    if manifest.get("format") != FORMAT or manifest.get("version") not in READABLE_VERSIONS:
        raise BackupError(
            _(
                "Filen är ingen säkerhetskopia av version %(versions)s: format %(format)r, "
                "version %(version)r."
            )
            % {
                "versions": ", ".join(map(str, READABLE_VERSIONS)),
                "format": manifest.get("format"),
                "version": manifest.get("version"),
            }
        )
    counts = {label: len(items) for label, items in document.get("rows", {}).items()}
    if counts != manifest.get("counts"):
        raise BackupError(
            _("Säkerhetskopian är skadad: raderna stämmer inte med antalen i manifest.json.")
        )
    return document, files
