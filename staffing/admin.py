from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from staffing.models import (
    Administration,
    BaseUnit,
    Headcount,
    ImportBatch,
    Leavers,
    ReportedTotal,
    Unit,
    UnitName,
)


@admin.register(Administration)
class AdministrationAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(BaseUnit)
class BaseUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "administration"]
    list_filter = ["administration"]
    search_fields = ["name"]


class UnitNameInline(admin.TabularInline):
    model = UnitName
    extra = 0


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "base_unit"]
    list_filter = ["base_unit"]
    search_fields = ["code", "name"]
    inlines = [UnitNameInline]


@admin.register(Headcount)
class HeadcountAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "period", "value", "batch"]
    list_filter = ["period"]
    search_fields = ["unit__code", "unit__name"]
    list_select_related = ["unit", "batch"]
    raw_id_fields = ["unit", "batch"]


@admin.register(ReportedTotal)
class ReportedTotalAdmin(SimpleHistoryAdmin):
    list_display = ["base_unit", "period", "value"]
    raw_id_fields = ["batch"]


@admin.register(Leavers)
class LeaversAdmin(SimpleHistoryAdmin):
    list_display = ["base_unit", "column_label", "total", "nurses"]
    raw_id_fields = ["batch"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["filename", "created_at", "created_by", "sha256"]
    readonly_fields = ["sha256", "created_at", "summary", "warnings"]
