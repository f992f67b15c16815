from django.urls import path

from finsam.imports import views

urlpatterns = [
    path("importer/", views.imports, name="imports"),
    path("importer/<int:pk>/", views.import_preview, name="import_preview"),
    path("importer/<int:pk>/beslut/", views.import_decide, name="import_decide"),
    path("importer/<int:pk>/fil/", views.import_file, name="import_file"),
    path("importer/export/", views.association_export, name="association_export"),
    path("importer/mall/<str:kind>/", views.import_blank, name="import_blank"),
]
