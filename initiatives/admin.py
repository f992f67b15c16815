"""The back office for initiatives: every model, with its children inline where natural."""

from django.contrib import admin

from finsam.audit.admin import AuditedAdmin
from initiatives.models import (
    Decision,
    ExitCount,
    ExitReason,
    FollowUp,
    Goal,
    HeadCount,
    Initiative,
    Outcome,
    PriorityTargetGroup,
    ReferralCount,
    ReferralYear,
    StandingCount,
    StatusChange,
)


class DecisionInline(admin.TabularInline):
    model = Decision
    fk_name = "initiative"
    extra = 0


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    readonly_fields = ["from_status", "to_status", "on", "by", "comment", "recorded_at"]
    can_delete = False


@admin.register(Initiative)
class InitiativeAdmin(AuditedAdmin):
    list_display = ["name", "association", "status", "kind", "owner", "start", "end"]
    list_filter = ["association", "status", "kind"]
    search_fields = ["name"]
    readonly_fields = [
        "status"
    ]  # changes only through initiative_set_status (writes a StatusChange)
    filter_horizontal = ["members"]
    inlines = [DecisionInline, StatusChangeInline]


class OutcomeInline(admin.TabularInline):
    model = Outcome
    extra = 0


@admin.register(Goal)
class GoalAdmin(AuditedAdmin):
    list_display = [
        "__str__",
        "association",
        "initiative",
        "kind",
        "level",
        "metric",
        "target_value",
    ]
    list_filter = ["association", "kind", "level"]
    inlines = [OutcomeInline]


class HeadCountInline(admin.TabularInline):
    model = HeadCount
    extra = 0


class ExitCountInline(admin.TabularInline):
    model = ExitCount
    extra = 0


class StandingCountInline(admin.TabularInline):
    model = StandingCount
    extra = 0


@admin.register(FollowUp)
class FollowUpAdmin(AuditedAdmin):
    list_display = ["__str__", "initiative", "start", "end"]
    list_filter = ["initiative__association"]
    inlines = [HeadCountInline, ExitCountInline, StandingCountInline]


class ReferralCountInline(admin.TabularInline):
    model = ReferralCount
    extra = 0


@admin.register(ReferralYear)
class ReferralYearAdmin(AuditedAdmin):
    list_display = ["initiative", "year", "through"]
    list_filter = ["initiative__association"]
    inlines = [ReferralCountInline]


@admin.register(ExitReason)
class ExitReasonAdmin(AuditedAdmin):
    list_display = ["number", "name", "category", "association"]
    list_filter = ["association", "category"]


admin.site.register(PriorityTargetGroup, AuditedAdmin)
admin.site.register(Decision, AuditedAdmin)
