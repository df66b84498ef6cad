"""Times as a person reads them: in the app's time zone (Europe/Stockholm),
never the UTC the database keeps."""

import datetime as dt

from django.utils import timezone


def local_minute(moment: dt.datetime) -> str:
    """ "2026-11-30 05:59" for 04:59 UTC in winter."""
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"
