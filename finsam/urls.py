"""URL tree: the start page, sign-in, the back office, then one subtree per association."""

from django.contrib import admin
from django.urls import include, path

from members import views as member_views

association_urls = [
    path("", include("members.urls")),
    path("insatser/", include("initiatives.urls")),
    path("budget/", include("budgets.urls")),
    path("bokforing/", include("budgets.accounts.urls")),
    path("rapporter/", include("reports.urls")),
]

urlpatterns = [
    path("", member_views.start, name="start"),
    path("konto/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("<slug:association>/", include(association_urls)),
]
