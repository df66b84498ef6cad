"""Form fields every importer shares."""

from __future__ import annotations

from django import forms
from django.conf import settings

from core.workbooks import too_large_message

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


class WorkbookField(forms.FileField):
    """An uploaded workbook: the picker offers `formats`, and a file over the
    upload limit is refused here, with the same words as the workbook check."""

    def __init__(self, *, formats: tuple[str, ...] = ("xlsx",), **kwargs):
        accept = ",".join([*(f".{f}" for f in formats), *(MIME[f] for f in formats)])
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": accept}))
        super().__init__(**kwargs)

    def validate(self, value) -> None:
        super().validate(value)
        limit = settings.IMPORT_MAX_UPLOAD_BYTES
        if value and value.size > limit:
            raise forms.ValidationError(too_large_message(value.size, limit))
