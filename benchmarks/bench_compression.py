"""Bytes on the wire for the heaviest HTML pages, with and without gzip
(Django's GZipMiddleware, issue 15): the map at 100 and 1,000 activities,
its report and timeline. The baseline is the same page uncompressed."""

from __future__ import annotations

import gzip

from django.urls import reverse

from benchmarks.bench_map import build_plan, client_for
from benchmarks.common import Row, superuser

SIZES = (100, 1_000)


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} kB"


def wire_bytes(client, url: str) -> tuple[int, int]:
    """(uncompressed, gzipped) body sizes of `url`, each as the server sent it."""
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert plain.status_code == zipped.status_code == 200, url
    assert zipped["Content-Encoding"] == "gzip", url
    assert gzip.decompress(zipped.content).decode().count("<html") == 1, url
    return len(plain.content), len(zipped.content)


def run(quick: bool = False) -> list[Row]:
    client = client_for(superuser())
    rows = []
    for n in SIZES[:1] if quick else SIZES:
        plan, _ = build_plan(n)
        for page, name in (("map", "roadmap:plan_map"), ("report", "roadmap:report")):
            plain, zipped = wire_bytes(client, reverse(name, args=[plan.pk]))
            rows.append(
                Row(
                    f"{page} HTML bytes",
                    f"{n}",
                    kb(zipped) + " gzip",
                    kb(plain) + " plain",
                    f"{zipped / plain:.2f}×",
                    "GZipMiddleware",
                )
            )
    return rows
