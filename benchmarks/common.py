"""Timing helpers and the table every benchmark prints into."""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Row:
    benchmark: str
    size: str
    ours: str
    baseline: str
    ratio: str
    note: str = ""


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time in seconds of `repeat` runs (median resists a noisy neighbour)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timed(fn: Callable[[], object]) -> tuple[object, float]:
    """What one run of `fn` returns, and its wall time in seconds."""
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def peak_memory(fn: Callable[[], object]) -> tuple[object, int]:
    tracemalloc.start()
    try:
        result = fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def ratio(ours: float, baseline: float) -> str:
    return f"{ours / baseline:.2f}×" if baseline else "–"


def print_table(rows: list[Row]) -> None:
    headers = ["benchmark", "size", "ours", "baseline", "ratio", "note"]
    data = [[getattr(r, h) for h in headers] for r in rows]
    widths = [max(len(str(x)) for x in [h, *(d[i] for d in data)]) for i, h in enumerate(headers)]
    line = " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line)
    print("-+-".join("-" * w for w in widths))
    for d in data:
        print(" | ".join(str(x).ljust(w) for x, w in zip(d, widths, strict=True)))


def with_three_goals(plan, activities) -> None:
    """Goals "Stad 1" to "Stad 3" in `plan`, each activity serving one of them in turn."""
    from activities.models import Activity
    from roadmap.models import Goal

    goals = [Goal.objects.create(plan=plan, code=f"Stad {i}", title=f"Mål {i}") for i in (1, 2, 3)]
    through = Activity.goals.through
    through.objects.bulk_create(
        through(activity_id=a.pk, goal_id=goals[i % 3].pk) for i, a in enumerate(activities)
    )


def superuser():
    """One superuser shared by every benchmark in a run."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return User.objects.filter(username="bench").first() or User.objects.create_superuser(
        "bench", "bench@example.org", "bench-pass-123"
    )
