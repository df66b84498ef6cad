from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from core.forms import WorkbookField


class Upload(forms.Form):
    file = WorkbookField(formats=("xlsx", "ods"))


def test_the_picker_offers_the_formats_by_ending_and_type():
    html = str(Upload()["file"])
    assert (
        'accept=".xlsx,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,'
        'application/vnd.oasis.opendocument.spreadsheet"' in html
    )


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit(settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1024 * 1024
    form = Upload(files={"file": SimpleUploadedFile("stor.xlsx", b"x" * (3 * 1024 * 1024 // 2))})
    assert form.errors == {"file": ["Filen är 1,5 MB; största tillåtna storlek är 1,0 MB."]}


def test_a_file_at_the_limit_passes(settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 10
    form = Upload(files={"file": SimpleUploadedFile("liten.xlsx", b"x" * 10)})
    assert form.is_valid()
