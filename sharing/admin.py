from django.contrib import admin

from core.admin import ReadOnlyAdmin
from sharing.models import ShareLink


@admin.register(ShareLink)
class ShareLinkAdmin(ReadOnlyAdmin):
    """Links are made and revoked on the plan's Dela page (a token is shown once)."""

    list_display = ["label", "plan", "snapshot", "expires_on", "open_count", "revoked_at"]
    list_filter = ["plan"]
