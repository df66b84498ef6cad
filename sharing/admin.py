from django.contrib import admin

from sharing.models import ShareLink


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    """Read-only: links are made and revoked on the plan's Dela page (a token is shown once)."""

    list_display = ["label", "plan", "snapshot", "expires_on", "open_count", "revoked_at"]
    list_filter = ["plan"]
    readonly_fields = [f.name for f in ShareLink._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
