"""`manage.py import_activities PLAN FILE [--dry-run]`: the import flow from
the command line, through the same services as the web."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from activities.plan_import.services import (
    activity_plan_import,
    activity_plan_read,
    plan_outcomes,
    preview_groups,
)
from core.uploads import upload_limits
from core.workbooks import WorkbookRefused
from roadmap.commands import plan_from_argument


class Command(BaseCommand):
    help = "Importerar en aktivitetsplan (VAD/HUR/NÄR/KLART) från en .xlsx-fil till en plan."

    def add_arguments(self, parser):
        parser.add_argument("plan", help="Planens id eller exakta namn.")
        parser.add_argument("file", type=Path, help="Arbetsboken (.xlsx).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Visa vad som skulle importeras; spara inget."
        )
        parser.add_argument("--lane", help="Spårets namn (standard: planens första spår).")
        parser.add_argument(
            "--owner-level", help="Den organisatoriska nivåns namn (standard: ingen)."
        )

    def handle(self, *args, plan: str, file: Path, dry_run: bool, lane, owner_level, **options):
        target = plan_from_argument(plan)
        try:
            with file.open("rb") as f:
                data = f.read(upload_limits().max_bytes + 1)  # one byte more is enough to refuse
        except OSError as err:
            raise CommandError(
                _("Kan inte läsa %(file)s: %(err)s") % {"file": file, "err": err.strerror or err}
            ) from None
        try:
            parsed = activity_plan_read(data=data)
        except WorkbookRefused as err:
            raise CommandError(f"{file.name}: {err}") from None
        lane_obj = self._one(target.lanes, lane, _("spår")) if lane else target.lanes.first()
        level_obj = self._one(target.owner_levels, owner_level, _("nivå")) if owner_level else None

        outcomes = plan_outcomes(target, parsed)
        groups, problems = preview_groups(parsed, outcomes)
        for group in groups:
            self.stdout.write(group.heading or _("(utan rubrik)"))
            for o in group.outcomes:
                when = f"{o.start or '–'} … {o.end or '–'}"
                mark = "+" if o.is_new else "="
                self.stdout.write(f"  {mark} {o.row.title[:70]}  [{when}]")
        for problem in problems:
            self.stderr.write(_("Varning: %(problem)s") % {"problem": problem})
        new = sum(o.is_new for o in outcomes)
        if dry_run:
            self.stdout.write(
                _(
                    "Provkörning: %(new)s nya aktiviteter skulle importeras till %(plan)s, "
                    "%(kept)s finns redan. Inget sparades."
                )
                % {"new": new, "plan": target, "kept": len(outcomes) - new}
            )
            return
        try:
            result = activity_plan_import(
                plan=target, parsed=parsed, lane=lane_obj, owner_level=level_obj, source=file.name
            )
        except ValidationError as err:
            raise CommandError("; ".join(err.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("%(created)s aktiviteter importerades till %(plan)s; %(kept)s fanns redan.")
                % {"created": result.created, "plan": target, "kept": result.skipped}
            )
        )

    def _one(self, queryset, name: str, what: str):
        obj = queryset.filter(name=name).first()
        if obj is None:
            names = ", ".join(queryset.values_list("name", flat=True))
            raise CommandError(
                _("Planen har inget %(what)s ”%(name)s” (finns: %(names)s).")
                % {"what": what, "name": name, "names": names}
            )
        return obj
