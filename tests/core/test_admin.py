"""The read-only admin that API keys and share links use."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from api.models import ApiToken
from sharing.models import ShareLink


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (
            ApiToken,
            ["id", "token_hash", "created_at", "revoked_at", "user", "label", "last_used_at"],
        ),
        (
            ShareLink,
            [
                "id",
                "label",
                "token_hash",
                "created_at",
                "revoked_at",
                "plan",
                "snapshot",
                "expires_on",
                "created_by",
                "open_count",
                "last_opened_at",
                "revoked_by",
            ],
        ),
    ],
)
def test_every_field_is_shown_and_nothing_can_be_added_or_changed(model, fields, admin_user):
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    assert model_admin.get_readonly_fields(request) == fields
    assert model_admin.has_add_permission(request) is False
    assert model_admin.has_change_permission(request) is False
