from django.core.management.base import BaseCommand

from demo.loading import DEMO_PASSWORD, DEMO_USERS, demo_load
from rounds.demo import DEMO_OWNERS


class Command(BaseCommand):
    help = "Laddar exempelplanerna och skapar en demoanvändare per roll (kan köras flera gånger)."

    def handle(self, *args, **options) -> None:
        result = demo_load()
        for name in result.plans_created:
            self.stdout.write(f"Skapade planen: {name}")
        for name in result.plans_kept:
            self.stdout.write(f"Fanns redan: {name}")
        if result.staffing_imported:
            self.stdout.write("Importerade personalsiffrorna för medicinkliniken Köping-Fagersta.")
        if result.indicators_created:
            self.stdout.write(
                f"Lade in {len(result.indicators_created)} indikatorer ur underlagen."
            )
        self.stdout.write("")
        self.stdout.write("Logga in på http://127.0.0.1:8000/ med någon av:")
        for username, _first, _last, role in DEMO_USERS:
            self.stdout.write(f"  {username:<11} lösenord {DEMO_PASSWORD}   ({role})")
        for username, *_rest in DEMO_OWNERS:
            self.stdout.write(
                f"  {username:<11} lösenord {DEMO_PASSWORD}   (ansvarig för aktiviteter)"
            )
        self.stdout.write("Skapa en egen administratör med: python manage.py createsuperuser")
