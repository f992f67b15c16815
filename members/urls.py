from django.urls import path

from members import user_views, views

app_name = "members"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("finansiering/", views.funding_years, name="funding_years"),
    path("finansiering/nytt/", views.funding_year_new, name="funding_year_new"),
    path("finansiering/<int:year>/", views.funding_year, name="funding_year"),
    path("finansiering/<int:year>/andra/", views.funding_year_edit, name="funding_year_edit"),
    path("anvandare/", user_views.user_roles, name="user_roles"),
    path("anvandare/<int:pk>/", user_views.user_role_update, name="user_role_update"),
]
