"""Writes across a plan's vision, principles and target areas."""

from __future__ import annotations

from django.db import transaction

from roadmap.models import Plan


@transaction.atomic
def strategy_save(*, plan: Plan, vision_form, formsets) -> None:
    """The vision (removed when its text is emptied), principles and areas, or nothing."""
    vision = vision_form.save(commit=False)
    if vision.text.strip():
        vision.plan = plan
        vision.save()
    elif vision.pk:
        vision.delete()
    for formset in formsets:
        formset.save()
