"""Shared organisations, dated names and memberships: the rules, through the services and
through the database's constraints."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from finsam.errors import StaleEditError
from finsam.models import Association
from members import orgs_services as services
from members.funding import funding_breakdown
from members.models import FundingYear, Member, MemberName, Membership, PopulationFigure
from reports.builders import build_report
from reports.rendering import print_html
from tests.reports.helpers import html_text
from tests.reports.plan_texts import plan

pytestmark = pytest.mark.django_db

OLD, NEW = "Landstinget i Jönköpings län", "Region Jönköpings län"


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("root", password="pw-test-123")


@pytest.fixture
def region() -> Member:
    return Member.objects.get(name=OLD)


def rename(region: Member, superuser) -> Member:
    return services.member_rename(
        member=region,
        name=NEW,
        valid_from=date(2019, 1, 1),
        expected_version=region.version,
        user=superuser,
    )


# Organisation numbers: one organisation, and one association, per number.


def test_two_associations_cannot_share_an_organisation_number():
    copy = Association(name="Kopia", slug="kopia", org_number="2220002873")
    with pytest.raises(ValidationError) as error:
        copy.full_clean()
    assert error.value.message_dict == {
        "org_number": ["Ett annat samordningsförbund har redan det organisationsnumret."]
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Association.objects.create(name="Kopia", slug="kopia", org_number="222000-2873")


def test_associations_without_a_number_are_many():
    Association.objects.create(name="Ny A", slug="ny-a")
    Association.objects.create(name="Ny B", slug="ny-b")


def test_an_organisation_number_is_added_once(region):
    services.organisation_create(name="Region X", kind="region", org_number="2321000057")
    with pytest.raises(ValidationError) as error:
        services.organisation_create(name="Region Y", kind="region", org_number="232100-0057")
    assert "org_number" in error.value.message_dict
    assert "finns redan en organisation" in error.value.message_dict["org_number"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Member.objects.create(name="Region Z", kind="region", org_number="232100-0057")


# Dated names.


def test_a_new_name_from_a_date_keeps_the_old_one_for_older_days(region, superuser):
    renamed = rename(region, superuser)
    assert renamed.name == NEW
    assert renamed.name_on(date(2018, 12, 31)) == OLD
    assert renamed.name_on(date(2019, 1, 1)) == NEW
    assert renamed.name_on(date(2011, 4, 12)) == OLD


def test_finnvedens_2014_plan_keeps_the_old_name_a_2019_year_prints_the_new(region, superuser):
    rename(region, superuser)
    text = html_text(print_html(build_report(plan("finnveden", 2014))))
    assert f"Medlemmar är Försäkringskassan, {OLD}, Arbetsförmedlingen" in text
    assert NEW not in text
    finnveden = Association.objects.get(slug="finnveden")
    later = FundingYear.objects.create(association=finnveden, year=2019)
    labels = [line.label for line in funding_breakdown(later).region_lines]
    assert labels == [NEW]
    year_2014 = FundingYear.objects.get(association=finnveden, year=2014)
    assert [line.label for line in funding_breakdown(year_2014).region_lines] == [OLD]


def test_only_a_superuser_renames(region, make_user):
    staff = make_user("staff", Association.objects.get(slug="finnveden"), "admin")
    with pytest.raises(PermissionDenied):
        services.member_rename(
            member=region, name=NEW, valid_from=date(2019, 1, 1), expected_version=1, user=staff
        )
    assert Member.objects.get(pk=region.pk).name == OLD


def test_a_stale_or_backdated_rename_is_refused(region, superuser):
    rename(region, superuser)
    with pytest.raises(StaleEditError):
        services.member_rename(
            member=region, name="X", valid_from=date(2020, 1, 1), expected_version=1, user=superuser
        )
    current = Member.objects.get(pk=region.pk)
    with pytest.raises(ValidationError) as error:
        services.member_rename(
            member=current,
            name="X",
            valid_from=date(2019, 1, 1),
            expected_version=current.version,
            user=superuser,
        )
    assert "valid_from" in error.value.message_dict


# Memberships.


def test_a_second_open_membership_is_refused(region):
    finnveden = Association.objects.get(slug="finnveden")
    with pytest.raises(ValidationError) as error:
        services.membership_start(association=finnveden, member=region, valid_from=None)
    assert error.value.messages == ["Medlemmen har redan ett pågående medlemskap i förbundet."]


def test_an_overlapping_closed_period_is_refused_a_later_one_is_not():
    vm = Association.objects.get(slug="vastra-malardalen")
    member = services.organisation_create(
        name="Surahammars kommun", kind="municipality", org_number=""
    )
    first = services.membership_start(association=vm, member=member, valid_from=date(2014, 1, 1))
    services.membership_end(membership=first, valid_to=date(2015, 12, 31), expected_version=1)
    with pytest.raises(ValidationError) as error:
        services.membership_start(association=vm, member=member, valid_from=date(2015, 6, 1))
    assert error.value.message_dict["valid_from"] == [
        "Medlemmen är redan medlem i förbundet under den perioden."
    ]
    services.membership_start(association=vm, member=member, valid_from=date(2016, 1, 1))


def test_a_membership_cannot_end_before_it_starts():
    vm = Association.objects.get(slug="vastra-malardalen")
    member = services.organisation_create(
        name="Hallstahammars kommun", kind="municipality", org_number=""
    )
    joined = services.membership_start(association=vm, member=member, valid_from=date(2014, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.membership_end(membership=joined, valid_to=date(2013, 12, 31), expected_version=1)
    assert error.value.message_dict == {
        "valid_to": ["Medlemskapet kan inte upphöra före det börjar."]
    }
    with pytest.raises(StaleEditError):
        services.membership_end(membership=joined, valid_to=date(2015, 1, 1), expected_version=0)


def test_an_organisation_already_there_is_picked_not_added_again():
    finnveden = Association.objects.get(slug="finnveden")
    with pytest.raises(ValidationError) as error:
        services.organisation_join(
            association=finnveden, name=OLD, kind="region", org_number="", valid_from=None
        )
    assert "name" in error.value.message_dict
    assert Member.objects.filter(name=OLD).count() == 1


# Population figures.


def test_population_of_another_associations_municipality_is_refused():
    finnveden = Association.objects.get(slug="finnveden")
    koping = Member.objects.get(name="Köpings kommun")
    figure = PopulationFigure(association=finnveden, member=koping, date=date(2015, 11, 1))
    figure.population = 1000
    with pytest.raises(ValidationError) as error:
        services.population_figure_save(figure=figure, expected_version=None)
    assert error.value.message_dict["member"] == ["Kommunen är inte medlem i förbundet."]


def test_population_figure_change_is_version_checked():
    figure = PopulationFigure.objects.filter(association__slug="finnveden").first()
    assert figure is not None
    figure.population += 1
    services.population_figure_save(figure=figure, expected_version=figure.version)
    stale = PopulationFigure.objects.get(pk=figure.pk)
    stale.population += 1
    with pytest.raises(StaleEditError):
        services.population_figure_save(figure=stale, expected_version=1)
    with pytest.raises(StaleEditError):
        services.population_figure_delete(figure=stale, expected_version=1)
    services.population_figure_delete(figure=stale, expected_version=2)
    assert not PopulationFigure.objects.filter(pk=figure.pk).exists()
    assert Membership.objects.filter(association__slug="finnveden").count() == 6


def test_one_name_per_date_and_one_first_name_held_by_the_database(region):
    region.former_names.create(name=OLD, valid_from=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        region.former_names.create(name="Annat", valid_from=None)
    region.former_names.create(name="Mellan", valid_from=date(2015, 1, 1))
    with pytest.raises(ValidationError):
        MemberName(member=region, name="Annat", valid_from=date(2015, 1, 1)).full_clean()
