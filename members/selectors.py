"""Reads of associations and their organisation, scoped and pre-joined."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from finsam.models import Association
from members.models import (
    Auditor,
    BoardPosition,
    BoardSeat,
    FundingYear,
    Group,
    Meeting,
    Member,
    Membership,
    OfficePost,
    SeatKind,
)


def _valid_on(day: date, start: str = "start", end: str = "end") -> Q:
    return _valid_during(day, day, start, end)


def _valid_during(first: date, last: date, start: str = "start", end: str = "end") -> Q:
    """Held on some day from `first` to `last`."""
    return Q(**{f"{start}__lte": last}) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": first})
    )


def memberships_held(
    association: Association, first: date | None = None, last: date | None = None
) -> QuerySet[Membership]:
    """The one rule of who is a member: a membership of `association` held on some day from
    `first` to `last` (an open start or end counts as always; no dates: held at any time)."""
    memberships = Membership.objects.filter(association=association)
    if last is not None:
        memberships = memberships.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=last))
    if first is not None:
        memberships = memberships.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
    return memberships


def held_during(membership: Membership, first: date, last: date) -> bool:
    """`memberships_held`'s rule for one membership already read: held on some day from
    `first` to `last` (an open start or end counts as always). Kept beside the query so the
    two say the same."""
    starts_in_time = membership.valid_from is None or membership.valid_from <= last
    lasts_long_enough = membership.valid_to is None or membership.valid_to >= first
    return starts_in_time and lasts_long_enough


def members_of(
    association: Association, first: date | None = None, last: date | None = None
) -> QuerySet[Member]:
    """Member organisations of `association` during `first` to `last` (see `memberships_held`),
    unordered: for checking and looking up members; `members_during_year` lists them."""
    return Member.objects.filter(pk__in=memberships_held(association, first, last).values("member"))


def members_during_year(association: Association, year: int) -> list[Member]:
    """Member organisations with a membership during any part of `year`, in display order."""
    memberships = (
        memberships_held(association, date(year, 1, 1), date(year, 12, 31))
        .select_related("member")
        .order_by("order", "member__name")
    )
    return [m.member for m in memberships]


@dataclass
class BoardRow:
    """One appointing member's seats on a date: ordinary member(s) and deputy(ies)."""

    member: Member
    ordinary: list[BoardSeat] = field(default_factory=list)
    deputies: list[BoardSeat] = field(default_factory=list)

    @property
    def sort_key(self) -> int:
        positions = [s.position for s in self.ordinary]
        if BoardPosition.CHAIR in positions:
            return 0
        return 1 if BoardPosition.VICE_CHAIR in positions else 2


def board_on(association: Association, day: date) -> list[BoardRow]:
    """The board as it stands on `day`: chair first, then vice chair, then member order."""
    return board_during(association, day, day)


def board_during(association: Association, first: date, last: date) -> list[BoardRow]:
    """Every seat held during the period (a seat that changed hands gives two persons in a
    row, oldest first), chair first, then vice chair, then member order."""
    seats = (
        BoardSeat.objects.filter(association=association)
        .filter(_valid_during(first, last))
        .select_related("person", "appointed_by")
        .order_by("start", "pk")
    )
    order = {
        m.member_id: m.order
        for m in Membership.objects.filter(association=association).only("member_id", "order")
    }
    rows: dict[int, BoardRow] = {}
    for seat in seats:
        row = rows.setdefault(seat.appointed_by_id, BoardRow(member=seat.appointed_by))
        (row.ordinary if seat.kind == SeatKind.ORDINARY else row.deputies).append(seat)
    return sorted(rows.values(), key=lambda r: (r.sort_key, order.get(r.member.pk, 99)))


def auditors_on(association: Association, day: date) -> QuerySet[Auditor]:
    """Auditors in office on `day`; appointing members in the association's member order."""
    in_member_order = Member.objects.filter(memberships__association=association).order_by(
        "memberships__order"
    )
    return (
        Auditor.objects.filter(association=association)
        .filter(_valid_on(day))
        .select_related("person")
        .prefetch_related(Prefetch("appointed_by", queryset=in_member_order))
    )


def office_on(association: Association, day: date) -> QuerySet[OfficePost]:
    return (
        OfficePost.objects.filter(association=association)
        .filter(_valid_on(day))
        .select_related("person")
    )


def groups_of(association: Association) -> QuerySet[Group]:
    return Group.objects.filter(association=association).prefetch_related(
        "memberships__person", "memberships__member"
    )


def meetings_from(association: Association, day: date, limit: int = 10) -> QuerySet[Meeting]:
    """Meetings on or after `day`, soonest first."""
    return (
        Meeting.objects.filter(association=association, date__gte=day)
        .select_related("group")
        .order_by("date", "start_time")[:limit]
    )


def meetings_during(association: Association, first: date, last: date) -> QuerySet[Meeting]:
    """Meetings held from `first` to `last`, in date order."""
    return Meeting.objects.filter(association=association, date__range=(first, last)).order_by(
        "date", "start_time"
    )


def funding_years_of(association: Association) -> QuerySet[FundingYear]:
    return FundingYear.objects.filter(association=association).order_by("-year")


def funding_year_for_overview(association: Association, today: date) -> FundingYear | None:
    """This year's funding, else the latest year before it, else the earliest after it."""
    years = FundingYear.objects.filter(association=association).prefetch_related(
        "agreed_contributions", "fixed_shares"
    )
    return (
        years.filter(year__lte=today.year).order_by("-year").first()
        or years.order_by("year").first()
    )


@dataclass(frozen=True)
class CalendarMonth:
    """One month of the meeting calendar: its first day and its meetings in date order."""

    month: date
    meetings: list[Meeting]
    upcoming: bool


def meeting_calendar(association: Association, year: int, today: date) -> list[CalendarMonth]:
    """The year's meetings by month: months still to come first (soonest first), then the
    months that have passed (latest first), so the next meeting is always at the top."""
    found = meetings_during(association, date(year, 1, 1), date(year, 12, 31)).select_related(
        "group"
    )
    months: dict[date, list[Meeting]] = {}
    for meeting in found:
        months.setdefault(meeting.date.replace(day=1), []).append(meeting)
    current = today.replace(day=1)
    ahead = [CalendarMonth(m, months[m], True) for m in sorted(months) if m >= current]
    behind = [
        CalendarMonth(m, months[m], False) for m in sorted(months, reverse=True) if m < current
    ]
    return ahead + behind
