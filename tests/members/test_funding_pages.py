"""The funding page: figures shown, edited by staff and admins, read-only for the others."""

import re
from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse

from finsam.permissions import Role
from members.models import FundingYear

NBSP = "\u00a0"


def text_of(response) -> str:
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def url(name: str, year: int = 2014, slug: str = "finnveden") -> str:
    return reverse(name, kwargs={"association": slug, "year": year})


def form_data(funding_year: FundingYear, **changes) -> dict:
    data = {
        "version": funding_year.version,
        "state_requested": "1 696 000",
        "state_granted": "1 496 000",
        "distribution_key": "population",
        "rounding_step": "100",
        "state_presentation": "one_line",
        "note": "",
    }
    return data | changes


@pytest.fixture
def finnveden_2014(db) -> FundingYear:
    return FundingYear.objects.get(association__slug="finnveden", year=2014)


def test_page_shows_state_grant_and_the_split(staff_client, finnveden_2014):
    page = text_of(staff_client.get(url("members:funding_year")))
    assert f"Beviljat av staten 1{NBSP}496{NBSP}000 kr" in page
    assert f"Gislaveds kommun 28{NBSP}984 inv. 302{NBSP}612,01 302{NBSP}600" in page
    assert f"Kommunerna tillsammans 748{NBSP}000" in page
    assert f"Summa nya medel 2014 2{NBSP}992{NBSP}000" in page
    assert "Ändra finansieringen 2014" in page


@pytest.mark.parametrize("role", [Role.BOARD, Role.AUDITOR])
def test_board_and_auditors_read_but_cannot_edit(
    client, make_user, association, role, finnveden_2014
):
    client.force_login(make_user("reader", association, role))
    page = text_of(client.get(url("members:funding_year")))
    assert f"748{NBSP}000" in page and "Ändra finansieringen" not in page
    assert client.get(url("members:funding_year_edit")).status_code == 403
    response = client.post(url("members:funding_year_edit"), form_data(finnveden_2014))
    assert response.status_code == 403


def test_staff_lowers_the_grant_and_everyones_share_follows(staff_client, finnveden_2014):
    response = staff_client.post(
        url("members:funding_year_edit"), form_data(finnveden_2014, state_granted="1 400 000")
    )
    assert response.status_code == 302
    page = text_of(staff_client.get(url("members:funding_year")))
    assert f"Landstinget i Jönköpings län halva statens 700{NBSP}000" in page
    assert f"Kommunerna tillsammans 700{NBSP}000" in page
    finnveden_2014.refresh_from_db()
    assert finnveden_2014.state_granted.amount == Decimal(1400000)
    assert finnveden_2014.version == 2


def test_agreed_amount_is_saved_and_the_difference_shown(staff_client, finnveden_2014):
    gnosjo = finnveden_2014.association.memberships.get(member__name="Gnosjö kommun").member
    data = form_data(finnveden_2014, **{f"agreed_{gnosjo.pk}": "99 000"})
    staff_client.post(url("members:funding_year_edit"), data)
    page = text_of(staff_client.get(url("members:funding_year")))
    assert (
        f"Gnosjö kommun 9{NBSP}459 inv. 98{NBSP}758,18 98{NBSP}800 99{NBSP}000 200 99{NBSP}000"
        in page
    )
    assert "följer inte de lagstadgade andelarna" in page


def test_a_stale_save_is_refused_and_the_current_value_shown(staff_client, finnveden_2014):
    opened = form_data(finnveden_2014)
    staff_client.post(url("members:funding_year_edit"), opened | {"state_granted": "1 500 000"})
    response = staff_client.post(
        url("members:funding_year_edit"), opened | {"state_granted": "1 300 000"}, follow=True
    )
    page = text_of(response)
    assert "Finansieringsåret har ändrats av någon annan" in page
    assert f'value="1{NBSP}500{NBSP}000"' in response.content.decode()
    finnveden_2014.refresh_from_db()
    assert finnveden_2014.state_granted.amount == Decimal(1500000)


def test_a_bad_amount_names_the_input_and_changes_nothing(staff_client, finnveden_2014):
    response = staff_client.post(
        url("members:funding_year_edit"), form_data(finnveden_2014, state_granted="1 4x6 000")
    )
    assert response.status_code == 200
    assert "”1 4x6 000” är inte ett belopp" in response.content.decode()
    finnveden_2014.refresh_from_db()
    assert finnveden_2014.state_granted.amount == Decimal(1496000) and finnveden_2014.version == 1


def test_fixed_shares_must_add_up_to_100(staff_client, finnveden_2014):
    municipalities = finnveden_2014.association.memberships.filter(member__kind="municipality")
    percents = {f"percent_{m.member_id}": "30" for m in municipalities}
    response = staff_client.post(
        url("members:funding_year_edit"),
        form_data(finnveden_2014, distribution_key="fixed", **percents),
    )
    assert "De fasta andelarna summerar till 90 %; de måste bli exakt 100 %." in text_of(response)
    finnveden_2014.refresh_from_db()
    assert finnveden_2014.distribution_key == "population"


def test_staff_adds_a_year_that_keeps_the_key(staff_client, association):
    response = staff_client.post(
        reverse("members:funding_year_new", kwargs={"association": "finnveden"}), {"year": 2016}
    )
    assert response.status_code == 302
    created = FundingYear.objects.get(association=association, year=2016)
    assert (created.distribution_key, created.rounding_step) == ("population", 100)
    again = staff_client.post(
        reverse("members:funding_year_new", kwargs={"association": "finnveden"}),
        {"year": 2016},
        follow=True,
    )
    assert "Det finns redan ett finansieringsår 2016." in text_of(again)


def test_unknown_year_is_a_404(staff_client):
    assert staff_client.get(url("members:funding_year", year=1999)).status_code == 404


def test_the_state_half_can_be_shown_as_two_lines_of_25_percent(staff_client, finnveden_2014):
    page = text_of(staff_client.get(url("members:funding_year") + "?staten=two_lines"))
    assert f"Försäkringskassan 748{NBSP}000 748{NBSP}000" in page
    assert f"Arbetsförmedlingen 748{NBSP}000 748{NBSP}000" in page
    assert "Staten genom Försäkringskassan" not in page.split("avrundade till")[1]
    assert f"Summa nya medel 2014 2{NBSP}992{NBSP}000" in page


def test_the_edit_form_shows_amounts_as_people_write_them(staff_client, finnveden_2014):
    form = staff_client.get(url("members:funding_year_edit")).content.decode()
    assert f'value="1{NBSP}496{NBSP}000"' in form


def test_a_change_in_the_back_office_refuses_a_funding_form_opened_before(
    staff_client, finnveden_2014
):
    opened = form_data(finnveden_2014)
    finnveden_2014.note = "Rättat i administrationen"
    admin.site._registry[FundingYear].save_model(None, finnveden_2014, None, change=True)
    response = staff_client.post(url("members:funding_year_edit"), opened, follow=True)
    assert "Finansieringsåret har ändrats av någon annan" in response.content.decode()
    finnveden_2014.refresh_from_db()
    assert finnveden_2014.note == "Rättat i administrationen" and finnveden_2014.version == 2


def test_each_members_amount_and_share_is_named_in_the_edit_table(staff_client, finnveden_2014):
    """The members' table shows no label beside its fields: each is named by its label."""
    form = staff_client.get(url("members:funding_year_edit")).content.decode()
    assert 'aria-label="Överenskommet belopp, Gislaveds kommun"' in form
    assert 'aria-label="Fast andel (%), Gislaveds kommun"' in form
    named = re.findall(r'<input[^>]*name="(?:agreed|percent)_\d+"[^>]*>', form)
    assert named and all("aria-label=" in field for field in named), named
