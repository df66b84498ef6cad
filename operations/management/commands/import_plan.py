from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from operations.backup import BackupError, import_plan


class Command(BaseCommand):
    help = "Restores a plan written by export_plan as a new plan (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .zip from export_plan")
        parser.add_argument("--name", help="a new name for the restored plan")

    def handle(self, *args, file: str, name: str | None = None, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(
                _("Kan inte läsa %(file)s: %(error)s.") % {"file": file, "error": error.strerror}
            ) from error
        try:
            restored = import_plan(data=data, name=name)
        except BackupError as error:
            raise CommandError(f"{file}: {error}") from error
        self.stdout.write(
            _("Återställde ”%(plan)s” som plan %(id)s.")
            % {"plan": restored.plan.name, "id": restored.plan.pk}
        )
        for line in restored.left_out:
            self.stdout.write(_("Utelämnat: %(line)s") % {"line": line})
