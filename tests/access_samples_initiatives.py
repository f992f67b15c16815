"""Access-sweep samples for the initiatives app: one object of the given association each.

Finnveden has no follow-up periods in its seed, so the follow-up samples create one (inside
the sweep test's transaction) on the association's first initiative.
"""

from datetime import date

from finsam.models import Association
from initiatives.models import FollowUp, Goal, Initiative


def _initiative(association: Association) -> dict:
    return {"pk": Initiative.objects.filter(association=association).order_by("pk").first().pk}


def _goal(association: Association) -> dict:
    return {"goal": Goal.objects.filter(association=association).order_by("pk").first().pk}


def _follow_up(association: Association) -> dict:
    initiative = Initiative.objects.filter(association=association).order_by("pk").first()
    follow_up, _ = FollowUp.objects.get_or_create(
        initiative=initiative, start=date(2016, 1, 1), end=date(2016, 6, 30)
    )
    return {"pk": follow_up.pk}


SAMPLES = {
    "initiatives:detail": _initiative,
    "initiatives:edit": _initiative,
    "initiatives:history": _initiative,
    "initiatives:status": _initiative,
    "initiatives:decision_add": _initiative,
    "initiatives:goal_add": _initiative,
    "initiatives:follow_up_add": _initiative,
    "initiatives:referrals": _initiative,
    "initiatives:outcome_add": _goal,
    "initiatives:goal_edit": _goal,
    "initiatives:head_count": _follow_up,
    "initiatives:exits": _follow_up,
    "initiatives:standings": _follow_up,
}
