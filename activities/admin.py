from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from activities.models import Activity, Scenario


class ScenarioInline(admin.TabularInline):
    model = Scenario
    extra = 0


@admin.register(Activity)
class ActivityAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "plan",
        "lane",
        "owner_level",
        "start_year",
        "start_quarter",
        "status",
        "status_note",
    ]
    list_filter = ["plan", "status", "lane", "owner_level", "goals", "start_year"]
    list_select_related = ["plan", "lane", "owner_level"]
    search_fields = ["title", "description", "status_note", "heading", "leader"]
    filter_horizontal = ["goals"]
    inlines = [ScenarioInline]
    readonly_fields = ["version", "updated_at"]


@admin.register(Scenario)
class ScenarioAdmin(SimpleHistoryAdmin):
    list_display = ["activity", "number", "text"]
    search_fields = ["text", "activity__title"]
