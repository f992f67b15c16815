"""What an initiative's history page shows: the initiative and everything that belongs to it.

Children are found through their own history (the goal ids an initiative ever had, the
follow-up periods it ever had), so what was deleted since still shows.
"""

from django.db.models import Q

from finsam.audit.log import Source
from initiatives.models import (
    Decision,
    ExitCount,
    FollowUp,
    Goal,
    HeadCount,
    Initiative,
    Outcome,
    ReferralCount,
    ReferralYear,
    StandingCount,
    StatusChange,
)


def initiative_sources(initiative: Initiative) -> list[Source]:
    own = Q(initiative_id=initiative.pk)
    goals = Goal.history.filter(own).values("id")
    follow_ups = FollowUp.history.filter(own).values("id")
    referral_years = ReferralYear.history.filter(own).values("id")
    return [
        Source(Initiative.history.model, Q(id=initiative.pk)),
        *(Source(m.history.model, own) for m in (StatusChange, Decision, Goal, FollowUp)),
        Source(ReferralYear.history.model, own),
        Source(Outcome.history.model, Q(goal_id__in=goals)),
        *(
            Source(m.history.model, Q(follow_up_id__in=follow_ups))
            for m in (HeadCount, ExitCount, StandingCount)
        ),
        Source(ReferralCount.history.model, Q(referral_year_id__in=referral_years)),
    ]
