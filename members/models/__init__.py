"""The associations' member organisations, funding and organisation."""

from members.models.association import Member, MemberKind, Membership
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
    "Membership",
    "OfficePost",
    "Person",
    "PopulationFigure",
    "RoundingStep",
    "SeatKind",
    "StatePresentation",
]
