"""`manage.py import_indicators PLAN FILE [--dry-run]`: indicator series from
Excel through the same functions as the web import."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.uploads import upload_limits
from indicators.series_import import indicator_series_import, series_preview, series_read_or_refuse
from roadmap.commands import plan_from_argument


class Command(BaseCommand):
    help = "Importerar indikatorvärden (en rad per indikator, en kolumn per period) från .xlsx."

    def add_arguments(self, parser):
        parser.add_argument("plan", help="Planens id eller exakta namn.")
        parser.add_argument("file", type=Path, help="Arbetsboken (.xlsx).")
        parser.add_argument("--dry-run", action="store_true", help="Visa vad som skulle ändras.")

    def handle(self, *args, plan: str, file: Path, dry_run: bool, **options):
        target = plan_from_argument(plan)
        try:
            data = file.read_bytes()[: upload_limits().max_bytes + 1]
        except OSError as err:
            raise CommandError(f"{file}: {err.strerror or err}") from None
        parsed = series_read_or_refuse(plan=target, data=data)
        if parsed.refusals:
            raise CommandError("\n".join([_("Inget importerades:"), *parsed.refusals]))
        lines = series_preview(plan=target, parsed=parsed)
        for line in lines:
            self.stdout.write(
                f"  {line.state:<8} {line.indicator[:50]:<50} {line.period}: {line.value}"
            )
        if dry_run:
            self.stdout.write(_("Provkörning: inget sparades."))
            return
        counts = indicator_series_import(plan=target, parsed=parsed)
        self.stdout.write(
            self.style.SUCCESS(
                _("%(new)s nya värden, %(changed)s ändrade, %(same)s oförändrade.") % counts
            )
        )
