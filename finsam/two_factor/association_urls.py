from django.urls import path

from finsam.two_factor import association_views

app_name = "two_factor_requirement"
urlpatterns = [
    path("", association_views.requirement, name="setting"),
]
