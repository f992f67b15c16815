from django.urls import path

from finsam.jobs import views

urlpatterns = [
    path("jobb/<int:pk>/", views.job_page, name="job"),
    path("jobb/<int:pk>/status/", views.job_status, name="job_status"),
    path("jobb/<int:pk>/fil/", views.job_file, name="job_file"),
]
