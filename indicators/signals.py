"""A snapshot keeps the indicators' values too. The snapshot is taken below
this app (activities), so this app listens instead of being called."""

from __future__ import annotations


def keep_indicator_values(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        from indicators.movement import indicator_snapshot_take

        indicator_snapshot_take(instance)
