"""The back office lists and opens every initiatives model without error."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from initiatives.models import (
    Decision,
    ExitReason,
    FollowUp,
    Goal,
    Initiative,
    PriorityTargetGroup,
    ReferralYear,
)

MODELS = [Initiative, Decision, Goal, FollowUp, ReferralYear, ExitReason, PriorityTargetGroup]


@pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
def test_admin_pages_open(client, db, model):
    client.force_login(get_user_model().objects.create_superuser("root", password="pw-test-123"))
    meta = model._meta
    changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    assert client.get(changelist).status_code == 200
    obj = model.objects.first()  # the demo data holds at least one of each
    assert obj is not None
    change = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    assert client.get(change).status_code == 200
