from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from roadmap.models import Goal, Lane, Meeting, Milestone, OwnerLevel, Plan


class LaneInline(admin.TabularInline):
    model = Lane
    extra = 0


class OwnerLevelInline(admin.TabularInline):
    model = OwnerLevel
    extra = 0


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0
    fields = ["code", "title", "colour", "order", "parent"]


class MeetingInline(admin.TabularInline):
    model = Meeting
    extra = 0


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "first_year", "last_year", "decided_by", "decided_on"]
    list_filter = ["organisation", "first_year"]
    search_fields = ["name", "organisation", "description"]
    inlines = [LaneInline, OwnerLevelInline, GoalInline, MeetingInline]


@admin.register(Goal)
class GoalAdmin(SimpleHistoryAdmin):
    list_display = ["code", "title", "plan", "colour", "order", "parent"]
    list_filter = ["plan"]
    search_fields = ["code", "title"]


@admin.register(Lane, OwnerLevel)
class OrderedPartAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "order"]
    list_filter = ["plan"]
    list_editable = ["order"]


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "plan", "goal", "lane", "year", "quarter"]
    list_filter = ["plan", "lane", "year", "quarter"]
    search_fields = ["title", "description"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "body", "title", "plan"]
    list_filter = ["plan", "body"]
    date_hierarchy = "date"
