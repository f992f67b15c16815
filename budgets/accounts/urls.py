from django.urls import path

from budgets.accounts import closing_views, views

app_name = "accounts"
urlpatterns = [
    path("", views.statements, name="statements"),
    path("kontoplan/", views.chart, name="chart"),
    path("kontoplan/spara/", views.chart_update, name="chart_update"),
    path("bokslut/", closing_views.closings, name="closings"),
    path("bokslut/stang/", closing_views.close, name="close"),
    path("bokslut/oppna/", closing_views.reopen, name="reopen"),
]
