"""The project as a whole: production settings, language, demo data."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from finsam.demo import load_demo
from finsam.models import Association, UserRole
from members.models import BoardSeat, Member

ROOT = Path(__file__).resolve().parent.parent


def test_production_mode_passes_check_deploy():
    env = os.environ | {
        "DJANGO_ENV": "production",
        "SECRET_KEY": "a-long-random-production-secret-" + "x9Kq2" * 10,
        "ALLOWED_HOSTS": "finsam.example.se",
    }
    for variable in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # the latter: set by browser tests
        env.pop(variable, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_mode_without_secret_key_refuses_to_start():
    env = os.environ | {"DJANGO_ENV": "production", "ALLOWED_HOSTS": "x"}
    env.pop("SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "SECRET_KEY måste anges" in result.stderr


def test_swedish_by_default():
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE) == ("sv", "Europe/Stockholm")


@pytest.mark.django_db
def test_loading_the_demo_again_refreshes_it_without_duplicates():
    counts = (Association.objects.count(), Member.objects.count(), BoardSeat.objects.count())
    Association.objects.get(slug="vaxjo").board_seats.filter(
        person__name="Hossein Pishdar"
    ).delete()
    load_demo(report=lambda _line: None, slugs=["vaxjo"])
    assert (
        Association.objects.count(),
        Member.objects.count(),
        BoardSeat.objects.count(),
    ) == counts
    assert UserRole.objects.filter(user__username="kansli").count() == 4


@pytest.mark.django_db
def test_region_jonkoping_style_sharing_one_member_organisation_across_associations():
    forsakringskassan = Member.objects.get(name="Försäkringskassan")
    assert forsakringskassan.memberships.count() == 4
