"""The report pages: reading, creating, editing sections and options, adopting."""

from datetime import date

import pytest
from django.urls import reverse

from budgets.models import BudgetColumn, BudgetDocument
from finsam.permissions import Role
from finsam.versions import stale_message
from reports.models import Report, ReportSection
from reports.selectors import latest_adoption


@pytest.fixture
def plan(association) -> Report:
    return Report.objects.get(association=association, kind="verksamhetsplan", year=2014)


def _url(name, report, *args):
    return reverse(f"reports:{name}", args=[report.association.slug, report.pk, *args])


def test_a_board_member_reads_the_plan_with_its_figures(client, make_user, plan):
    client.force_login(make_user("b", plan.association, Role.BOARD))
    page = client.get(_url("detail", plan)).content.decode()
    assert "Verksamhetsplan 2014" in page and "Totalt tillgängliga medel" in page
    assert "4\xa0712\xa0000" in page
    assert "Ladda ned fastställd PDF" in page
    assert "Fastställ" not in page.replace("Fastställd", "")  # no edit buttons for the board


def test_staff_create_an_interim_report_and_see_the_period_warning(staff_client, association):
    url = reverse("reports:create", args=[association.slug])
    data = {"kind": "delarsrapport", "year": 2015, "period_end": "2015-04-30", "title": "Delår"}
    response = staff_client.post(url, data)
    report = Report.objects.get(association=association, kind="delarsrapport", year=2015)
    assert response.status_code == 302
    assert list(report.sections.values_list("heading", flat=True))[:2] == [
        "Uppdrag",
        "Organisation",
    ]
    page = staff_client.get(_url("detail", report)).content.decode()
    assert "Perioden täcker 4 månader: mindre än halva året." in page


def test_an_interim_report_needs_its_period_in_its_year(staff_client, association):
    url = reverse("reports:create", args=[association.slug])
    data = {"kind": "delarsrapport", "year": 2015, "period_end": "2016-08-31", "title": "Delår"}
    page = staff_client.post(url, data).content.decode()
    assert "Periodens sista dag ska ligga i rapportens år." in page
    assert not Report.objects.filter(association=association, year=2015).exists()


def test_a_stale_section_edit_is_refused_and_changes_nothing(staff_client, plan):
    section = plan.sections.order_by("position").first()
    data = {"heading": "Ny rubrik", "level": 1, "numbered": "on", "text": "x", "block": ""}
    response = staff_client.post(
        _url("section_edit", plan, section.pk), {**data, "version": plan.version - 1}
    )
    assert "Rapporten har ändrats av någon annan" in response.content.decode()
    section.refresh_from_db()
    assert section.heading == "Inledning"
    staff_client.post(_url("section_edit", plan, section.pk), {**data, "version": plan.version})
    section.refresh_from_db()
    assert section.heading == "Ny rubrik"


def test_staff_text_is_shown_as_text_not_markup(staff_client, plan):
    section = plan.sections.order_by("position").first()
    data = {"heading": "Inledning", "level": 1, "numbered": "on", "block": ""}
    text = "Vi *prioriterar* unga.\n\n- ett\n- två\n\n<script>alert(1)</script>"
    staff_client.post(
        _url("section_edit", plan, section.pk), {**data, "text": text, "version": plan.version}
    )
    page = staff_client.get(_url("detail", plan)).content.decode()
    assert "<em>prioriterar</em>" in page and "<li>två</li>" in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_sections_move_and_are_deleted(staff_client, plan):
    first, second = plan.sections.order_by("position")[:2]
    staff_client.post(
        _url("section_change", plan, second.pk), {"action": "up", "version": plan.version}
    )
    assert list(plan.sections.order_by("position"))[:2] == [second, first]
    plan.refresh_from_db()
    staff_client.post(
        _url("section_change", plan, first.pk), {"action": "delete", "version": plan.version}
    )
    assert not ReportSection.objects.filter(pk=first.pk).exists()


def test_a_section_move_is_written_to_the_history_and_a_stale_one_refused(staff_client, plan):
    first, second, third = plan.sections.order_by("position")[:3]
    read = plan.version
    staff_client.post(_url("section_change", plan, second.pk), {"action": "up", "version": read})
    moved = ReportSection.history.filter(history_type="~").order_by("history_id")
    # The two that swapped places, each once, with the user; the third did not move.
    assert [(h.id, h.position) for h in moved] == [(second.pk, 1), (first.pk, 2)]
    assert {h.history_user_id for h in moved} == {int(staff_client.session["_auth_user_id"])}
    # A second move posted from the same page (the version it read) is refused.
    response = staff_client.post(
        _url("section_change", plan, third.pk), {"action": "up", "version": read}, follow=True
    )
    assert stale_message("Rapporten") in response.content.decode()
    assert list(plan.sections.order_by("position"))[:3] == [second, first, third]


def test_a_section_change_without_the_current_version_changes_nothing(staff_client, plan):
    first = plan.sections.order_by("position").first()
    staff_client.post(_url("section_change", plan, first.pk), {"action": "delete"})
    assert ReportSection.objects.filter(pk=first.pk).exists()


def test_options_refuse_columns_of_another_budget(staff_client, plan, association):
    other = BudgetDocument.objects.create(association=association, year=2016, title="Budget 2016")
    column = BudgetColumn.objects.create(document=other, kind="budget", year=2016, label="2016")
    data = {"title": plan.title, "unit": "kr", "state_presentation": "one_line"}
    staff_client.post(
        _url("edit", plan),
        {**data, "budget": plan.budget_id, "columns": [column.pk], "version": plan.version},
    )
    assert not plan.columns.filter(pk=column.pk).exists()


# What the options form posts for the budget layout when nothing is changed there.
LAYOUT = {"budget_revenue_total": "row", "budget_cost_total": "on", "budget_result": "on"}


def test_options_switch_to_thousands(staff_client, plan):
    data = {"title": plan.title, "unit": "tkr", "state_presentation": "one_line", **LAYOUT}
    staff_client.post(
        _url("edit", plan), {**data, "budget": plan.budget_id, "version": plan.version}
    )
    page = staff_client.get(_url("detail", plan)).content.decode()
    assert "Belopp i tkr" in page and "4\xa0712" in page and "4\xa0712\xa0000" not in page


def test_staff_adopt_a_report(staff_client, plan):
    before = latest_adoption(plan)
    form = staff_client.get(_url("adopt", plan)).content.decode()
    assert 'name="adopted_on"' in form and 'name="adopted_on" value' not in form
    posted = {"adopted_on": "2013-12-02", "version": plan.version}
    confirm = staff_client.post(_url("adopt", plan), posted).content.decode()
    assert "Bekräfta fastställelsen" in confirm and "sparas låst med sin kontrollsumma" in confirm
    assert latest_adoption(plan) == before  # only the confirmation adopts
    response = staff_client.post(_url("adopt", plan), {**posted, "confirmed": "True"})
    assert response.status_code == 302
    adoption = latest_adoption(plan)
    assert adoption.adopted_on == date(2013, 12, 2)
    assert adoption.adopted_by.username == "staff-user"


def test_options_change_the_budget_layout(staff_client, plan):
    data = {"title": plan.title, "unit": "kr", "state_presentation": "one_line"}
    layout = {"budget_revenue_total": "after", "budget_cost_heading": "Kostnader"}
    staff_client.post(
        _url("edit", plan), {**data, **layout, "budget": plan.budget_id, "version": plan.version}
    )
    plan.refresh_from_db()
    assert (plan.budget_revenue_total, plan.budget_result) == ("after", False)
    page = staff_client.get(_url("detail", plan)).content.decode()
    assert "Totalt tillgängliga medel för 2014" in page and "Preliminärt överskott" not in page


def test_adopting_a_report_changed_since_it_was_read_is_refused(staff_client, plan):
    before = latest_adoption(plan)
    page = staff_client.post(
        _url("adopt", plan),
        {"adopted_on": "2013-12-02", "version": plan.version - 1, "confirmed": "True"},
    ).content.decode()
    assert "Rapporten har ändrats av någon annan" in page
    assert latest_adoption(plan) == before


def test_adoption_needs_a_date(staff_client, plan):
    before = latest_adoption(plan)
    posted = {"adopted_on": "", "version": plan.version, "confirmed": "True"}
    page = staff_client.post(_url("adopt", plan), posted).content.decode()
    assert "Ange datumet då styrelsen fastställde rapporten." in page
    assert latest_adoption(plan) == before


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_an_interim_report_is_not_adopted_before_its_period_ends(staff_client, association):
    interim = Report.objects.get(association=association, kind="delarsrapport")
    for confirmed in ("", "True"):
        posted = {"adopted_on": "2014-08-30", "version": interim.version, "confirmed": confirmed}
        page = staff_client.post(_url("adopt", interim), posted).content.decode()
        assert "Beslutsdatumet 2014-08-30 ligger före periodens sista dag 2014-08-31" in page
    assert latest_adoption(interim) is None
    posted = {"adopted_on": "2014-09-15", "version": interim.version, "confirmed": "True"}
    assert staff_client.post(_url("adopt", interim), posted).status_code == 302
    assert latest_adoption(interim).adopted_on == date(2014, 9, 15)


@pytest.mark.parametrize("association", ["vaxjo"], indirect=True)
def test_an_annual_report_is_not_adopted_inside_its_year(staff_client, association):
    annual = Report.objects.get(association=association, kind="arsredovisning", year=2013)
    version = annual.version
    for day in ("2013-06-30", "2013-12-31", "2012-05-01"):
        posted = {"adopted_on": day, "version": annual.version, "confirmed": "True"}
        page = staff_client.post(_url("adopt", annual), posted).content.decode()
        assert (
            f"Beslutsdatumet {day} ligger inom eller före räkenskapsåret 2013: en "
            "årsredovisning kan inte fastställas innan året är slut."
        ) in page
    annual.refresh_from_db()
    assert (latest_adoption(annual), annual.adopted_on, annual.version) == (None, None, version)
    posted = {"adopted_on": "2014-01-01", "version": annual.version, "confirmed": "True"}
    assert staff_client.post(_url("adopt", annual), posted).status_code == 302
    assert latest_adoption(annual).adopted_on == date(2014, 1, 1)


def test_the_report_page_shows_the_adoption_checksum(staff_client, plan):
    page = staff_client.get(_url("detail", plan)).content.decode()
    assert latest_adoption(plan).sha256 in page


@pytest.mark.parametrize("block", ["goal_outcomes", "referrals", "standings", "exits"])
def test_a_new_section_with_a_block_for_one_initiative_is_added_at_once(staff_client, plan, block):
    """Adding the section with its initiative chosen used to answer 500 (the form checked the
    initiative against a report the new section did not have yet)."""
    initiative = plan.association.initiatives.order_by("pk").first()
    data = {"heading": "Resultat", "level": 2, "numbered": "on", "block": block}
    response = staff_client.post(
        _url("section_new", plan), {**data, "initiative": initiative.pk, "version": plan.version}
    )
    assert response.status_code == 302
    added = plan.sections.order_by("-position").first()
    assert (added.heading, added.block, added.initiative) == ("Resultat", block, initiative)


def test_a_block_for_one_initiative_asks_which_initiative(staff_client, plan):
    before = plan.sections.count()
    data = {"heading": "Resultat", "level": 2, "block": "exits", "version": plan.version}
    page = staff_client.post(_url("section_new", plan), data).content.decode()
    assert "Välj vilken insats uppgifterna gäller." in page
    assert plan.sections.count() == before
