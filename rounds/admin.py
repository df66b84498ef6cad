from django.contrib import admin

from rounds.models import Reminder, Round, SignOff, StatusRequest


class StatusRequestInline(admin.TabularInline):
    model = StatusRequest
    extra = 0
    raw_id_fields = ["activity", "owner", "answered_by"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["meeting", "plan", "due_date", "opened_at", "closed_at"]
    list_filter = ["plan"]
    inlines = [StatusRequestInline]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["round", "owner", "kind", "sent_at"]
    list_filter = ["kind"]


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    list_display = ["round", "signed_by_name", "signed_at"]
    readonly_fields = ["round", "snapshot", "signed_at", "signed_by", "signed_by_name"]
    exclude = ["xlsx", "pptx", "report", "unanswered"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a signed report is never changed
