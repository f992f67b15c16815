from django.urls import path

from members import board_views, history_views, views

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
