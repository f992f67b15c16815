from django.urls import path

from members import (
    facts_views,
    groups_views,
    history_views,
    import_views,
    invitation_views,
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
]

# Part "groups" of issue 16: the association's facts and logo, groups, meeting calendar.
urlpatterns += [
    path("uppgifter/", facts_views.facts, name="facts"),
    path("uppgifter/andra/", facts_views.facts_edit, name="facts_edit"),
    path("uppgifter/logotyp/", facts_views.logo, name="logo"),
    path("grupper/", groups_views.groups, name="groups"),
    path("grupper/ny/", groups_views.group_edit, name="group_new"),
    path("grupper/<int:pk>/andra/", groups_views.group_edit, name="group_edit"),
    path("grupper/<int:pk>/ny-medlem/", groups_views.group_member_new, name="group_member_new"),
    path(
        "grupper/medlem/<int:pk>/ta-bort/",
        groups_views.group_member_remove_confirm,
        name="group_member_remove",
    ),
    path("moten/", groups_views.meetings, name="meetings"),
    path("moten/nytt/", groups_views.meeting_edit, name="meeting_new"),
    path("moten/<int:pk>/andra/", groups_views.meeting_edit, name="meeting_edit"),
    path("moten/<int:pk>/ta-bort/", groups_views.meeting_remove, name="meeting_remove"),
]
