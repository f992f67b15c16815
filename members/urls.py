from django.urls import path

from members import (
    history_views,
    import_views,
    invitation_views,
    orgs_views,
    user_views,
    views,
)

app_name = "members"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("finansiering/", views.funding_years, name="funding_years"),
    path("finansiering/nytt/", views.funding_year_new, name="funding_year_new"),
    path("finansiering/<int:year>/", views.funding_year, name="funding_year"),
    path("finansiering/<int:year>/andra/", views.funding_year_edit, name="funding_year_edit"),
    path(
        "finansiering/<int:year>/historik/",
        history_views.funding_year_history,
        name="funding_year_history",
    ),
    path("historik/", history_views.history_log, name="history"),
    path("historik/xlsx/", history_views.history_export, name="history_export"),
    path("anvandare/", user_views.user_roles, name="user_roles"),
    path("anvandare/<int:pk>/", user_views.user_role_update, name="user_role_update"),
    path("anvandare/inbjudan/", invitation_views.invitation_new, name="invitation_new"),
    path(
        "anvandare/inbjudan/<int:pk>/ta-bort/",
        invitation_views.invitation_remove,
        name="invitation_remove",
    ),
    path("importer/", import_views.imports, name="imports"),
    path("importer/<int:pk>/", import_views.import_preview, name="import_preview"),
    path("importer/<int:pk>/beslut/", import_views.import_decide, name="import_decide"),
    path("importer/<int:pk>/fil/", import_views.import_file, name="import_file"),
    path("importer/mall/<str:kind>/", import_views.import_blank, name="import_blank"),
    # orgs (#16): members and memberships, population figures
    path("medlemmar/", orgs_views.memberships, name="memberships"),
    path("medlemmar/ny/", orgs_views.membership_new, name="membership_new"),
    path("medlemmar/<int:pk>/avsluta/", orgs_views.membership_end, name="membership_end"),
    path("invanare/", orgs_views.population_figures, name="population_figures"),
    path("invanare/ny/", orgs_views.population_figure_new, name="population_figure_new"),
    path(
        "invanare/<int:pk>/andra/",
        orgs_views.population_figure_edit,
        name="population_figure_edit",
    ),
    path(
        "invanare/<int:pk>/ta-bort/",
        orgs_views.population_figure_delete,
        name="population_figure_delete",
    ),
]
