"""`./dev run` calls this before `migrate`: a PostgreSQL database that
DATABASE_URL names but that does not exist yet is created, and anything that
stops that is said in one sentence instead of a long traceback."""

import warnings

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.utils import DatabaseError, OperationalError


def _first_line(err: Exception) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]


class Command(BaseCommand):
    help = "Skapar PostgreSQL-databasen som DATABASE_URL anger om den inte finns."

    def handle(self, *args, **options) -> None:
        connection = connections["default"]
        if connection.vendor != "postgresql":
            return  # SQLite makes its file itself
        config = connection.settings_dict
        where = f"{config['HOST'] or 'localhost'}:{config['PORT'] or 5432}"
        try:
            connection.ensure_connection()
            return
        except OperationalError as err:
            refused = err
        name = config["NAME"]
        try:
            # Django's own way to reach the server without the database (tests use it
            # too); its fallback warning would only repeat the error said below.
            with (
                warnings.catch_warnings(action="ignore", category=RuntimeWarning),
                connection._nodb_cursor() as cursor,
            ):
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                if cursor.fetchone():  # it exists: the first error was something else
                    raise CommandError(
                        f"Kunde inte ansluta till databasen ”{name}” på {where} "
                        f"({_first_line(refused)}); kontrollera DATABASE_URL."
                    )
                cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
        except OperationalError as err:
            raise CommandError(
                f"Kunde inte ansluta till PostgreSQL på {where} ({_first_line(err)}); "
                "kontrollera DATABASE_URL och att PostgreSQL är igång."
            ) from None
        except DatabaseError as err:
            host, port = config["HOST"] or "localhost", config["PORT"] or 5432
            raise CommandError(
                f"Databasen ”{name}” finns inte på {where} och kunde inte skapas "
                f"({_first_line(err)}); skapa den med: "
                f"createdb -h {host} -p {port} -U {config['USER'] or 'postgres'} {name}"
            ) from None
        self.stdout.write(f"Skapade databasen ”{name}” på {where}.")
