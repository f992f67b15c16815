from django.urls import path

from finsam.users import invitation_views, views

urlpatterns = [
    path("anvandare/", views.user_roles, name="user_roles"),
    path("anvandare/<int:pk>/", views.user_role_update, name="user_role_update"),
    path("anvandare/inbjudan/", invitation_views.invitation_new, name="invitation_new"),
    path(
        "anvandare/inbjudan/<int:pk>/ta-bort/",
        invitation_views.invitation_remove,
        name="invitation_remove",
    ),
]
