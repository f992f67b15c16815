from django.urls import path

from finsam.two_factor import views

app_name = "two_factor"
urlpatterns = [
    path("tvastegsverifiering/", views.setup, name="setup"),
    path("kod/", views.verify, name="verify"),
]
