from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from operations.backup import export_plan
from roadmap.commands import plan_from_argument


class Command(BaseCommand):
    help = "Writes one plan with its history, snapshots and files to a portable .zip."

    def add_arguments(self, parser):
        parser.add_argument("plan", help="the plan's id or exact name")
        parser.add_argument("file", help="where to write the .zip")

    def handle(self, *args, plan: str, file: str, **options):
        found = plan_from_argument(plan)
        data = export_plan(found)
        Path(file).write_bytes(data)
        self.stdout.write(
            _("Skrev ”%(plan)s” till %(file)s (%(size)s byte).")
            % {"plan": found.name, "file": file, "size": f"{len(data):,}".replace(",", " ")}
        )
