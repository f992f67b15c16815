"""A superuser starts an association and its first admin from the application (issue 16)."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from finsam.models import Association, Invitation, UserRole
from finsam.permissions import Role
from finsam.users.founding_services import association_found

URL = "/konto/nytt-forbund/"
NEW = {"name": "Samordningsförbundet Test", "slug": "test-sf", "org_number": "222000-0000"}


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.se", "pw-root-123")


def test_the_page_is_for_superusers_only(client, make_user, association, superuser):
    assert reverse("association_new") == URL
    assert client.get(URL).status_code == 302  # anonymous: to the login page
    for role in Role:
        client.force_login(make_user(f"u-{role}", association, role))
        assert client.get(URL).status_code == 403
    client.force_login(superuser)
    assert client.get(URL).status_code == 200


def test_an_existing_account_becomes_the_admin(client, superuser, make_user):
    first = make_user("anna")
    client.force_login(superuser)
    response = client.post(URL, NEW | {"first_admin": "ANNA"})
    created = Association.objects.get(slug="test-sf")
    assert response.status_code == 302 and response.url == created.get_absolute_url()
    assert UserRole.objects.get(association=created).user == first
    assert UserRole.objects.get(association=created).role == Role.ADMIN


def test_an_unknown_address_is_invited(client, superuser):
    client.force_login(superuser)
    client.post(URL, NEW | {"first_admin": "ny@test.se"})
    created = Association.objects.get(slug="test-sf")
    invitation = Invitation.objects.get(association=created)
    assert (invitation.email, invitation.role) == ("ny@test.se", Role.ADMIN)
    assert mail.outbox and "ny@test.se" in mail.outbox[0].to


def test_nothing_is_created_when_the_admin_is_unknown(client, superuser):
    client.force_login(superuser)
    response = client.post(URL, NEW | {"first_admin": "finns-inte"})
    assert response.status_code == 200
    assert "first_admin" in response.context["form"].errors
    assert not Association.objects.filter(slug="test-sf").exists()


def test_a_bad_number_and_a_taken_slug_are_shown_at_once(client, superuser):
    client.force_login(superuser)
    data = NEW | {"slug": "finnveden", "org_number": "12", "first_admin": "x@y.se"}
    response = client.post(URL, data)
    errors = response.context["form"].errors
    assert "slug" in errors and "org_number" in errors


def test_only_a_superuser_may_found(make_user, association):
    with pytest.raises(ValidationError):
        association_found(**NEW, first_admin="x@y.se", founded_by=make_user("plain"), link=str)
    assert not Association.objects.filter(slug="test-sf").exists()
