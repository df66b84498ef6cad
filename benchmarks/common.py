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


def superuser():
    """One superuser shared by every benchmark in a run."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    return User.objects.filter(username="bench").first() or User.objects.create_superuser(
        "bench", "bench@example.org", "bench-pass-123"
    )
