"""Sends the status rounds' reminders that are due today. Meant for a daily
timer (cron or a systemd timer); running it again sends nothing twice."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from rounds.mail import reminders_send_due


class Command(BaseCommand):
    help = "Skickar dagens påminnelser för öppna statusomgångar (en gång per slag och ansvarig)."

    def handle(self, *args, **options) -> None:
        done = reminders_send_due(today=timezone.localdate(), site_url=settings.SITE_URL)
        for round_, kind, result in done:
            self.stdout.write(
                f"{round_} ({kind}): {len(result.mailed)} skickade, "
                f"{len(result.already)} redan skickade, "
                f"{len(result.without_email)} utan e-postadress"
            )
        if not done:
            self.stdout.write("Inga påminnelser att skicka.")
