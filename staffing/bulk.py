"""A fast path for writing many new figures with their history.

An initial import writes some 100,000 headcounts and as many history
records; through model instances that is most of the import's time. Here the
rows go in with COPY on PostgreSQL (one `executemany` elsewhere), and the "+"
history records are copied from them by one INSERT … SELECT inside the
database, the way django-simple-history would write them (same table, same
columns, the same user, date and reason).
"""

from __future__ import annotations

from django.db import connection, models
from django.utils import timezone

CHUNK = 2_000


def _prepared(fields: list[models.Field], rows: list[tuple]) -> list[tuple]:
    slow = [
        i
        for i, f in enumerate(fields)
        if not isinstance(f, models.IntegerField | models.ForeignKey)
    ]
    if not slow:
        return rows
    # A region's file has 120,000 figures but some 60 months: convert each value once.
    cache: list[dict] = [{} for _f in fields]

    def prep(i, value):
        if value not in cache[i]:
            cache[i][value] = fields[i].get_db_prep_save(value, connection)
        return cache[i][value]

    out = []
    for row in rows:
        row = list(row)
        for i in slow:
            row[i] = prep(i, row[i])
        out.append(tuple(row))
    return out


def _insert(table: str, fields: list[models.Field], rows: list[tuple], progress=None) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: one stream instead of a statement per row (about 5x faster here).
            with cursor.cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
                for start in range(0, len(rows), 10 * CHUNK):
                    for row in rows[start : start + 10 * CHUNK]:
                        copy.write_row(row)
                    if progress:
                        progress(min(start + 10 * CHUNK, len(rows)))
            return
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {quote(table)} ({columns}) VALUES ({marks})"
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, _prepared(fields, rows[start : start + CHUNK]))
            if progress:
                progress(min(start + CHUNK, len(rows)))


def insert_new_with_history(
    model: type[models.Model],
    attnames: list[str],
    rows: list[tuple],
    *,
    batch_id: int,
    user_id: int | None,
    reason: str,
    progress=None,
) -> None:
    """Inserts `rows` (values for `attnames`, every row with `batch_id`, which must be a
    batch no other row carries yet), then one "+" history record per row."""
    if not rows:
        return
    meta = model._meta
    fields = [meta.get_field(a.removesuffix("_id")) for a in attnames]
    _insert(meta.db_table, fields, rows, progress)
    hmeta = model.history.model._meta
    quote = connection.ops.quote_name
    own = [f.column for f in meta.concrete_fields]
    extra = {
        "history_date": timezone.now(),
        "history_change_reason": reason,
        "history_type": "+",
        "history_user_id": user_id,
    }
    columns = ", ".join(quote(c) for c in [*own, *extra])
    date_field = hmeta.get_field("history_date")
    params = [
        date_field.get_db_prep_save(extra["history_date"], connection),
        reason,
        "+",
        user_id,
    ]
    sql = (
        f"INSERT INTO {quote(hmeta.db_table)} ({columns}) "
        f"SELECT {', '.join(quote(c) for c in own)}, %s, %s, %s, %s "
        f"FROM {quote(meta.db_table)} WHERE {quote(meta.get_field('batch').column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, batch_id])
