"""The few kinds of field the apps declare again and again, each defined once.

Each function returns an ordinary Django field, so migrations see exactly what a
written-out declaration would give; the names say which rule a field follows.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

QUARTER_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]
YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


def part_of(to, verbose_name, *, related_name: str, **options) -> models.ForeignKey:
    """The row belongs to `to` and goes with it."""
    return models.ForeignKey(
        to,
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=verbose_name,
        **options,
    )


def optional_link(
    to, verbose_name, *, related_name: str = "+", blank: bool = True, **options
) -> models.ForeignKey:
    """A reference that may be empty and is emptied, not followed, when `to` is deleted."""
    return models.ForeignKey(
        to,
        on_delete=models.SET_NULL,
        null=True,
        blank=blank,
        related_name=related_name,
        verbose_name=verbose_name,
        **options,
    )


def acting_user(verbose_name, *, related_name: str = "+", **options) -> models.ForeignKey:
    """Who did something; the record outlives the person's account."""
    return optional_link(
        settings.AUTH_USER_MODEL, verbose_name, related_name=related_name, **options
    )


def optional_year_field(verbose_name) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=YEAR_VALIDATORS
    )


def optional_quarter_field(verbose_name) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name, null=True, blank=True, validators=QUARTER_VALIDATORS
    )


def year_field(verbose_name) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(verbose_name, validators=YEAR_VALIDATORS)


def quarter_in_range(field: str, *, name: str) -> models.CheckConstraint:
    """The database's own check that an optional quarter is 1–4."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gte": 1, f"{field}__lte": 4}),
        name=name,
    )
