"""The starting-out checklist on the overview: shown while a step is left, gone when set up."""

import pytest
from django.urls import reverse

from finsam.models import Association
from finsam.permissions import Role
from members.checklist import open_checklist, setup_checklist
from members.models import FundingYear

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "slug", ["finnveden", "vaxjo", "vastra-malardalen", "ale-kungalv-stenungsund-tjorn"]
)
def test_the_demo_associations_run_and_show_no_checklist(slug, client, make_user):
    association = Association.objects.get(slug=slug)
    # Each has adopted something or written an interim report; some lack a step in the demo.
    assert setup_checklist(association, 2026).running
    assert open_checklist(association, 2026) is None
    client.force_login(make_user("staff-user", association, Role.STAFF))
    page = client.get(reverse("members:overview", args=[slug])).content.decode()
    assert "kom-igang" not in page


def test_a_new_association_sees_every_step_not_done(client, make_user, django_assert_num_queries):
    fresh = Association.objects.create(name="Nytt förbund", slug="nytt")
    with django_assert_num_queries(1):
        steps = setup_checklist(fresh, 2026).steps
    assert [step.done for step in steps] == [False] * 6
    assert steps[1].url == reverse("members:memberships", args=["nytt"])
    client.force_login(make_user("admin-user", fresh, Role.ADMIN))
    page = client.get(reverse("members:overview", args=["nytt"])).content.decode()
    assert 'id="kom-igang"' in page and page.count('data-done="nej"') == 6


def test_this_years_funding_is_a_funding_year_for_the_year_or_later():
    fresh = Association.objects.create(name="Nytt förbund", slug="nytt", org_number="")
    FundingYear.objects.create(association=fresh, year=2025)
    assert not setup_checklist(fresh, 2026).steps[2].done
    FundingYear.objects.create(association=fresh, year=2026)
    assert setup_checklist(fresh, 2026).steps[2].done
