"""403, 404, 500 and a refused form (CSRF): Swedish pages in the application's layout, with
DEBUG off as in production."""

import pytest
from django.template import loader
from django.test import Client, override_settings

from finsam.models import Association
from finsam.permissions import Role

pytestmark = pytest.mark.django_db

HEADER = '<header class="topbar"'


def _signed_in(make_user, role: Role | None, *, enforce_csrf_checks: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf_checks, raise_request_exception=False)
    home = Association.objects.get(slug="finnveden")
    client.force_login(make_user(f"user-{role or 'none'}", home if role else None, role))
    return client


@override_settings(DEBUG=False)
def test_page_not_found_is_swedish_and_keeps_the_associations_menu(make_user):
    response = _signed_in(make_user, Role.STAFF).get("/finnveden/budget/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Sidan finns inte" in page and "Felkod 404" in page
    assert HEADER in page and ">Finansiering</a>" in page and "Logga ut" in page
    assert "Till översikten för Finnvedens samordningsförbund" in page
    assert "Not Found" not in page


@override_settings(DEBUG=False)
def test_unknown_address_is_swedish_in_the_layout(make_user):
    response = _signed_in(make_user, Role.STAFF).get("/finns/inte/alls/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Sidan finns inte" in page and HEADER in page and "Till startsidan" in page


@override_settings(DEBUG=False)
def test_refused_page_names_the_role_and_keeps_the_menu(make_user):
    response = _signed_in(make_user, Role.BOARD).get("/finnveden/importer/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Du har inte behörighet till den här sidan" in page and "Felkod 403" in page
    assert "Din roll i Finnvedens samordningsförbund är Styrelseledamot" in page
    assert HEADER in page and ">Budget</a>" in page and "Logga ut" in page
    assert "Forbidden" not in page
    assert ">Importer</a>" not in page, "the menu shows what the role may not open"


@override_settings(DEBUG=False)
def test_outsider_is_refused_in_swedish(make_user):
    response = _signed_in(make_user, None).get("/finnveden/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "där du inte har någon roll" in page and HEADER in page and "Logga ut" in page


@override_settings(DEBUG=False, ROOT_URLCONF="tests.errors.error_urls")
def test_server_error_is_swedish_in_the_layout(make_user):
    response = _signed_in(make_user, Role.STAFF).get("/fel/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Något gick fel" in page and "Felkod 500" in page
    assert HEADER in page and 'href="/">finsam</a>' in page and "Till startsidan" in page
    assert "Server Error" not in page and "RuntimeError" not in page


def test_server_error_page_renders_with_an_empty_context():
    """Django renders 500.html with no context at all: no request, no user."""
    page = loader.get_template("500.html").render()
    assert "Något gick fel" in page and HEADER in page and 'lang="sv"' in page


@override_settings(DEBUG=False)
def test_refused_form_is_swedish_in_the_layout(make_user):
    client = _signed_in(make_user, Role.STAFF, enforce_csrf_checks=True)
    response = client.post("/finnveden/finansiering/2014/andra/", {"state_requested": "1"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "Formuläret kunde inte skickas" in page and "ladda om sidan" in page
    assert HEADER in page and "Logga ut" in page
    assert "CSRF verification failed" not in page and "CSRF token" not in page
