"""Accounts across associations: "add user" never hands a role to an existing account, an
existing person is invited by e-mail address, and no association sees another's users."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from finsam.models import Association, Invitation, UserRole
from finsam.permissions import Role
from finsam.users.invitations import token_hash
from tests.members.test_pages import text_of
from tests.sign_in.helpers import sign_in

X_PASSWORD = "X-admins-eget-42"
ANNA_PASSWORD = "Annas-riktiga-99"


@pytest.fixture
def vaxjo(db) -> Association:
    return Association.objects.get(slug="vaxjo")


def _add_user(client, slug: str, username: str, password: str, **extra):
    data = {"username": username, "email": f"{username}@example.se", "role": "admin"}
    return client.post(f"/{slug}/anvandare/", data | {"password": password} | extra)


def _invite(client, slug: str, email: str, role: str = "staff"):
    return client.post(f"/{slug}/anvandare/inbjudan/", {"email": email, "role": role})


def _token_from_mail() -> str:
    return re.search(r"/konto/inbjudan/([^/\s]+)/", mail.outbox[-1].body).group(1)


def test_a_name_taken_in_another_association_gives_no_access_there(
    client, make_user, association, vaxjo
):
    """The reproduction: X's admin creates anna.nystrom first; Finnveden's admin adds Anna."""
    client.force_login(make_user("x-admin", vaxjo, Role.ADMIN))
    assert _add_user(client, "vaxjo", "anna.nystrom", X_PASSWORD).status_code == 302

    client.force_login(make_user("f-admin", association, Role.ADMIN))
    for name in ("anna.nystrom", "Anna.Nystrom"):
        refused = _add_user(client, "finnveden", name, ANNA_PASSWORD)
        assert refused.status_code == 200
        assert "Användarnamnet går inte att använda." in text_of(refused)

    anna = get_user_model().objects.get(username="anna.nystrom")
    assert not UserRole.objects.filter(user=anna, association=association).exists()
    assert get_user_model().objects.filter(username__iexact="anna.nystrom").count() == 1
    client.logout()
    assert sign_in(client, "anna.nystrom", X_PASSWORD).status_code == 302
    for path in ("/finnveden/", "/finnveden/anvandare/", "/finnveden/historik/"):
        assert client.get(path).status_code in (403, 404), path
    assert "finnveden" not in client.get("/").content.decode()


def test_a_taken_name_gets_one_message_wherever_the_account_is(
    client, make_user, association, vaxjo
):
    here, elsewhere = make_user("har-hemma", association, Role.STAFF), make_user("bara-i-x")
    elsewhere.first_name, elsewhere.email = "Hemlig", "hemlig@x.se"
    elsewhere.save()
    UserRole.objects.create(user=elsewhere, association=vaxjo, role=Role.STAFF)
    client.force_login(make_user("f-admin", association, Role.ADMIN))
    pages = [
        text_of(_add_user(client, "finnveden", name, "Ett-langt-losen-42"))
        for name in (here.username, elsewhere.username)
    ]
    errors = [re.search(r"Användarnamnet går inte[^.]*\.[^.]*\.", page).group(0) for page in pages]
    assert errors[0] == errors[1]
    assert "Hemlig" not in pages[1] and "hemlig@x.se" not in pages[1]
    assert here.check_password("pw-test-123") and elsewhere.check_password("pw-test-123")


def test_the_users_page_shows_only_this_associations_users(client, make_user, association, vaxjo):
    foreign = make_user("utomstaende", vaxjo, Role.ADMIN)
    foreign.first_name, foreign.email = "Ulla", "ulla@vaxjo.se"
    foreign.save()
    client.force_login(make_user("f-admin", association, Role.ADMIN))
    page = client.get("/finnveden/anvandare/").content.decode()
    assert "f-admin" in page
    for secret in ("utomstaende", "Ulla", "ulla@vaxjo.se"):
        assert secret not in page
    assert 'autocomplete="off"' in page and 'autocomplete="new-password"' in page


def test_an_invitation_gives_the_role_to_the_invited_account_only(
    client, make_user, association, vaxjo
):
    anna = make_user("anna.nystrom", vaxjo, Role.STAFF)
    anna.email = "anna@finnveden.se"
    anna.set_password(ANNA_PASSWORD)
    anna.save()
    intruder = make_user("x-admin", vaxjo, Role.ADMIN)
    intruder.email = "x@vaxjo.se"
    intruder.save()

    client.force_login(make_user("f-admin", association, Role.ADMIN))
    sent = _invite(client, "finnveden", "Anna@Finnveden.se")
    assert sent.status_code == 302
    token = _token_from_mail()
    assert mail.outbox[-1].to == ["Anna@Finnveden.se"]
    assert "Länken gäller i 7 dagar." in mail.outbox[-1].body
    invitation = Invitation.objects.get(association=association)
    assert invitation.token_hash == token_hash(token) and token not in invitation.token_hash
    page = text_of(client.get("/finnveden/anvandare/"))
    assert "Anna@Finnveden.se" in page and "Dra tillbaka" in page

    accept = reverse("invitation_accept", args=[token])
    client.force_login(intruder)
    refused = client.post(accept)
    assert "Inbjudan gäller en annan e-postadress" in text_of(refused)
    assert not UserRole.objects.filter(user=intruder, association=association).exists()

    client.logout()
    assert client.get(accept).status_code == 302  # sign-in first
    assert sign_in(client, "anna.nystrom", ANNA_PASSWORD).status_code == 302
    assert client.post(accept).status_code == 302
    assert UserRole.objects.get(user=anna, association=association).role == Role.STAFF
    assert "gäller inte längre" in text_of(client.post(accept))  # used once only


def test_the_invitation_message_does_not_tell_whether_an_account_exists(
    client, make_user, association, vaxjo
):
    known = make_user("finns", vaxjo, Role.STAFF)
    known.email = "finns@vaxjo.se"
    known.save()
    client.force_login(make_user("f-admin", association, Role.ADMIN))
    messages = []
    for email in ("finns@vaxjo.se", "ingen@ingenstans.se"):
        page = text_of(client.get(_invite(client, "finnveden", email).url))
        messages.append(re.search(r"En inbjudan är skickad till \S+", page).group(0))
    assert messages == [
        "En inbjudan är skickad till finns@vaxjo.se.",
        "En inbjudan är skickad till ingen@ingenstans.se.",
    ]
    assert len(mail.outbox) == 2


def test_withdrawn_and_expired_invitations_are_refused(client, make_user, association):
    invited = make_user("inbjuden")
    invited.email = "inbjuden@example.se"
    invited.save()
    client.force_login(make_user("f-admin", association, Role.ADMIN))
    _invite(client, "finnveden", "inbjuden@example.se")
    withdrawn = _token_from_mail()
    pk = Invitation.objects.get(token_hash=token_hash(withdrawn)).pk
    remove = reverse("members:invitation_remove", kwargs={"association": "finnveden", "pk": pk})
    assert client.post(remove).status_code == 302
    _invite(client, "finnveden", "inbjuden@example.se")
    expired = _token_from_mail()
    Invitation.objects.filter(token_hash=token_hash(expired)).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    client.force_login(invited)
    for token in (withdrawn, expired, "hittepa"):
        page = text_of(client.post(reverse("invitation_accept", args=[token])))
        assert "Inbjudan gäller inte längre" in page
    assert not UserRole.objects.filter(user=invited, association=association).exists()


def test_a_superuser_accepts_for_the_one_account_with_the_address(client, make_user, association):
    invited = make_user("inbjuden")
    invited.email = "inbjuden@example.se"
    invited.save()
    client.force_login(make_user("f-admin", association, Role.ADMIN))
    _invite(client, "finnveden", "inbjuden@example.se", role="board")
    superuser = get_user_model().objects.create_superuser("chef", "chef@example.se", "pw-x-123")
    client.force_login(superuser)
    assert client.post(reverse("invitation_accept", args=[_token_from_mail()])).status_code == 302
    assert UserRole.objects.get(user=invited, association=association).role == Role.BOARD
    assert not UserRole.objects.filter(user=superuser).exists()
