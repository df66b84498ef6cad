from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import export_plan
from roadmap.models import Plan


class Command(BaseCommand):
    help = "Writes one plan with its history, snapshots and files to a portable .zip."

    def add_arguments(self, parser):
        parser.add_argument("plan", help="the plan's id or exact name")
        parser.add_argument("file", help="where to write the .zip")

    def handle(self, *args, plan: str, file: str, **options):
        found = Plan.objects.filter(pk=int(plan)) if plan.isdigit() else Plan.objects.none()
        found = found or Plan.objects.filter(name=plan)
        if len(found) != 1:
            raise CommandError(f"No single plan with id or name {plan!r} ({len(found)} found).")
        data = export_plan(found[0])
        Path(file).write_bytes(data)
        self.stdout.write(f"Wrote {found[0].name!r} to {file} ({len(data):,} bytes).")
