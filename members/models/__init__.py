"""The associations' member organisations, funding and organisation."""

from members.models.association import (
    Member,
    MemberKind,
    MemberName,
    Membership,
)
from members.models.discharge import Discharge, DischargeDecision
from members.models.funding import (
    AgreedContribution,
    DistributionKey,
    FixedKeyShare,
    FundingYear,
    PopulationFigure,
    RoundingStep,
    StatePresentation,
)
from members.models.organisation import (
    Auditor,
    BoardPosition,
    BoardSeat,
    Group,
    GroupKind,
    GroupMembership,
    Meeting,
    MeetingKind,
    OfficePost,
    Person,
    SeatKind,
)

__all__ = [
    "Discharge",
    "DischargeDecision",
    "AgreedContribution",
    "Auditor",
    "BoardPosition",
    "BoardSeat",
    "DistributionKey",
    "FixedKeyShare",
    "FundingYear",
    "Group",
    "GroupKind",
    "GroupMembership",
    "Meeting",
    "MeetingKind",
    "Member",
    "MemberKind",
    "MemberName",
    "Membership",
    "OfficePost",
    "Person",
    "PopulationFigure",
    "RoundingStep",
    "SeatKind",
    "StatePresentation",
]
