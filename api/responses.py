"""One way every feed answers: a page of rows as JSON, or every row as CSV,
with an ETag so an unchanged feed costs a 304."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from ninja import Schema

from api.feeds import CSV_MAX_ROWS, csv_bytes, etag_for, etag_matches
from api.schemas import Paging


def _conditional(request: HttpRequest, body: bytes, content_type: str) -> HttpResponse:
    etag = etag_for(body)
    if etag_matches(request.headers.get("If-None-Match", ""), etag):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    # Per token: a shared cache must never hand one user's feed to another.
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Authorization"
    return response


def _dump(payload: object) -> bytes:
    return json.dumps(payload, ensure_ascii=False, cls=DjangoJSONEncoder).encode("utf-8")


def one(request: HttpRequest, row: dict, schema: type[Schema]) -> HttpResponse:
    data = schema.model_validate(row).model_dump(mode="json")
    return _conditional(request, _dump(data), "application/json")


def listing(
    request: HttpRequest,
    rows: Sequence,
    schema: type[Schema],
    *,
    name: str,
    paging: Paging,
    to_rows: Callable[[Sequence], list[dict]] = list,
) -> HttpResponse:
    """`rows` is a QuerySet or a list; `to_rows` turns a slice of it into dicts."""
    columns = list(schema.model_fields)
    limit, offset = paging.limit, paging.offset
    if paging.csv:
        body = csv_bytes(columns, to_rows(rows[:CSV_MAX_ROWS]))
        response = _conditional(request, body, "text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    count = len(rows) if isinstance(rows, list) else rows.count()
    items = [
        schema.model_validate(r).model_dump(mode="json")
        for r in to_rows(rows[offset : offset + limit])
    ]
    following = None
    if offset + limit < count:
        query = request.GET.copy()
        query["offset"] = str(offset + limit)
        query["limit"] = str(limit)
        following = (
            request.build_absolute_uri(request.path) + "?" + urlencode(sorted(query.items()))
        )
    payload = {"count": count, "limit": limit, "offset": offset, "next": following, "items": items}
    return _conditional(request, _dump(payload), "application/json")
