from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

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
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            restored = import_plan(data=data, name=name)
        except BackupError as error:
            raise CommandError(f"{file}: {error}") from error
        self.stdout.write(f"Restored {restored.plan.name!r} as plan {restored.plan.pk}.")
        for line in restored.left_out:
            self.stdout.write(f"Left out: {line}")
