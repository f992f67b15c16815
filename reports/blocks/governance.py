"""Who governs and runs the association in an interim report: the board during the period,
the auditors, the office, and the signatures of the board members sitting on the signing
date.

The board table has one row per appointing member: the ordinary member(s) with their
position, the deputy or deputies, and the member that appointed them. A seat held for only
part of the period is qualified by its dates ("Anders Mårtensson t.o.m. juli 2014" above
"Hossein Pishdar fr.o.m. augusti 2014"), so the table says who sat when.
"""

from datetime import date

from django.utils.translation import gettext as _

from finsam.lib.dates import long_date, within_text
from members.models import BoardPosition, BoardSeat, OfficePost
from members.models.organisation import AuditorKind
from members.selectors import BoardRow, auditors_on, board_during, board_on, office_on
from reports.blocks.registry import LOOKING_BACK, block
from reports.blocks.wording import joined
from reports.context import BuildContext
from reports.data import Block, Row, Table

TABLES = "reports/blocks/_tables.html"


@block("board_period", _("Styrelsen under perioden (ledamöter, ersättare, uppdragsgivare)"))
def board_block(context: BuildContext) -> Block:
    rows = board_during(context.association, context.period_start, context.period_end)
    return Block("board_period", TABLES, tables=[board_table(context, rows)])


def board_table(context: BuildContext, rows: list[BoardRow]) -> Table:
    first, last = context.period_start, context.period_end
    return Table(
        caption=_("Styrelseledamöter %(year)s") % {"year": context.year},
        label_heading=_("Ordinarie ledamöter"),
        columns=(_("Ersättare"), _("Uppdragsgivare")),
        rows=tuple(
            Row(
                _persons(row.ordinary, first, last),
                (_persons(row.deputies, first, last), row.member.name_on(last)),
            )
            for row in rows
        ),
        style="text keep",
    )


def _persons(seats: list[BoardSeat], first: date, last: date) -> str:
    """One line per person: name, position, and the dates of a seat held for part of the
    period."""
    return "\n".join(seat_text(seat, first, last) for seat in seats)


def seat_text(seat: BoardSeat, first: date, last: date) -> str:
    position = BoardPosition(seat.position).label if seat.position else ""
    when = within_text(seat.start, seat.end or last, first, last)
    return " ".join(part for part in (seat.person.name, str(position), when) if part)


@block("auditors", _("Revisorer och deras uppdragsgivare"))
def auditors_block(context: BuildContext) -> Block:
    auditors = list(auditors_on(context.association, context.period_end))
    qualify = any(a.kind == AuditorKind.DEPUTY for a in auditors)
    rows = []
    for auditor in auditors:
        name = str(auditor)
        if qualify:  # with deputies among them, say who is which
            name = f"{name} – {AuditorKind(auditor.kind).label.lower()}"
        members = [member.name_on(context.period_end) for member in auditor.appointed_by.all()]
        rows.append(Row(name, (joined(members),)))
    table = Table(
        caption=_("Revisorer"),
        label_heading=_("Ordinarie"),
        columns=(_("Uppdragsgivare"),),
        rows=tuple(rows),
        style="text keep",
    )
    return Block("auditors", TABLES, tables=[table])


@block("office", _("Kansliet"))
def office_block(context: BuildContext) -> Block:
    """The office as it stands at the end of an interim report's period (at the start of a
    plan's year, which is written before the year begins)."""
    day = context.period_end if context.report.is_interim else context.period_start
    posts = office_on(context.association, day)
    return Block(
        "office", "reports/blocks/_list.html", context={"items": [post_text(p) for p in posts]}
    )


def post_text(post: OfficePost) -> str:
    """ "Förbundschef: Per Liljebäck (65 %, anställd hos Köpings kommun)"."""
    details = []
    if post.fte_percent is not None:
        details.append(f"{post.fte_percent.normalize():f} %".replace(".", ","))
    if post.employer:
        details.append(_("anställd hos %(employer)s") % {"employer": post.employer})
    text = f"{post.title}: {post.person}" if post.person else post.title
    return f"{text} ({', '.join(details)})" if details else text


@block("signatures", _("Underskrifter av styrelsens ledamöter, med ort och datum"), LOOKING_BACK)
def signatures_block(context: BuildContext) -> Block:
    report = context.report
    if report.signing_date is None:
        missing = {"what": _("datum för underskrift")}
        return Block("signatures", "reports/blocks/_missing.html", context=missing)
    seats = [
        seat for row in board_on(context.association, report.signing_date) for seat in row.ordinary
    ]
    return Block(
        "signatures",
        "reports/blocks/_signatures.html",
        context={
            "place_date": place_and_date(report.signing_place, report.signing_date),
            "signers": [
                _signer(seat, report.signing_date) for seat in sorted(seats, key=_signing_order)
            ],
        },
    )


def place_and_date(place: str, day: date) -> str:
    """ "Växjö den 15 oktober 2014"."""
    if not place:
        return long_date(day)
    return _("%(place)s den %(date)s") % {"place": place, "date": long_date(day)}


def _signing_order(seat: BoardSeat) -> tuple[int, str]:
    """Chair, vice chair, then the other members by name (as the seed signs)."""
    rank = {BoardPosition.CHAIR: 0, BoardPosition.VICE_CHAIR: 1}.get(
        BoardPosition(seat.position), 2
    )
    return rank, seat.person.name


def _signer(seat: BoardSeat, day: date) -> dict[str, str]:
    position = BoardPosition(seat.position).label if seat.position else ""
    member = seat.appointed_by.name_on(day)
    return {"name": seat.person.name, "position": str(position), "member": member}
