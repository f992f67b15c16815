"""The members app's items on the start page: the board's next meeting, the funding check."""

from datetime import date

from django.urls import reverse
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from finsam.models import Association
from finsam.permissions import Perm, Role
from finsam.waiting import (
    CHECKS,
    NEXT_MEETING,
    Item,
    Provider,
    day_text,
    register_waiting,
    roles_with,
)
from members.funding import funding_breakdown
from members.models import FundingYear, Meeting, MeetingKind

BOARD_MEETINGS = (MeetingKind.BOARD, MeetingKind.EXTRA_BOARD)


def next_board_meeting(association: Association, today: date) -> list[Item]:
    """The board's next meeting (today's included), with its place and agenda."""
    meeting = (
        Meeting.objects.filter(association=association, kind__in=BOARD_MEETINGS, date__gte=today)
        .order_by("date", "start_time", "pk")
        .first()
    )
    if meeting is None:
        return []
    when = day_text(meeting.date, "l j F Y")
    if meeting.start_time:
        when = f"{when} {_('kl.')} {time_format(meeting.start_time, 'H.i')}"
    note = ", ".join(part for part in (meeting.place, meeting.agenda) if part)
    return [
        Item(
            text=f"{meeting.get_kind_display()} {when}",
            url=reverse("members:meetings", args=[association.slug]),
            note=note,
            due=meeting.date,
        )
    ]


def funding_checks(association: Association, today: date) -> list[Item]:
    """The funding check of this year and next: missing key data, shares off the statute."""
    years = FundingYear.objects.filter(
        association=association, year__in=(today.year, today.year + 1)
    ).prefetch_related("agreed_contributions", "fixed_shares")
    items = []
    for funding_year in years.select_related("association").order_by("year"):
        breakdown = funding_breakdown(funding_year)
        url = reverse("members:funding_year", args=[association.slug, funding_year.year])
        label = _("Finansieringen %(year)s") % {"year": funding_year.year}
        problems = list(breakdown.problems)
        if not breakdown.follows_statutory_shares:
            problems.append(_("Bidragen följer inte de lagstadgade andelarna."))
        items += [Item(text=label, url=url, note=problem) for problem in problems]
    return items


def register() -> None:
    register_waiting(
        "members.next_meeting",
        Provider(NEXT_MEETING, frozenset({Role.BOARD}), next_board_meeting, 10),
    )
    register_waiting(
        "members.funding_checks", Provider(CHECKS, roles_with(Perm.EDIT), funding_checks, 40)
    )
