"""Fast paths for the import's many rows, and the history they keep.

An initial import writes some 120,000 headcounts. Through model instances that
is most of the import's time, so the rows go in with COPY on PostgreSQL (one
`executemany` elsewhere).

A new row's history record would only repeat the row: its batch already says
which file, who and when. So an import writes no "+" record for the rows it
creates; `record_creations` writes it, from the batch, just before a row
first changes or goes (the import's own changes, and the `pre_save` and
`pre_delete` receivers in `signals`). A row's history therefore reads the same
as if the record had been written at once: "+" with the first value, by the
importer, at the import's time, then each change.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models
from django.utils.translation import gettext as _

CHUNK = 2_000


def history_reason(filename: str, limit: int = 100) -> str:
    """The reason a history record gives for an import's rows, within the column's length."""
    reason = _("Import av %(file)s") % {"file": filename}
    return reason if len(reason) <= limit else reason[: limit - 1] + "…"


def _columns(fields: list[models.Field], rows: list[tuple], convert) -> list[tuple]:
    """`rows` with each column converted by the function `convert(field)` gives (None:
    kept as it is), a column at a time and each distinct value once (a file has 120,000
    figures but some 60 months)."""
    columns = list(zip(*rows, strict=True))
    for i, field in enumerate(fields):
        if (change := convert(field)) is not None:
            done = {value: change(value) for value in set(columns[i])}
            columns[i] = [done[value] for value in columns[i]]
    return list(zip(*columns, strict=True))


def _plain(field: models.Field) -> bool:
    return isinstance(field, models.IntegerField | models.ForeignKey)


def _db_value(field: models.Field):
    """How a value of `field` goes to the database as a parameter (numbers as they are)."""
    return None if _plain(field) else lambda value: field.get_db_prep_save(value, connection)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """A value in COPY's text format: NULL is \\N, and a string's backslashes, tabs and
    line breaks are escaped (dates and numbers print as PostgreSQL reads them)."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    return str(value)


def _copy_lines(fields: list[models.Field], rows: list[tuple]) -> str:
    """`rows` as COPY text: numbers and keys that cannot be NULL print as they are."""
    template = "\t".join(["%s"] * len(fields)) + "\n"
    as_text = _columns(fields, rows, lambda f: None if _plain(f) and not f.null else _copy_text)
    return "".join(map(template.__mod__, as_text))


def insert_rows(
    model: type[models.Model], attnames: list[str], rows: list[tuple], progress=None
) -> None:
    """Inserts `rows` (values for `attnames`) without signals or history records;
    `progress` is called with the number of rows written so far."""
    if not rows:
        return
    meta = model._meta
    fields = [meta.get_field(a.removesuffix("_id")) for a in attnames]
    quote = connection.ops.quote_name
    table, columns = quote(meta.db_table), ", ".join(quote(f.column) for f in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: one stream instead of a statement per row (about 5x faster here), in
            # text made here: psycopg's write_row took a third of the import's time.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for start in range(0, len(rows), 10 * CHUNK):
                    copy.write(_copy_lines(fields, rows[start : start + 10 * CHUNK]))
                    if progress:
                        progress(min(start + 10 * CHUNK, len(rows)))
            return
        # SQLite (the only other database): its driver's executemany, unwrapped
        marks = ", ".join(["?"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        for start in range(0, len(rows), 10 * CHUNK):
            part = rows[start : start + 10 * CHUNK]
            cursor.cursor.executemany(sql, _columns(fields, part, _db_value))
            if progress:
                progress(min(start + 10 * CHUNK, len(rows)))


def update_rows(model: type[models.Model], attnames: list[str], rows: list[tuple]) -> None:
    """Sets `attnames` of many rows: each row is their values, then the row's id. One
    statement a row, sent together (Django's `bulk_update` builds a CASE per field,
    a second for 2,000 rows); no signals or history records."""
    if not rows:
        return
    meta = model._meta
    fields = [meta.get_field(a.removesuffix("_id")) for a in attnames] + [meta.pk]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields[:-1])
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 10 * CHUNK):
            cursor.executemany(sql, _columns(fields, rows[start : start + 10 * CHUNK], _db_value))


def record_creations(model: type[models.Model], ids: Iterable[int]) -> None:
    """Writes the "+" history record of each row in `ids` that has none yet, as its
    batch made it: the row's current values, the importer, the import's time and file.
    Call it before the row changes."""
    ids = sorted(set(ids))
    if not ids:
        return
    meta, hmeta = model._meta, model.history.model._meta
    batches = meta.get_field("batch").related_model.objects
    quote = connection.ops.quote_name
    own = ", ".join(quote(f.column) for f in meta.concrete_fields)
    table, history = quote(meta.db_table), quote(hmeta.db_table)
    batch_id, pk = quote(meta.get_field("batch").column), quote(meta.pk.column)
    limit = hmeta.get_field("history_change_reason").max_length or 100
    date_field = hmeta.get_field("history_date")
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        used = model.objects.filter(pk__in=chunk).order_by().values("batch_id")
        for batch in (
            batches.filter(pk__in=used).order_by().only("filename", "created_at", "created_by")
        ):
            marks = ", ".join(["%s"] * len(chunk))
            sql = (
                f"INSERT INTO {history} ({own}, history_date, history_change_reason, "
                f"history_type, history_user_id) "
                f"SELECT {own}, %s, %s, '+', %s FROM {table} AS fig "
                f"WHERE {batch_id} = %s AND {pk} IN ({marks}) AND NOT EXISTS "
                f"(SELECT 1 FROM {history} AS old WHERE old.{pk} = fig.{pk})"
            )
            params = [
                date_field.get_db_prep_save(batch.created_at, connection),
                history_reason(batch.filename, limit),
                batch.created_by_id,
                batch.pk,
                *chunk,
            ]
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
