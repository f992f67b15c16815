"""An association that requires two-factor sign-in: the admin's switch, and who is sent where.

Finnveden requires it in these tests; Västra Mälardalen does not.
"""

import pytest
from django.contrib.auth import get_user_model

from finsam.models import Association
from finsam.permissions import Role
from finsam.two_factor.middleware import NEEDS_CODE
from finsam.two_factor.views import SECRET
from tests.sign_in.helpers import app_of, code_for

pytestmark = pytest.mark.django_db
SETUP, VERIFY = "/konto/tvastegsverifiering/", "/konto/kod/"
HOME, OTHER = "/finnveden/", "/vastra-malardalen/"
SETTING = "/finnveden/tvastegsverifiering/"


@pytest.fixture
def finnveden(db) -> Association:
    return Association.objects.get(slug="finnveden")


@pytest.fixture
def required(finnveden) -> Association:
    Association.objects.filter(pk=finnveden.pk).update(require_two_factor=True)
    finnveden.refresh_from_db()
    return finnveden


def _enrol(client) -> None:
    client.get(SETUP)
    client.post(SETUP, {"code": code_for(client.session[SECRET])})


def _switch(client, *, required: bool, was: bool, confirm: bool = True, url: str = SETTING):
    on_off = {True: "on", False: "off"}
    data = {"required": on_off[required], "was": on_off[was]} | (
        {"confirm": "on"} if confirm else {}
    )
    return client.post(url, data)


def test_the_admin_switches_it_on_with_confirmation_and_history(client, make_user, finnveden):
    admin = make_user("adm", finnveden, Role.ADMIN)
    client.force_login(admin)
    page = client.get(SETTING).content.decode()
    assert "kräver inte tvåstegsverifiering" in page and "Kräv tvåstegsverifiering</button>" in page
    assert (
        'href="/finnveden/tvastegsverifiering/"'
        in client.get("/finnveden/anvandare/").content.decode()
    )
    unconfirmed = _switch(client, required=True, was=False, confirm=False)
    assert unconfirmed.status_code == 200
    assert "Kryssa i rutan för att bekräfta ändringen." in unconfirmed.content.decode()
    finnveden.refresh_from_db()
    assert not finnveden.require_two_factor
    assert _switch(client, required=True, was=False).status_code == 302
    finnveden.refresh_from_db()
    assert finnveden.require_two_factor
    last = finnveden.history.order_by("-history_date").first()
    assert last.require_two_factor and last.history_user_id == admin.pk
    assert last.history_association_id == finnveden.pk
    _enrol(client)  # now required of the admin too, before the history page
    log = client.get("/finnveden/historik/?slag=members.association").content.decode()
    assert "kräv tvåstegsinloggning" in log.lower(), log


def test_a_stale_page_is_refused(client, make_user, required):
    client.force_login(make_user("adm", required, Role.ADMIN))
    _enrol(client)  # Finnveden requires it of its admin too
    response = _switch(client, required=True, was=False)  # the page showed it off
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "har ändrats av någon annan sedan du öppnade sidan" in page
    Association.objects.filter(pk=required.pk).update(require_two_factor=False)
    _switch(client, required=False, was=True)  # showed it on; someone turned it off
    required.refresh_from_db()
    assert not required.require_two_factor
    _switch(client, required=True, was=False)
    required.refresh_from_db()
    assert required.require_two_factor


@pytest.mark.parametrize("role", [Role.STAFF, Role.BOARD, Role.AUDITOR])
def test_only_the_admin_may_switch_it(client, make_user, finnveden, role):
    client.force_login(make_user("u", finnveden, role))
    assert client.get(SETTING).status_code == 403
    assert _switch(client, required=True, was=False).status_code == 403
    finnveden.refresh_from_db()
    assert not finnveden.require_two_factor


def test_the_admin_of_one_association_cannot_switch_another(client, make_user, finnveden):
    client.force_login(make_user("adm", finnveden, Role.ADMIN))
    other = f"{OTHER}tvastegsverifiering/"
    assert client.get(other).status_code == 403
    assert _switch(client, required=True, was=False, url=other).status_code == 403
    assert not Association.objects.get(slug="vastra-malardalen").require_two_factor


def test_a_user_without_a_device_sets_one_up_first_then_goes_on(client, make_user, required):
    client.force_login(make_user("styr", required, Role.BOARD))
    for url in (HOME, f"{HOME}budget/"):
        response = client.get(url)
        assert response.status_code == 302 and response.url == f"{SETUP}?next={url}"
    page = client.get(f"{SETUP}?next={HOME}").content.decode()
    assert "Finnvedens samordningsförbund kräver tvåstegsverifiering" in page
    secret = client.session[SECRET]
    done = client.post(SETUP, {"code": code_for(secret), "next": HOME}, follow=True)
    assert f'href="{HOME}">Jag har sparat koderna. Fortsätt' in done.content.decode()
    assert client.get(HOME).status_code == 200


def test_a_user_with_a_device_but_no_code_this_session_gives_the_code(client, make_user, required):
    user = make_user("kans", required, Role.STAFF)
    client.force_login(user)
    _enrol(client)
    client.logout()
    client.force_login(user)
    session = client.session
    session[NEEDS_CODE] = False  # the sign-in's note aside, the tenant check asks for the code
    session.save()
    response = client.get(HOME)
    assert response.status_code == 302 and response.url == f"{VERIFY}?next={HOME}"
    client.post(VERIFY, {"code": code_for(app_of(user).key, 1)})
    assert client.get(HOME).status_code == 200


def test_another_associations_pages_stay_reachable(client, make_user, required):
    user = make_user("both", required, Role.STAFF)
    Association.objects.get(slug="vastra-malardalen").user_roles.create(user=user, role=Role.STAFF)
    client.force_login(user)
    assert client.get(OTHER).status_code == 200
    assert client.get(f"{OTHER}budget/").status_code == 200
    assert client.get("/").status_code == 200
    assert client.get(HOME).url.startswith(SETUP)


def test_a_user_of_another_association_is_refused_not_asked_for_a_code(client, make_user, required):
    client.force_login(
        make_user("other", Association.objects.get(slug="vastra-malardalen"), Role.ADMIN)
    )
    assert client.get(HOME).status_code == 403


def test_superusers_follow_the_same_rule(client, required):
    root = get_user_model().objects.create_superuser("root", "root@finsam.example", "pw-test-123")
    client.force_login(root)
    assert client.get(HOME).url == f"{SETUP}?next={HOME}"
    assert client.get(OTHER).status_code == 200
    _enrol(client)
    assert client.get(HOME).status_code == 200


def test_the_second_step_cannot_be_turned_off_while_an_association_requires_it(
    client, make_user, required
):
    user = make_user("kans", required, Role.STAFF)
    client.force_login(user)
    _enrol(client)
    page = client.get(SETUP).content.decode()
    assert (
        "Finnvedens samordningsförbund kräver tvåstegsverifiering, så den kan inte stängas av."
        in page
    )
    refused = client.post(SETUP, {"code": code_for(app_of(user).key, 1)})
    assert "kan inte stängas av" in refused.content.decode()
    assert app_of(user)  # still there


def test_no_requirement_asks_nothing(client, make_user, finnveden):
    client.force_login(make_user("styr", finnveden, Role.BOARD))
    assert client.get(HOME).status_code == 200


def test_a_post_with_a_garbled_state_changes_nothing(client, make_user, finnveden):
    client.force_login(make_user("adm", finnveden, Role.ADMIN))
    data = {"required": "on", "was": "off (ändrad)", "confirm": "on"}
    assert client.post(SETTING, data).status_code == 200
    finnveden.refresh_from_db()
    assert not finnveden.require_two_factor


def test_the_back_office_asks_what_the_associations_ask(client, finnveden):
    root = get_user_model().objects.create_superuser("root", "root@finsam.example", "pw-test-123")
    client.force_login(root)
    assert client.get("/admin/").status_code == 200  # no association requires it
    Association.objects.filter(pk=finnveden.pk).update(require_two_factor=True)
    response = client.get("/admin/finsam/association/")
    assert response.url == f"{SETUP}?next=/admin/finsam/association/"
    _enrol(client)
    assert client.get("/admin/finsam/association/").status_code == 200
