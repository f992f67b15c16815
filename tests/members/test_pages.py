"""The start page, the association overview and user management."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from finsam.models import Association, UserRole
from finsam.permissions import Role

NBSP = "\u00a0"


def text_of(response) -> str:
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_start_page_lists_only_the_users_associations(client, make_user):
    client.force_login(make_user("only-vaxjo", Association.objects.get(slug="vaxjo"), Role.BOARD))
    page = text_of(client.get("/"))
    assert "Växjö samordningsförbund" in page and "Finnvedens" not in page


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_overview_shows_board_on_the_chosen_date_and_contributions(staff_client, association):
    page = text_of(staff_client.get("/vaxjo/?datum=2014-08-15"))
    assert "Styrelsen den 15 augusti 2014" in page
    assert "Benny Johansson Vice ordförande Hossein Pishdar Växjö kommun" in page
    assert f"Arbetsförmedlingen 800{NBSP}000 25,0{NBSP}%" in page
    assert f"Summa 3{NBSP}200{NBSP}000" in page
    assert "Patrik Hansén, Deloitte AB Ordinarie Försäkringskassan och Arbetsförmedlingen" in page


@pytest.mark.parametrize("association", ["ale-kungalv-stenungsund-tjorn"], indirect=True)
def test_overview_lists_coming_meetings(staff_client, association):
    page = text_of(staff_client.get(f"/{association.slug}/?datum=2013-06-01"))
    assert "fre 14 juni 2013 09.00–12.00 Styrelsemöte Stenungsund" in page
    assert "22 feb" not in page


def test_a_bad_date_is_named_and_today_shown(staff_client):
    page = text_of(staff_client.get("/finnveden/?datum=2014-13-45"))
    assert "”2014-13-45” är inget datum; skriv ÅÅÅÅ-MM-DD." in page


def test_admin_adds_a_new_user_as_auditor(client, make_user, association):
    client.force_login(make_user("boss", association, Role.ADMIN))
    response = client.post(
        "/finnveden/anvandare/",
        {
            "username": "ny-revisor",
            "full_name": "Nina Ny",
            "email": "nina@example.se",
            "role": "auditor",
            "password": "Lång-och-säker-42",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="ny-revisor")
    assert user.check_password("Lång-och-säker-42")
    assert UserRole.objects.get(user=user, association=association).role == Role.AUDITOR


def test_a_weak_password_is_refused_with_djangos_validators(client, make_user, association):
    client.force_login(make_user("boss", association, Role.ADMIN))
    response = client.post(
        "/finnveden/anvandare/",
        {"username": "svag", "email": "s@example.se", "role": "staff", "password": "12345"},
    )
    assert "Det här lösenordet är för kort. Det måste innehålla minst 8 tecken." in text_of(
        response
    )
    assert not get_user_model().objects.filter(username="svag").exists()


def test_the_last_admin_cannot_remove_themselves(client, make_user, association):
    association.user_roles.filter(role=Role.ADMIN).delete()
    boss = make_user("boss", association, Role.ADMIN)
    client.force_login(boss)
    grant = UserRole.objects.get(user=boss)
    response = client.post(
        reverse("members:user_role_update", kwargs={"association": "finnveden", "pk": grant.pk}),
        {"role": "admin", "remove": "1"},
        follow=True,
    )
    assert "Förbundet måste ha minst en administratör kvar." in text_of(response)
    assert UserRole.objects.filter(pk=grant.pk).exists()


def test_admin_changes_a_role(client, make_user, association):
    client.force_login(make_user("boss", association, Role.ADMIN))
    member = make_user("ledamot", association, Role.BOARD)
    grant = UserRole.objects.get(user=member)
    client.post(
        reverse("members:user_role_update", kwargs={"association": "finnveden", "pk": grant.pk}),
        {"role": "staff"},
    )
    grant.refresh_from_db()
    assert grant.role == Role.STAFF
