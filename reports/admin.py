"""The back office for reports. Adoptions and downloads are records: read-only here."""

from django.contrib import admin

from finsam.audit.admin import AuditedAdmin, ReadOnlyAdmin
from reports.models import Report, ReportAdoption, ReportDownload, ReportSection


class SectionInline(admin.StackedInline):
    model = ReportSection
    extra = 0


@admin.register(Report)
class ReportAdmin(AuditedAdmin):
    list_display = ["title", "association", "kind", "year", "period_end", "adopted_on"]
    list_filter = ["association", "kind"]
    inlines = [SectionInline]

    def has_delete_permission(self, request, obj=None):
        # An adopted report is a record the auditors rely on.
        return obj is None or not obj.adoptions.exists()


@admin.register(ReportAdoption)
class ReportAdoptionAdmin(ReadOnlyAdmin):
    list_display = ["report", "adopted_on", "sha256", "adopted_by", "created_at"]
    list_filter = ["report__association"]


@admin.register(ReportDownload)
class ReportDownloadAdmin(ReadOnlyAdmin):
    list_display = ["report", "user", "file_format", "adoption", "at"]
    list_filter = ["report__association"]
