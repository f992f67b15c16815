"""Discharge (ansvarsfrihet) per member for the last closed year: recorded, versioned, in
history, shown on the overview, never for another association's member."""

from datetime import date

import pytest
from django.urls import reverse

from finsam.errors import StaleEditError
from finsam.models import Association, YearClosing
from finsam.permissions import Role
from members.discharge import discharge_overview, discharge_save
from members.models import Discharge, Member
from members.selectors import members_during_year

pytestmark = pytest.mark.django_db
FIELDS = {
    "decision": "granted",
    "body": "Kommunfullmäktige i Värnamo",
    "decided_on": date(2014, 4, 28),
    "note": "",
}


@pytest.fixture
def closed(association, make_user):
    user = make_user("kansli-fv", association, Role.STAFF)
    YearClosing.objects.create(
        association=association, year=2013, closed_on=date(2014, 2, 20), closed_by=user
    )
    return user


def test_the_overview_counts_decisions_of_the_last_closed_year(association, closed, client):
    members = members_during_year(association, 2013)
    assert len(members) == 6
    for member in members[:3]:
        discharge_save(
            association=association,
            year=2013,
            member=member,
            expected_version=0,
            fields=FIELDS,
            user=closed,
        )
    summary = discharge_overview(association)
    assert summary is not None and (summary.year, summary.decided, len(summary.rows)) == (
        2013,
        3,
        6,
    )
    client.force_login(closed)
    page = client.get(reverse("members:overview", args=[association.slug])).content.decode()
    assert "Ansvarsfrihet för 2013: 3 av 6 medlemmar har beslutat" in page
    listing = client.get(reverse("members:discharges", args=[association.slug])).content.decode()
    assert listing.count("Kommunfullmäktige i Värnamo") == 3
    assert listing.count("Inget beslut registrerat") == 3


def test_no_closed_year_no_line_on_the_overview(association):
    assert discharge_overview(association) is None


def test_the_form_records_and_a_stale_form_is_refused(association, closed, client):
    member = members_during_year(association, 2013)[0]
    client.force_login(closed)
    url = reverse("members:discharge_edit", args=[association.slug, 2013, member.pk])
    data = {
        "decision": "refused",
        "body": "Regionfullmäktige",
        "decided_on": "2014-05-02",
        "note": "",
        "version": "0",
    }
    client.post(url, data)
    saved = Discharge.objects.get(association=association, member=member, year=2013)
    assert (saved.decision, saved.body, saved.version) == ("refused", "Regionfullmäktige", 1)
    assert saved.history.get().history_user == closed
    stale = client.post(url, {**data, "body": "Annat organ"}, follow=True).content.decode()
    assert "har ändrats av någon annan" in stale
    assert Discharge.objects.get(pk=saved.pk).body == "Regionfullmäktige"
    with pytest.raises(StaleEditError):
        discharge_save(
            association=association,
            year=2013,
            member=member,
            expected_version=0,
            fields=FIELDS,
            user=closed,
        )


def test_another_associations_member_is_refused(association, closed, client):
    vaxjo = Association.objects.get(slug="vaxjo")
    outsider = (
        Member.objects.filter(memberships__association=vaxjo)
        .exclude(memberships__association=association)
        .first()
    )
    assert outsider is not None
    client.force_login(closed)
    url = reverse("members:discharge_edit", args=[association.slug, 2013, outsider.pk])
    assert client.get(url).status_code == 404
    data = {**FIELDS, "decided_on": "2014-04-28", "version": "0"}
    assert client.post(url, data).status_code == 404
    with pytest.raises(Exception, match="inte medlem"):
        discharge_save(
            association=association,
            year=2013,
            member=outsider,
            expected_version=0,
            fields=FIELDS,
            user=closed,
        )
    assert not Discharge.objects.exists()


def test_board_members_read_but_cannot_record(association, closed, client, make_user):
    client.force_login(make_user("board-fv", association, Role.BOARD))
    member = members_during_year(association, 2013)[0]
    url = reverse("members:discharge_edit", args=[association.slug, 2013, member.pk])
    assert client.get(reverse("members:discharges", args=[association.slug])).status_code == 200
    assert client.post(url, {**FIELDS, "version": "0"}).status_code == 403
