"""Database indexes that only one of the two databases gets."""

from __future__ import annotations

from django.db import models


class PostgreSQLIndex(models.Index):
    """An index made on PostgreSQL only; elsewhere its migration runs an SQL comment.

    For an index whose worth differs by database: PostgreSQL's planner needs it where
    SQLite's does well without it, and every index is paid for on every insert."""

    def _elsewhere(self, schema_editor) -> str | None:
        if schema_editor.connection.vendor == "postgresql":
            return None
        return f"-- {self.name}: an index on PostgreSQL only"

    def create_sql(self, model, schema_editor, using="", **kwargs):
        return self._elsewhere(schema_editor) or super().create_sql(
            model, schema_editor, using=using, **kwargs
        )

    def remove_sql(self, model, schema_editor, **kwargs):
        return self._elsewhere(schema_editor) or super().remove_sql(model, schema_editor, **kwargs)
