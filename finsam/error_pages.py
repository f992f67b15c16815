"""The page for a form refused by Django's CSRF check (settings.CSRF_FAILURE_VIEW).

Django's own failure view renders its template without the request, so the page would lose
the signed-in user's header; this one renders it like any other page.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    # The reason is developer text ("CSRF token missing"); it goes to the log, not the screen.
    return render(request, "403_csrf.html", status=403)
