"""The organisation in a plan: the office (kansli), the working committee and groups, the
board's meeting calendar for the year, and the signature of the office's head.

The office is read as it stands on the first day of the plan year (a plan is written before
its year begins); the signature as it stands on the signing date.
"""

from datetime import date

from django.utils.translation import gettext as _

from members.models import GroupKind, Meeting, MeetingKind
from members.selectors import groups_of, office_on
from reports.blocks.registry import block
from reports.blocks.wording import joined, time_span, weekday_date
from reports.context import BuildContext
from reports.data import Block, Row, Table

PLAN = frozenset({"verksamhetsplan"})
BOARD_MEETINGS = (MeetingKind.BOARD, MeetingKind.EXTRA_BOARD)


@block("groups", _("Arbetsutskott och grupper"))
def groups_block(context: BuildContext) -> Block:
    return _groups("groups", list(groups_of(context.association)), context.period_end)


@block("local_groups", _("Lokala ledningsgrupper"))
def local_groups_block(context: BuildContext) -> Block:
    groups = groups_of(context.association).filter(kind=GroupKind.LOCAL_MANAGEMENT)
    return _groups("local_groups", list(groups), context.period_end)


def _groups(key: str, groups, day: date) -> Block:
    items = []
    for group in groups:
        members = [
            str(m.person) if m.person else m.member.name_on(day) if m.member else ""
            for m in group.memberships.all()
        ]
        items.append(
            {
                "name": group.name,
                "description": group.description,
                "members": joined(members),
            }
        )
    return Block(key, "reports/blocks/_groups.html", context={"groups": items})


@block("board_meetings", _("Styrelsens möten under året"), PLAN)
def board_meetings_block(context: BuildContext) -> Block:
    meetings = Meeting.objects.filter(
        association=context.association, kind__in=BOARD_MEETINGS, date__year=context.year
    ).order_by("date", "start_time")
    table = Table(
        caption=_("Styrelsemöten %(year)s") % {"year": context.year},
        columns=(_("Tid"), _("Plats")),
        rows=tuple(_meeting_row(meeting) for meeting in meetings),
        label_heading=_("Datum"),
        comment_heading=_("Anteckning"),
    )
    return Block("board_meetings", "reports/blocks/_tables.html", tables=[table])


def _meeting_row(meeting: Meeting) -> Row:
    when = time_span(meeting.start_time, meeting.end_time)
    return Row(weekday_date(meeting.date), (when, meeting.place), comment=meeting.agenda)


@block("office_signature", _("Underskrift av kansliets chef, med ort och datum"), PLAN)
def office_signature_block(context: BuildContext) -> Block:
    report = context.report
    day = report.signing_date or context.period_start
    signer = next((post for post in office_on(context.association, day) if post.person), None)
    when = report.signing_date.isoformat() if report.signing_date else ""
    place_date = " ".join(part for part in (report.signing_place, when) if part)
    return Block(
        "office_signature",
        "reports/blocks/_office_signature.html",
        context={"place_date": place_date, "signer": signer},
    )
