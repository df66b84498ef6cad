"""import_staffing FILE [--dry-run]: the browser import, for scripts."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.clock import local_minute
from core.people import display_name
from core.uploads import sha256_of, upload_limits
from staffing.models import ImportBatch
from staffing.parser import StaffingRefused, parse_staffing_bytes
from staffing.preview import outcome_text
from staffing.services import staffing_import_commit, staffing_import_preview


class Command(BaseCommand):
    help = "Importerar en pivottabell med personalsiffror från HR-systemet (.xlsx, .xls, .ods)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="visa ändringarna, spara inget")
        parser.add_argument("--administration", default="", help="förvaltning om filen saknar en")
        parser.add_argument("--user", default="", help="användarnamn som står som importör")

    def handle(self, *args, file: Path, dry_run: bool, administration: str, user: str, **options):
        try:
            data = file.read_bytes()
        except OSError as err:
            raise CommandError(f"{file}: {err.strerror}") from None
        # The hash first: an unchanged file is answered before it is parsed.
        sha256 = sha256_of(data)
        already = ImportBatch.objects.filter(sha256=sha256).first()
        if already:
            self.stdout.write(
                f"Filen är redan importerad ({local_minute(already.created_at)} av "
                f"{display_name(already.created_by)}, import {already.pk}); inget ändras."
            )
            return
        try:
            parsed = parse_staffing_bytes(data, limits=upload_limits())
        except StaffingRefused as err:
            raise CommandError("Filen importerades inte:\n" + "\n".join(err.problems)) from None
        importer = None
        if user:
            importer = get_user_model().objects.filter(username=user).first()
            if importer is None:
                raise CommandError(f"Användaren {user} finns inte.")
        if dry_run:
            self._show(
                staffing_import_preview(
                    parsed=parsed,
                    sha256=sha256,
                    filename=file.name,
                    administration=administration,
                )
            )
            self.stdout.write(
                "Provkörning: inget sparades. Utan --dry-run sparas ändringarna ovan."
            )
            return
        # Previewed and written in one transaction: the changes are computed once.
        result = staffing_import_commit(
            parsed=parsed,
            data=data,
            filename=file.name,
            user=importer,
            administration=administration,
            progress=self._progress,
            on_preview=self._show,
        )
        self.stderr.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Import {result.batch.pk}: ")
            + outcome_text(result.preview, result.batch.filename)
        )

    def _progress(self, done: int, total: int) -> None:
        """Progress on stderr, so that stdout stays the report a script reads."""
        self.stderr.write(f"\rSparar: {done} av {total} siffror", ending="")
        self.stderr.flush()

    def _show(self, preview) -> None:
        for warning in preview.warnings:
            self.stdout.write(self.style.WARNING(f"Varning: {warning}"))
        self.stdout.write(
            f"{preview.rows} rader, {preview.units} enheter, {len(preview.periods)} perioder. "
            f"Nya enheter: {len(preview.new_units)}, namnbyten: {len(preview.renamed_units)}, "
            f"nya siffror: {preview.new_figures}, ändrade: {len(preview.changed_figures)}, "
            f"nya totalsummor: {preview.new_totals}, nya slutade: {preview.new_leavers}."
        )
        for change in preview.changed_figures[:50]:
            self.stdout.write(f"  {change.what} {change.when}: {change.old} → {change.new}")
