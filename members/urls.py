from django.urls import path

from members import history_views, views

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
]
