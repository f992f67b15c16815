"""Changing a password while signed in, and resetting a forgotten one by e-mail.

Django's own views do the work; these tests hold what finsam adds or relies on: Swedish pages
in the application's style, the reset not telling whether an address has an account, a link
used once, and neither the reset nor the change getting round django-axes or the second step.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse

from finsam.demo import DEMO_PASSWORD
from tests.sign_in.helpers import app_of, code_for, sign_in
from tests.sign_in.test_two_factor import enrol

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Ny-lösen-2026-kvist"
CHANGE, RESET = "/konto/password_change/", "/konto/password_reset/"


def _change(client, old=DEMO_PASSWORD, new=NEW_PASSWORD):
    return client.post(CHANGE, {"old_password": old, "new_password1": new, "new_password2": new})


def _reset_link() -> str:
    """The path of the one link in the one mail sent."""
    assert len(mail.outbox) == 1
    return re.search(r"https?://[^/\s]+(/konto/reset/\S+/)", mail.outbox[0].body).group(1)


def _follow_link(client, link: str):
    """Django moves the token from the link into the session and redirects to a clean URL."""
    response = client.get(link)
    assert response.status_code == 302
    return response.url


def test_the_pages_are_the_applications_own_in_swedish(client):
    assert 'href="/konto/password_reset/"' in client.get(reverse("login")).content.decode()
    page = client.get(RESET).content.decode()
    assert "Glömt lösenordet?" in page and "finsam.css" in page and "Django" not in page
    sign_in(client, "kansli")
    home = client.get("/").content.decode()
    assert f'href="{CHANGE}">Byt lösenord' in home
    page = client.get(CHANGE).content.decode()
    assert "<h1>Byt lösenord</h1>" in page and "finsam.css" in page and "Django" not in page


def test_a_wrong_old_password_is_refused_next_to_the_field(client):
    sign_in(client, "kansli")
    response = _change(client, old="fel-lösenord")
    assert response.status_code == 200
    page = response.content.decode()
    error = re.search(r'<p class="error" role="alert" id="id_old_password-error">([^<]*)<', page)
    assert error and "gamla lösenord" in error.group(1), page
    assert get_user_model().objects.get(username="kansli").check_password(DEMO_PASSWORD)


def test_a_change_keeps_this_session_ends_the_others_and_the_new_password_signs_in(client):
    elsewhere = Client()
    sign_in(elsewhere, "kansli", address="10.0.0.7")
    sign_in(client, "kansli")
    response = _change(client)
    assert response.status_code == 302 and response.url == reverse("password_change_done")
    assert "Lösenordet är bytt" in client.get(response.url).content.decode()
    assert client.get("/finnveden/").status_code == 200
    assert elsewhere.get("/finnveden/").url.startswith(reverse("login"))
    client.post(reverse("logout"))
    assert sign_in(client, "kansli").status_code == 200  # the old one no longer
    assert sign_in(client, "kansli", NEW_PASSWORD).status_code == 302
    assert client.get("/finnveden/").status_code == 200


def test_the_whole_reset_through_the_mail(client):
    response = client.post(RESET, {"email": "kansli@finsam.example"})
    assert response.status_code == 302
    assert "Kolla din e-post" in client.get(response.url).content.decode()
    message = mail.outbox[0]
    assert message.to == ["kansli@finsam.example"]
    assert message.subject == "Nytt lösenord till finsam"
    assert "kontot kansli" in message.body and "gäller i tre dagar" in message.body
    form_url = _follow_link(client, _reset_link())
    assert "Välj nytt lösenord" in client.get(form_url).content.decode()
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.url == reverse("password_reset_complete")
    assert "Lösenordet är sparat" in client.get(done.url).content.decode()
    assert client.get("/finnveden/").url.startswith(reverse("login"))  # not signed in by it
    assert sign_in(client, "kansli", NEW_PASSWORD).status_code == 302
    assert client.get("/finnveden/").status_code == 200


def test_an_unknown_address_gets_the_same_page_and_no_mail(client):
    known = client.post(RESET, {"email": "kansli@finsam.example"})
    mail.outbox.clear()
    unknown = client.post(RESET, {"email": "ingen@finsam.example"})
    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    assert mail.outbox == []


def test_a_link_works_once(client):
    client.post(RESET, {"email": "kansli@finsam.example"})
    link = _reset_link()
    form_url = _follow_link(client, link)
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = Client()
    page = again.get(link, follow=True).content.decode()
    assert "Länken gäller inte" in page and "Välj nytt lösenord" not in page
    refused = again.post(
        link, {"new_password1": "Annat-lösen-99", "new_password2": "Annat-lösen-99"}
    )
    assert "Länken gäller inte" in refused.content.decode()
    assert get_user_model().objects.get(username="kansli").check_password(NEW_PASSWORD)


def test_after_a_reset_the_second_step_is_still_asked_for(client):
    enrol(client)
    client.post(reverse("logout"))
    client.post(RESET, {"email": "kansli@finsam.example"})
    form_url = _follow_link(client, _reset_link())
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert sign_in(client, "kansli", NEW_PASSWORD).status_code == 302
    assert client.get("/finnveden/").url.startswith("/konto/kod/")
    key = app_of(get_user_model().objects.get(username="kansli")).key
    assert client.post("/konto/kod/", {"code": code_for(key, 1)}).status_code == 302
    assert client.get("/finnveden/").status_code == 200


def test_a_reset_does_not_lift_a_lockout(client):
    for _ in range(5):
        sign_in(client, "kansli", "fel-lösenord")
    client.post(RESET, {"email": "kansli@finsam.example"})
    form_url = _follow_link(client, _reset_link())
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert sign_in(client, "kansli", NEW_PASSWORD).status_code == 429
    assert sign_in(client, "kansli", NEW_PASSWORD, address="10.0.0.2").status_code == 302
