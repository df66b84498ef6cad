"""A task that proves the queue works end to end (used by the two-server test)."""

from django.tasks import task


@task
def probe(token: str) -> str:
    return token
