"""An association's data revision moves with every change of its data (bulk writes and the
shared models' changes included) and with nothing else: no other association's change, no
read."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgets.models import BudgetAmount
from finsam.audit.log import audited_models
from finsam.audit.recording import bulk_create_audited
from finsam.audit.revision import association_revision
from finsam.models import Association
from members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def finnveden() -> Association:
    return Association.objects.get(slug="finnveden")


@pytest.fixture
def vaxjo() -> Association:
    return Association.objects.get(slug="vaxjo")


def test_one_query_over_every_historical_table(finnveden):
    with CaptureQueriesContext(connection) as queries:
        first = association_revision(finnveden.pk)
    assert len(queries) == 1
    assert queries[0]["sql"].count("UNION ALL") == len(audited_models()) - 1
    assert association_revision(finnveden.pk) == first  # reading changes nothing


def test_a_bulk_write_moves_its_association_only(finnveden, vaxjo):
    before = association_revision(finnveden.pk), association_revision(vaxjo.pk)
    amount = BudgetAmount.objects.filter(line__document__association=finnveden).first()
    assert amount is not None
    amount.delete()  # (a row of history too)
    moved = association_revision(finnveden.pk)
    assert moved != before[0] and association_revision(vaxjo.pk) == before[1]
    amount.pk = None
    amount.amount += Decimal(1)
    bulk_create_audited(BudgetAmount, [amount], association_id=finnveden.pk)
    assert association_revision(finnveden.pk) not in (before[0], moved)
    assert association_revision(vaxjo.pk) == before[1]


def test_a_shared_organisation_moves_every_association(finnveden, vaxjo):
    before = association_revision(finnveden.pk), association_revision(vaxjo.pk)
    member = Member.objects.first()
    assert member is not None
    member.name += " (nytt)"
    member.save()
    after = association_revision(finnveden.pk), association_revision(vaxjo.pk)
    assert after[0] != before[0] and after[1] != before[1]
