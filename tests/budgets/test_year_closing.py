"""Closing a year (bokslut): imports refused, the next budget's opening from it, reopening
with a reason, stale and cross-association attempts refused. Växjö's books hold 2013 and
2014; their closing equity of 2013 is 980 700 kr."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from budgets.services import document_create
from budgets.services.closing import year_close, year_reopen
from budgets.services.successor import document_create_from
from finsam.errors import StaleEditError
from finsam.imports.batches import import_upload
from finsam.models import Association, YearClosing
from finsam.permissions import Role

pytestmark = pytest.mark.django_db
VAXJO_SIE = settings.BASE_DIR / "fixtures" / "vaxjo" / "bokforing-2014-08.se"


@pytest.fixture
def vaxjo():
    return Association.objects.get(slug="vaxjo")


@pytest.fixture
def closer(make_user, vaxjo):
    return make_user("kansli-vaxjo", vaxjo, Role.STAFF)


def test_closing_keeps_the_books_closing_equity(vaxjo, closer):
    closing = year_close(association=vaxjo, year=2013, user=closer, expected_version=0)
    assert round(closing.closing_equity) == 980_700 and closing.is_closed
    assert closing.history.get().history_user == closer


def test_a_year_without_its_end_in_the_books_cannot_be_closed(vaxjo, closer):
    with pytest.raises(ValidationError, match="saknar årets slut"):
        year_close(association=vaxjo, year=2014, user=closer, expected_version=0)
    assert not YearClosing.objects.exists()


def test_a_closed_year_refuses_imports_that_touch_it(vaxjo, closer):
    year_close(association=vaxjo, year=2013, user=closer, expected_version=0)
    batch, plan = import_upload(
        association=vaxjo,
        kind="sie",
        filename="bok.se",
        content=VAXJO_SIE.read_bytes(),
        user=None,
        period_end=None,
    )
    assert [p.message for p in plan.problems] == [
        "Filen ändrar bokföringen för 2013, som är stängd (bokslut). Inget lästes in. "
        "En administratör kan öppna året igen med en motivering under Bokslut."
    ]
    assert not plan.changes


def test_reopening_needs_a_reason_and_lets_imports_in(vaxjo, closer, make_user):
    admin = make_user("admin-vaxjo", vaxjo, Role.ADMIN)
    closing = year_close(association=vaxjo, year=2013, user=closer, expected_version=0)
    with pytest.raises(ValidationError):
        year_reopen(association=vaxjo, year=2013, user=admin, reason=" ", expected_version=2)
    reopened = year_reopen(
        association=vaxjo,
        year=2013,
        user=admin,
        reason="Rättelse av periodisering",
        expected_version=closing.version,
    )
    assert not reopened.is_closed
    last = reopened.history.first()
    assert (last.history_user, last.history_change_reason) == (admin, "Rättelse av periodisering")
    _, plan = import_upload(
        association=vaxjo,
        kind="sie",
        filename="bok.se",
        content=VAXJO_SIE.read_bytes(),
        user=None,
        period_end=None,
    )
    assert not plan.problems


def test_a_stale_close_or_reopen_is_refused(vaxjo, closer, make_user):
    closing = year_close(association=vaxjo, year=2013, user=closer, expected_version=0)
    with pytest.raises(StaleEditError):
        year_reopen(association=vaxjo, year=2013, user=closer, reason="x", expected_version=99)
    year_reopen(
        association=vaxjo, year=2013, user=closer, reason="x", expected_version=closing.version
    )
    with pytest.raises(StaleEditError):  # a page opened before the reopening
        year_close(association=vaxjo, year=2013, user=closer, expected_version=closing.version)


def test_the_next_budget_opens_with_the_closed_years_equity(vaxjo, closer):
    year_close(association=vaxjo, year=2013, user=closer, expected_version=0)
    budget_2013 = document_create(association=vaxjo, year=2013, title="Budget 2013", user=None)
    _, opening = document_create_from(source=budget_2013, year=2014, user=None)
    assert (opening.amount, opening.source) == (
        980_700,
        "bokslutet för 2013 (utgående eget kapital)",
    )


def test_the_page_closes_for_staff_reopens_for_admin_only(client, vaxjo, closer, make_user):
    client.force_login(closer)
    url = reverse("accounts:close", args=[vaxjo.slug])
    refused = client.post(url, {"year": "2013", "version": "0"})
    assert "Bekräfta att årets bokföring ska låsas." in refused.content.decode()
    client.post(url, {"year": "2013", "version": "0", "confirm": "on"})
    closing = YearClosing.objects.get(association=vaxjo, year=2013)
    page = client.get(reverse("accounts:closings", args=[vaxjo.slug])).content.decode()
    assert "980\xa0700" in page and "Öppna 2013 igen" not in page
    reopen = reverse("accounts:reopen", args=[vaxjo.slug])
    data = {"year": "2013", "version": str(closing.version), "reason": "fel"}
    assert client.post(reopen, data).status_code == 403
    client.force_login(make_user("admin-vaxjo", vaxjo, Role.ADMIN))
    client.post(reopen, data)
    assert not YearClosing.objects.get(pk=closing.pk).is_closed


def test_another_associations_staff_cannot_close_this_year(client, vaxjo, make_user):
    finnveden = Association.objects.get(slug="finnveden")
    client.force_login(make_user("kansli-finnveden", finnveden, Role.STAFF))
    response = client.post(
        reverse("accounts:close", args=[vaxjo.slug]),
        {"year": "2013", "version": "0", "confirm": "on"},
    )
    assert response.status_code in (403, 404)
    assert not YearClosing.objects.exists()
    # Posting Växjö's year to Finnveden's own page closes Finnveden's year, never Växjö's.
    client.post(
        reverse("accounts:close", args=[finnveden.slug]),
        {"year": "2013", "version": "0", "confirm": "on"},
    )
    assert not YearClosing.objects.filter(association=vaxjo).exists()
