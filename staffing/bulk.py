"""A fast path for writing many new figures with their history.

An initial import writes some 100,000 headcounts and as many history
records; through model instances that is most of the import's time. Here the
rows go in with one `executemany` each, and the "+" history records are
written the way django-simple-history would write them (same table, same
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
    out = []
    for row in rows:
        row = list(row)
        for i in slow:
            row[i] = fields[i].get_db_prep_save(row[i], connection)
        out.append(tuple(row))
    return out


def _insert(table: str, fields: list[models.Field], rows: list[tuple]) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(table)} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, _prepared(fields, rows[start : start + CHUNK]))


def insert_new_with_history(
    model: type[models.Model],
    attnames: list[str],
    rows: list[tuple],
    *,
    batch_id: int,
    user_id: int | None,
    reason: str,
) -> None:
    """Inserts `rows` (values for `attnames`, every row with `batch_id`, which must be a
    batch no other row carries yet), then one "+" history record per row."""
    if not rows:
        return
    meta = model._meta
    fields = [meta.get_field(a.removesuffix("_id")) for a in attnames]
    _insert(meta.db_table, fields, rows)
    history = model.history.model
    hmeta = history._meta
    own = [f for f in meta.concrete_fields]
    written = model._base_manager.filter(batch_id=batch_id).values_list(*(f.attname for f in own))
    extra = {
        "history_date": timezone.now(),
        "history_change_reason": reason,
        "history_type": "+",
        "history_user_id": user_id,
    }
    hfields = [hmeta.get_field(f.name) for f in own] + [
        hmeta.get_field(name.removesuffix("_id")) for name in extra
    ]
    tail = tuple(extra.values())
    _insert(hmeta.db_table, hfields, [(*row, *tail) for row in written.iterator(chunk_size=CHUNK)])
