"""The back office (Django admin) for superusers: associations, members and organisation."""

from django import forms
from django.contrib import admin

from finsam.audit.admin import AuditedAdmin
from finsam.forms import service_check
from finsam.models import Association, UserRole
from members import models
from members.board_rules import check_board_seat
from members.services import board_seat_save


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    autocomplete_fields = ["member"]


class UserRoleInline(admin.TabularInline):
    model = UserRole
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Association)
class AssociationAdmin(AuditedAdmin):
    list_display = ["name", "slug", "org_number", "formed_on"]
    search_fields = ["name", "slug", "org_number"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline, UserRoleInline]


class MemberNameInline(admin.TabularInline):
    """Earlier names, shown only: a new name from a date is given on the rename page, which
    keeps the name in use until then for older documents."""

    model = models.MemberName
    extra = 0
    can_delete = False
    readonly_fields = ["name", "valid_from"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(models.Member)
class MemberAdmin(AuditedAdmin):
    list_display = ["name", "kind", "org_number"]
    list_filter = ["kind"]
    search_fields = ["name", "org_number"]
    readonly_fields = ["named_since"]
    inlines = [MemberNameInline]


class AgreedContributionInline(admin.TabularInline):
    model = models.AgreedContribution
    extra = 0


class FixedKeyShareInline(admin.TabularInline):
    model = models.FixedKeyShare
    extra = 0


@admin.register(models.FundingYear)
class FundingYearAdmin(AuditedAdmin):
    list_display = ["association", "year", "state_requested", "state_granted", "distribution_key"]
    list_filter = ["association", "distribution_key"]
    inlines = [AgreedContributionInline, FixedKeyShareInline]
    readonly_fields = ["version"]

    def save_model(self, request, obj, form, change) -> None:
        # As a save from the funding page: the year is locked and its version raised, so a
        # funding form opened before this change is refused instead of overwriting it.
        if change:
            obj.version = models.FundingYear.objects.select_for_update().get(pk=obj.pk).version + 1
        super().save_model(request, obj, form, change)


@admin.register(models.PopulationFigure)
class PopulationFigureAdmin(AuditedAdmin):
    list_display = ["association", "member", "date", "population"]
    list_filter = ["association", "date"]


@admin.register(models.Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["name", "association"]
    list_filter = ["association"]
    search_fields = ["name"]


class BoardSeatForm(forms.ModelForm):
    def clean(self) -> dict:
        # The admin saves in one transaction: with the association locked before the form
        # checks "one open seat per person and kind", the check and the save are one step.
        association = self.cleaned_data.get("association")
        if association is not None:
            Association.objects.select_for_update().get(pk=association.pk)
        super().clean()
        return self.cleaned_data

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]  # ModelForm has it; the stubs omit it
        # The rules the application's pages check (the association's own person, a member
        # on the start date, one chair at a time), so the back office cannot bypass them;
        # beside the form's own problems, once the fields they read are valid (a field's
        # problem the model told already is not told again in other words).
        service_check(
            self,
            lambda *_: check_board_seat(self.instance),
            "association",
            "start",
            "end",
            new_fields_only=True,
        )


@admin.register(models.BoardSeat)
class BoardSeatAdmin(AuditedAdmin):
    form = BoardSeatForm
    list_display = ["person", "association", "appointed_by", "kind", "position", "start", "end"]
    list_filter = ["association", "kind", "position"]
    autocomplete_fields = ["person"]

    def save_model(self, request, obj, form, change) -> None:
        _raise_version(obj, change)
        board_seat_save(seat=obj)


def _raise_version(obj, change: bool) -> None:
    """As a save from the application's pages: a form opened there before this change is
    refused instead of overwriting it."""
    if change:
        obj.version = type(obj).objects.select_for_update().get(pk=obj.pk).version + 1


@admin.register(models.Auditor)
class AuditorAdmin(AuditedAdmin):
    list_display = ["person", "firm", "association", "kind", "start", "end"]
    list_filter = ["association", "kind"]
    autocomplete_fields = ["person"]

    def save_model(self, request, obj, form, change) -> None:
        _raise_version(obj, change)
        super().save_model(request, obj, form, change)


@admin.register(models.OfficePost)
class OfficePostAdmin(AuditedAdmin):
    list_display = ["title", "person", "association", "fte_percent", "employer", "start", "end"]
    list_filter = ["association"]

    def save_model(self, request, obj, form, change) -> None:
        _raise_version(obj, change)
        super().save_model(request, obj, form, change)


class GroupMembershipInline(admin.TabularInline):
    model = models.GroupMembership
    extra = 0


@admin.register(models.Group)
class GroupAdmin(AuditedAdmin):
    list_display = ["name", "kind", "association"]
    list_filter = ["association", "kind"]
    inlines = [GroupMembershipInline]


@admin.register(models.Meeting)
class MeetingAdmin(AuditedAdmin):
    list_display = ["date", "kind", "start_time", "end_time", "place", "association"]
    list_filter = ["association", "kind"]
    date_hierarchy = "date"


@admin.register(UserRole)
class UserRoleAdmin(AuditedAdmin):
    list_display = ["user", "association", "role"]
    list_filter = ["association", "role"]
    autocomplete_fields = ["user"]
