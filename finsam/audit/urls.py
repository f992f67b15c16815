from django.urls import path

from finsam.audit import views

urlpatterns = [
    path("historik/", views.history_log, name="history"),
    path("historik/xlsx/", views.history_export, name="history_export"),
]
