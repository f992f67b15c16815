"""The board's meetings held during an interim report's period, counted from the calendar.

The count is written as the documents write it ("fem styrelsemöten och en planeringsdag"),
and a table beside it gives the figures and the dates. Extra board meetings are board
meetings: they are counted with the others and marked in the dates.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from finsam.lib.dates import month_name
from members.models import Meeting, MeetingKind
from members.selectors import meetings_during
from reports.blocks.registry import LOOKING_BACK, block
from reports.blocks.wording import in_words, joined
from reports.context import BuildContext
from reports.data import Block, Row, Table


@dataclass(frozen=True)
class Counted:
    """How many meetings of one kind, their words, and their dates."""

    one: str  # "ett styrelsemöte": the article says the noun's gender
    many: str  # "styrelsemöten"
    dates: list[tuple[date, bool]]  # (date, extra)

    @property
    def count(self) -> int:
        return len(self.dates)

    def words(self) -> str:
        """ "ett styrelsemöte", "fem styrelsemöten", "13 styrelsemöten"."""
        return in_words(self.count, self.one, self.many)


# What the sentence counts, in its order: the board's own meetings and its planning days.
KINDS = (
    ((MeetingKind.BOARD, MeetingKind.EXTRA_BOARD), "ett styrelsemöte", "styrelsemöten"),
    ((MeetingKind.PLANNING_DAY,), "en planeringsdag", "planeringsdagar"),
)


def count_meetings(meetings: Iterable[Meeting]) -> list[Counted]:
    """The board's meetings by kind, leaving out kinds without any."""
    meetings = list(meetings)
    counted = []
    for kinds, one, many in KINDS:
        dates = [(m.date, m.kind == MeetingKind.EXTRA_BOARD) for m in meetings if m.kind in kinds]
        if dates:
            counted.append(Counted(one, many, dates))
    return counted


@block("board_meetings_held", _("Styrelsens möten under perioden (antal och datum)"), LOOKING_BACK)
def board_meetings_block(context: BuildContext) -> Block:
    counted = count_meetings(
        meetings_during(context.association, context.period_start, context.period_end)
    )
    table = Table(
        caption=_("Styrelsens möten %(period)s") % {"period": context.period_label},
        label_heading=_("Möte"),
        columns=(_("Antal"),),
        comment_heading=_("Datum"),
        rows=tuple(
            Row(each.many.capitalize(), (str(each.count),), comment=_dates(each.dates))
            for each in counted
        ),
        style="keep",
    )
    return Block(
        "board_meetings_held",
        "reports/blocks/_meetings.html",
        tables=[table] if counted else [],
        context={"sentence": _sentence(context, counted)},
    )


def _sentence(context: BuildContext, counted: list[Counted]) -> str:
    held = joined([each.words() for each in counted]) or _("inga möten")
    return _("Styrelsen för %(name)s har under perioden %(period)s, haft %(held)s.") % {
        "name": context.association.name,
        "period": context.period_label,
        "held": held,
    }


def _dates(dates: list[tuple[date, bool]]) -> str:
    """ "27 februari, 9 juni (extra)"."""
    return ", ".join(
        f"{day.day} {month_name(day)}" + (_(" (extra)") if extra else "") for day, extra in dates
    )
