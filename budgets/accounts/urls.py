from django.urls import path

from budgets.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.statements, name="statements"),
    path("kontoplan/", views.chart, name="chart"),
    path("kontoplan/spara/", views.chart_update, name="chart_update"),
]
