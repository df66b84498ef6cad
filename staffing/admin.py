from django.contrib import admin
from django.db import transaction
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
from staffing.services import hold_import_lock, period_sums_refresh


@admin.register(Administration)
class AdministrationAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class WaitsForImports:
    """Deletes units (and so figures) only between imports: figures have no database
    constraint on their unit, so an import running meanwhile must not add figures to
    a unit being deleted (see `Headcount.unit`). The lock comes before Django collects
    what the delete cascades to."""

    def delete_model(self, request, obj):
        with transaction.atomic():
            hold_import_lock()
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            hold_import_lock()
            super().delete_queryset(request, queryset)


@admin.register(BaseUnit)
class BaseUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "administration"]
    list_filter = ["administration"]
    search_fields = ["name"]


class UnitNameInline(admin.TabularInline):
    model = UnitName
    extra = 0


class KeepsSums(WaitsForImports):
    """Deletes here send no signal for the sums: the base units' sums are refreshed after."""

    @staticmethod
    def _base_ids(queryset) -> list[int]:
        raise NotImplementedError

    def delete_model(self, request, obj):
        ids = self._base_ids(type(obj).objects.filter(pk=obj.pk))
        super().delete_model(request, obj)
        period_sums_refresh(base_unit_ids=ids)

    def delete_queryset(self, request, queryset):
        ids = self._base_ids(queryset)
        super().delete_queryset(request, queryset)
        period_sums_refresh(base_unit_ids=ids)


@admin.register(Unit)
class UnitAdmin(KeepsSums, admin.ModelAdmin):
    list_display = ["code", "name", "base_unit"]
    list_filter = ["base_unit"]
    search_fields = ["code", "name"]
    inlines = [UnitNameInline]

    @staticmethod
    def _base_ids(queryset) -> list[int]:
        return list(queryset.values_list("base_unit_id", flat=True).distinct())


@admin.register(Headcount)
class HeadcountAdmin(KeepsSums, SimpleHistoryAdmin):
    list_display = ["unit", "period", "value", "batch"]
    list_filter = ["period"]
    search_fields = ["unit__code", "unit__name"]
    list_select_related = ["unit", "batch"]
    raw_id_fields = ["unit", "batch"]

    @staticmethod
    def _base_ids(queryset) -> list[int]:
        return list(queryset.values_list("unit__base_unit_id", flat=True).distinct())


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
