from django.contrib import admin

from api.models import ApiToken
from core.admin import ReadOnlyAdmin


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Each person makes and revokes their own keys (a key is shown once)."""

    list_display = ["label", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
