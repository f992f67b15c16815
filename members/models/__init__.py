"""Associations (the tenants), their member organisations, funding and organisation."""

from members.models.association import (
    Association,
    Member,
    MemberKind,
    MemberName,
    Membership,
    UserRole,
)
from members.models.funding import (
    AgreedContribution,
    DistributionKey,
    FixedKeyShare,
    FundingYear,
    PopulationFigure,
    RoundingStep,
    StatePresentation,
)
from members.models.imports import ImportBatch, ImportKind, ImportStatus
from members.models.invitation import Invitation
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
    "Association",
    "Auditor",
    "BoardPosition",
    "BoardSeat",
    "DistributionKey",
    "FixedKeyShare",
    "FundingYear",
    "Group",
    "ImportBatch",
    "ImportKind",
    "ImportStatus",
    "Invitation",
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
    "UserRole",
]
