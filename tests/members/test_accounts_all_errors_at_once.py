"""The users page and the founding page tell every problem in one answer, each at its field,
the form's own and the service's together (issue #17)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from finsam.models import Association, Invitation
from finsam.permissions import Role
from finsam.users.invitations import invitation_send
from finsam.users.services import TAKEN_USERNAME
from tests.members.test_founding import NEW, URL, superuser  # noqa: F401  (fixture)


@pytest.fixture
def admin(client, make_user, association):
    client.force_login(make_user("u-admin-alla-fel", association, Role.ADMIN))
    return client


def test_a_new_user_is_told_a_bad_address_a_taken_name_and_a_weak_password_at_once(
    admin, association, make_user
):
    make_user("Upptagen")
    accounts = get_user_model().objects.count()
    data = {"username": "upptagen", "email": "inte en adress", "role": "staff", "password": "1"}
    response = admin.post(f"/{association.slug}/anvandare/", data)
    errors = response.context["form"].errors
    assert errors["email"]  # the form's own
    assert errors["username"] == [str(TAKEN_USERNAME)]
    assert errors["password"]  # too short, too common, only digits: the validators' words
    assert get_user_model().objects.count() == accounts


def test_founding_tells_a_reserved_short_name_and_an_unknown_first_admin_at_once(
    client,
    superuser,  # noqa: F811
):
    client.force_login(superuser)
    response = client.post(URL, NEW | {"slug": "admin", "first_admin": "ingen-sadan"})
    errors = response.context["form"].errors
    assert "Kortnamnet admin används redan av applikationen; välj ett annat." in errors["slug"]
    assert errors["first_admin"] == [
        "Inget konto heter så. Ange en e-postadress för att bjuda in personen."
    ]
    assert not Association.objects.filter(name=NEW["name"]).exists()


def test_an_invitation_tells_a_waiting_invitation_and_the_model_s_rules_at_once(
    association, make_user
):
    inviter = make_user("u-bjuder-in", association, Role.ADMIN)
    address = "vantar@example.se"
    invitation_send(
        association=association,
        email=address,
        role=Role.STAFF,
        invited_by=inviter,
        link=lambda token: token,
    )
    sent = len(mail.outbox)
    with pytest.raises(Exception) as refused:
        invitation_send(
            association=association,
            email=address,
            role="ingen-roll",
            invited_by=inviter,
            link=lambda token: token,
        )
    errors = refused.value.message_dict  # type: ignore[attr-defined]
    assert errors["email"] == [f"{address} har redan en inbjudan som väntar."]
    assert errors["role"]
    assert Invitation.objects.filter(email=address).count() == 1
    assert len(mail.outbox) == sent
