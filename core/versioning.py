"""Optimistic locking: no lost updates between two planners.

A model using VersionedMixin has an integer `version` bumped on every save.
An edit carries the version it started from; `save_if_unchanged` refuses to
save over a newer one. The check is one conditional UPDATE, so it holds
under real concurrency on PostgreSQL (row lock) and SQLite (one writer).
"""

from __future__ import annotations

from django.db import models, transaction


class EditConflict(Exception):
    """Someone saved the object after the version this edit started from."""

    def __init__(self, current: models.Model | None):
        super().__init__("edit conflict")
        self.current = current  # None when the object was deleted meanwhile


class VersionedMixin:
    version: int

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)

    def save_if_unchanged(self, expected_version: int, **kwargs) -> None:
        model = type(self)
        with transaction.atomic():
            claimed = model.objects.filter(pk=self.pk, version=expected_version).update(
                version=expected_version + 1
            )
            if not claimed:
                raise EditConflict(model.objects.filter(pk=self.pk).first())
            self.version = expected_version  # save() bumps it to the claimed number
            self.save(**kwargs)
