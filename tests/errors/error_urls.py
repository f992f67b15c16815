"""The application's URLs plus one that fails, to see the 500 page as a user would."""

from django.urls import path

from finsam.urls import urlpatterns as application


def fail(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("fel/", fail), *application]
