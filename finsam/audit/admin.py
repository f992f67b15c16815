"""The back office's view of history: each object's history shown, never changed.

django-simple-history's admin offers to *revert* an object to an earlier version from its
history page, and its form view saves whatever is posted to it. Here history is read-only:
the revert button is gone and anything but a GET to that view is refused, for superusers
too. The historical tables themselves are not registered in the admin at all, so no row of
history can be added, changed or deleted there (`tests/audit/test_admin.py`).
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class AuditedAdmin(SimpleHistoryAdmin):
    """The admin of a tracked model: its history page reads, it does not revert."""

    def revert_disabled(self, request, obj=None) -> bool:
        return True

    def has_change_history_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        # The user is taken from the request, as on every page (HistoryRequestMiddleware);
        # simple-history's own admin would also pin it on the object, needing a request.
        admin.ModelAdmin.save_model(self, request, obj, form, change)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record written once (an adoption, a download): shown in the back office, never
    added, changed or deleted there."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
