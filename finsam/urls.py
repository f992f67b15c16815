"""URL tree: the start page, sign-in, the back office, then one subtree per association."""

from django.contrib import admin
from django.urls import include, path

from finsam.jobs import views as job_views
from finsam.two_factor import views as two_factor_views
from finsam.users import founding_views, invitation_views
from finsam.users import views as user_views
from members import orgs_views
from members import urls as members_urls

# The platform's pages of an association (history, users, imports) keep the "members" URL
# namespace they were first written under, so templates and links name them as before.
association_pages = (
    members_urls.urlpatterns
    + [
        path("", include("finsam.audit.urls")),
        path("", include("finsam.users.urls")),
        path("", include("finsam.imports.urls")),
        path("", include("finsam.jobs.urls")),
    ],
    "members",
)

association_urls = [
    path("", include(association_pages)),
    path("insatser/", include("initiatives.urls")),
    path("budget/", include("budgets.urls")),
    path("bokforing/", include("budgets.accounts.urls")),
    path("rapporter/", include("reports.urls")),
    path("tvastegsverifiering/", include("finsam.two_factor.association_urls")),
]

urlpatterns = [
    path("", user_views.start, name="start"),
    # Sign-in and sign-out first: the versions a half-signed-in user (password given, code
    # not yet) may reach; the rest of Django's account pages follow.
    path("konto/login/", two_factor_views.login, name="login"),
    path("konto/logout/", two_factor_views.logout_view, name="logout"),
    path("konto/", include("finsam.two_factor.urls")),
    path(
        "konto/inbjudan/<str:token>/",
        invitation_views.invitation_answer,
        name="invitation_accept",
    ),
    path("konto/nytt-forbund/", founding_views.association_new, name="association_new"),
    path("konto/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("healthz", job_views.healthz, name="healthz"),
    # Organisations are shared by associations: their names are changed outside any one.
    path("organisationer/<int:pk>/namn/", orgs_views.member_rename, name="member_rename"),
    path("<slug:association>/", include(association_urls)),
]
