from django.urls import path

from members import (
    board_views,
    discharge_views,
    facts_views,
    groups_views,
    history_views,
    orgs_views,
    views,
)

app_name = "members"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("ansvarsfrihet/", discharge_views.discharges, name="discharges"),
    path(
        "ansvarsfrihet/<int:year>/<int:member>/",
        discharge_views.discharge_edit,
        name="discharge_edit",
    ),
    path("finansiering/", views.funding_years, name="funding_years"),
    path("finansiering/nytt/", views.funding_year_new, name="funding_year_new"),
    path("finansiering/<int:year>/", views.funding_year, name="funding_year"),
    path("finansiering/<int:year>/andra/", views.funding_year_edit, name="funding_year_edit"),
    path(
        "finansiering/<int:year>/historik/",
        history_views.funding_year_history,
        name="funding_year_history",
    ),
    # Board seats, auditors and the office (issue #16, part "board").
    path("styrelsen/", board_views.board, name="board"),
    path("styrelsen/ny/", board_views.board_seat_new, name="board_seat_new"),
    path("styrelsen/<int:pk>/andra/", board_views.board_seat_edit, name="board_seat_edit"),
    path("styrelsen/<int:pk>/avsluta/", board_views.board_seat_end, name="board_seat_end"),
    path("revisorer/", board_views.auditors, name="auditors"),
    path("revisorer/ny/", board_views.auditor_new, name="auditor_new"),
    path("revisorer/<int:pk>/andra/", board_views.auditor_edit, name="auditor_edit"),
    path("revisorer/<int:pk>/avsluta/", board_views.auditor_end, name="auditor_end"),
    path("kansliet/", board_views.office, name="office"),
    path("kansliet/ny/", board_views.office_post_new, name="office_post_new"),
    path("kansliet/<int:pk>/andra/", board_views.office_post_edit, name="office_post_edit"),
    path("kansliet/<int:pk>/avsluta/", board_views.office_post_end, name="office_post_end"),
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

# Part "orgs" of issue 16: members and memberships, population figures.
urlpatterns += [
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
