"""Initiatives, their decisions, goals with outcomes, and aggregate participant figures."""

from initiatives.goal_status import Comparison, GoalStatus, Metric
from initiatives.models.decision import Decision, DecisionKind
from initiatives.models.goal import Goal, GoalKind, GoalLevel, Outcome, PriorityTargetGroup
from initiatives.models.initiative import (
    NEXT_STATUSES,
    Initiative,
    InitiativeKind,
    InitiativeStatus,
    StatusChange,
)
from initiatives.models.participants import (
    ExitCategory,
    ExitCount,
    ExitReason,
    FollowUp,
    HeadCount,
    HeadCountKind,
    ReferralCount,
    ReferralYear,
    Standing,
    StandingCount,
)

__all__ = [
    "NEXT_STATUSES",
    "Comparison",
    "Decision",
    "DecisionKind",
    "ExitCategory",
    "ExitCount",
    "ExitReason",
    "FollowUp",
    "Goal",
    "GoalKind",
    "GoalLevel",
    "GoalStatus",
    "HeadCount",
    "HeadCountKind",
    "Initiative",
    "InitiativeKind",
    "InitiativeStatus",
    "Metric",
    "Outcome",
    "PriorityTargetGroup",
    "ReferralCount",
    "ReferralYear",
    "Standing",
    "StandingCount",
    "StatusChange",
]
