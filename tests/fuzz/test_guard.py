"""The fuzz suite's own guard sees what it must: a write, and a write undone."""

import pytest
from django.db import transaction

from members.models import Member
from tests.fuzz.guard import watched

pytestmark = pytest.mark.django_db


def test_a_write_is_seen_and_rolled_back_afterwards():
    name = Member.objects.get(pk=1).name
    _result, changed = watched(lambda: Member.objects.filter(pk=1).update(name="Ändrad"))
    assert changed
    assert Member.objects.get(pk=1).name == name


def test_a_write_undone_inside_the_action_is_no_change():
    def undone():
        with transaction.atomic():
            Member.objects.filter(pk=1).update(name="Ändrad")
            transaction.set_rollback(True)

    assert watched(undone) == (None, False)


def test_a_many_to_many_row_counts_as_a_change():
    from initiatives.models import Initiative

    initiative = Initiative.objects.filter(members__isnull=False).first()
    _result, changed = watched(lambda: initiative.members.clear())
    assert changed
