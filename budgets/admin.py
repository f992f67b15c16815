"""The back office for budgets."""

from django.contrib import admin

from budgets.models import (
    BudgetAdoption,
    BudgetAmount,
    BudgetColumn,
    BudgetDocument,
    BudgetLine,
    BudgetSection,
    EquityCeilingStep,
    FollowUpFigure,
    Footnote,
)
from finsam.audit.admin import AuditedAdmin, ReadOnlyAdmin


class ColumnInline(admin.TabularInline):
    model = BudgetColumn
    extra = 0


class SectionInline(admin.TabularInline):
    model = BudgetSection
    extra = 0


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 0


@admin.register(BudgetDocument)
class BudgetDocumentAdmin(AuditedAdmin):
    list_display = ["title", "association", "year", "revision", "status", "adopted_on"]
    list_filter = ["association", "status"]
    inlines = [ColumnInline, SectionInline, FootnoteInline]

    def has_delete_permission(self, request, obj=None):
        # An adopted budget is a record the auditors rely on, as an adopted report is.
        return obj is None or not obj.adoptions.exists()


@admin.register(BudgetLine)
class BudgetLineAdmin(AuditedAdmin):
    list_display = ["label", "document", "section", "kind", "order"]
    list_filter = ["document__association", "kind"]
    filter_horizontal = ["members", "footnotes"]


@admin.register(BudgetAmount)
class BudgetAmountAdmin(AuditedAdmin):
    list_display = ["line", "column", "amount", "updated_by", "updated_at"]
    list_filter = ["line__document__association"]


admin.site.register(FollowUpFigure, AuditedAdmin)


@admin.register(BudgetAdoption)
class BudgetAdoptionAdmin(ReadOnlyAdmin):
    """An adoption is the record of what the board decided: read-only, never deleted here."""

    list_display = ["document", "adopted_on", "sha256", "adopted_by", "created_at"]
    list_filter = ["document__association"]


@admin.register(EquityCeilingStep)
class EquityCeilingStepAdmin(AuditedAdmin):
    """The national table: only a superuser edits it (every association reads it)."""

    list_display = ("lower", "upper", "share_percent", "fixed_amount", "source")

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
