"""The members and population pages: staff and admins edit, the others read; another
association's rows are not found; stale saves and broken rules are said at the field."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from finsam.models import Association
from finsam.permissions import Role
from members.models import Member, Membership, PopulationFigure

pytestmark = pytest.mark.django_db
OLD = "Landstinget i Jönköpings län"


def url(name: str, slug: str = "finnveden", **kwargs) -> str:
    return reverse(f"members:{name}", kwargs={"association": slug, **kwargs})


@pytest.fixture
def region_membership() -> Membership:
    return Membership.objects.get(association__slug="finnveden", member__name=OLD)


def test_the_list_shows_members_with_their_dates(staff_client):
    page = staff_client.get(url("memberships")).content.decode()
    assert OLD in page and "2011-04-12" in page and "Avsluta" in page


@pytest.mark.parametrize("role", [Role.BOARD, Role.AUDITOR])
def test_readers_see_the_list_but_cannot_change_it(client, make_user, association, role):
    client.force_login(make_user("reader", association, role))
    page = client.get(url("memberships")).content.decode()
    assert OLD in page and "Avsluta" not in page
    assert client.get(url("membership_new")).status_code == 403
    response = client.post(url("membership_new"), {"name": "X", "kind": "municipality"})
    assert response.status_code == 403
    assert not Member.objects.filter(name="X").exists()


def test_search_finds_an_organisation_by_number_and_staff_add_it(staff_client):
    shared = Member.objects.create(name="Surahammars kommun", kind="municipality")
    shared.org_number = "212000-2080"
    shared.save()
    page = staff_client.get(url("membership_new"), {"sok": "2120002080"}).content.decode()
    assert "Surahammars kommun" in page
    response = staff_client.post(
        url("membership_new"), {"member": shared.pk, "valid_from": "2015-01-01"}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(association__slug="finnveden", member=shared).exists()


def test_a_new_organisation_with_a_taken_number_is_refused_at_the_field(staff_client):
    taken = Member.objects.get(name=OLD)
    taken.org_number = "232100-0057"
    taken.save()
    response = staff_client.post(
        url("membership_new"),
        {"name": "Region Jönköping", "kind": "region", "org_number": "2321000057"},
    )
    assert response.status_code == 200
    errors = response.context["new"].errors
    assert list(errors) == ["org_number"] and "finns redan" in errors["org_number"][0]
    assert not Member.objects.filter(name="Region Jönköping").exists()


def test_a_second_open_membership_is_refused_on_the_page(staff_client, region_membership):
    response = staff_client.post(url("membership_new"), {"member": region_membership.member_id})
    assert response.status_code == 200
    assert "redan ett pågående medlemskap" in response.content.decode()


def test_end_a_membership_and_refuse_an_end_before_start(staff_client, region_membership):
    pk = region_membership.pk
    before = {"version": region_membership.version, "valid_to": "2010-12-31"}
    response = staff_client.post(url("membership_end", pk=pk), before)
    assert response.context["form"].errors == {
        "valid_to": ["Medlemskapet kan inte upphöra före det börjar."]
    }
    ok = {"version": region_membership.version, "valid_to": "2020-12-31"}
    assert staff_client.post(url("membership_end", pk=pk), ok).status_code == 302
    assert Membership.objects.get(pk=pk).valid_to == date(2020, 12, 31)
    stale = staff_client.post(url("membership_end", pk=pk), ok, follow=True)
    assert "har ändrats av någon annan" in stale.content.decode()


def test_another_associations_admin_cannot_touch_our_memberships(
    client, make_user, region_membership
):
    foreign = Association.objects.get(slug="vastra-malardalen")
    client.force_login(make_user("vm-admin", foreign, Role.ADMIN))
    ours = url("membership_end", pk=region_membership.pk)
    assert client.post(ours, {"version": 1, "valid_to": "2020-12-31"}).status_code == 403
    theirs = url("membership_end", slug="vastra-malardalen", pk=region_membership.pk)
    assert client.post(theirs, {"version": 1, "valid_to": "2020-12-31"}).status_code == 404
    assert Membership.objects.get(pk=region_membership.pk).valid_to is None


def test_population_figures_added_edited_and_deleted(staff_client):
    gnosjo = Member.objects.get(name="Gnosjö kommun")
    new = {"member": gnosjo.pk, "date": "2015-11-01", "population": "9600"}
    assert staff_client.post(url("population_figure_new"), new).status_code == 302
    figure = PopulationFigure.objects.get(member=gnosjo, date=date(2015, 11, 1))
    again = staff_client.post(url("population_figure_new"), new)
    assert "redan ett invånarantal" in again.content.decode()
    edit = url("population_figure_edit", pk=figure.pk)
    changed = new | {"population": "9700", "version": figure.version}
    assert staff_client.post(edit, changed).status_code == 302
    stale = staff_client.post(edit, changed, follow=True)
    assert "har ändrats av någon annan" in stale.content.decode()
    delete = url("population_figure_delete", pk=figure.pk)
    assert "Ta bort invånarantalet" in staff_client.get(delete).content.decode()
    staff_client.post(delete, {"version": figure.version + 1})
    assert not PopulationFigure.objects.filter(pk=figure.pk).exists()


def test_population_for_a_municipality_outside_the_association_is_refused(staff_client):
    koping = Member.objects.get(name="Köpings kommun")
    data = {"member": koping.pk, "date": "2015-11-01", "population": "100"}
    response = staff_client.post(url("population_figure_new"), data)
    assert response.status_code == 200 and "member" in response.context["form"].errors
    assert not PopulationFigure.objects.filter(
        association__slug="finnveden", member=koping
    ).exists()


def test_rename_is_for_superusers_only(client, make_user, association):
    region = Member.objects.get(name=OLD)
    page = reverse("member_rename", kwargs={"pk": region.pk})
    data = {"version": region.version, "name": "Region Jönköpings län", "valid_from": "2019-01-01"}
    for role in (Role.ADMIN, Role.STAFF, Role.BOARD):
        client.force_login(make_user(f"u-{role}", association, role))
        assert client.get(page).status_code == 403
        assert client.post(page, data).status_code == 403
    assert Member.objects.get(pk=region.pk).name == OLD
    client.force_login(get_user_model().objects.create_superuser("root", password="pw-test-1"))
    assert client.get(page).status_code == 200
    assert client.post(page, data).status_code == 302
    renamed = Member.objects.get(pk=region.pk)
    assert (renamed.name, renamed.name_on(date(2014, 1, 1))) == ("Region Jönköpings län", OLD)


def test_the_overview_names_a_renamed_member_as_it_was_on_the_day(staff_client):
    region = Member.objects.get(name=OLD)
    region.former_names.create(name=OLD, valid_from=None)
    region.name, region.named_since = "Region Jönköpings län", date(2019, 1, 1)
    region.save()
    then = staff_client.get(url("overview"), {"datum": "2014-06-01"}).content.decode()
    assert OLD in then and "Region Jönköpings län" not in then
    now = staff_client.get(url("overview"), {"datum": "2019-06-01"}).content.decode()
    assert "Region Jönköpings län" in now


def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_rename_page(client):
    region = Member.objects.get(name=OLD)
    response = client.get(reverse("member_rename", kwargs={"pk": region.pk}))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_back_office_shows_earlier_names(client):
    region = Member.objects.get(name=OLD)
    region.former_names.create(name="Landstinget i Jönköping", valid_from=None)
    client.force_login(get_user_model().objects.create_superuser("root", password="pw-test-1"))
    page = client.get(reverse("admin:members_member_change", args=[region.pk]))
    assert page.status_code == 200 and "Landstinget i Jönköping" in page.content.decode()
