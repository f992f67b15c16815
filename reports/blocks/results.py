"""An initiative's results tables in an interim report: referrals by member and year, where
the enrolled stand on the period's last day, and why participants left during the period.

Each block shows the initiative chosen on its section. Figures are aggregate counts entered
per follow-up (never a person); every total is computed from the rows, so Växjö's 2011
referrals print as 77 where the original printed 67 over rows adding up to 77.
"""

from datetime import date

from django.utils.translation import gettext as _

from finsam.lib.dates import month_name, month_year
from initiatives.models import ReferralYear
from initiatives.selectors import FollowUpView, ReferralTable
from reports.blocks.registry import block
from reports.context import BuildContext
from reports.data import Block, Row, Table

TABLES = "reports/blocks/_tables.html"


def _missing(key: str, what: str) -> Block:
    return Block(key, "reports/blocks/_missing.html", context={"what": what})


@block(
    "referrals",
    _("En insats intresseanmälningar per år och medlem (välj insats)"),
    for_initiative=True,
)
def referrals_block(context: BuildContext) -> Block:
    initiative = context.initiative
    table = context.initiative_referrals.get(initiative.pk) if initiative else None
    if initiative is None or table is None:
        return _missing("referrals", _("intresseanmälningar"))
    return Block("referrals", TABLES, tables=[referral_table(table, initiative.name)])


def referral_table(table: ReferralTable, name: str) -> Table:
    last = table.years[-1]
    until = month_year(last.through) if last.through else str(last.year)
    named_on = last.through or date(last.year, 12, 31)
    return Table(
        caption=_("Inkomna intresseanmälningar från starten %(first)s t.o.m. %(until)s – %(name)s")
        % {"first": table.years[0].year, "until": until, "name": name},
        columns=tuple(_year_heading(column) for column in table.years),
        rows=(
            Row(_("Antal – totalt"), tuple(str(total) for total in table.totals), kind="total"),
            *(
                Row(member.name_on(named_on), tuple("" if c is None else str(c) for c in counts))
                for member, counts in table.rows
            ),
        ),
        style="keep",
    )


def _year_heading(column: ReferralYear) -> str:
    """ "2013", or "2014 t.o.m. aug." for a year counted only part of the way."""
    if column.through is None:
        return str(column.year)
    return _("%(year)s t.o.m. %(month)s.") % {
        "year": column.year,
        "month": month_name(column.through)[:3],
    }


def _follow_up(context: BuildContext) -> FollowUpView | None:
    """The initiative's latest follow-up within the report's period."""
    initiative = context.initiative
    views = context.initiative_follow_ups.get(initiative.pk, []) if initiative else []
    return views[-1] if views else None


@block(
    "standings",
    _("En insats inskrivna deltagare vid periodens slut (välj insats)"),
    for_initiative=True,
)
def standings_block(context: BuildContext) -> Block:
    initiative, view = context.initiative, _follow_up(context)
    if initiative is None or view is None or not view.standings:
        return _missing("standings", _("inskrivna deltagare"))
    end = view.follow_up.end
    table = Table(
        caption=_("%(name)s: inskrivna deltagare %(date)s")
        % {"name": initiative.name, "date": end.isoformat()},
        label_heading=_("Inskrivna deltagare – %(date)s") % {"date": end.isoformat()},
        columns=(_("Antal"),),
        rows=tuple(Row(label, (str(count),)) for label, count in view.standings),
        style="keep",
    )
    return Block("standings", TABLES, tables=[table])


@block("exits", _("En insats avslutade deltagare per anledning (välj insats)"), for_initiative=True)
def exits_block(context: BuildContext) -> Block:
    initiative, view = context.initiative, _follow_up(context)
    if initiative is None or view is None or not view.exits:
        return _missing("exits", _("avslutade deltagare"))
    table = Table(
        caption=_("%(name)s: avslutade deltagare %(period)s")
        % {"name": initiative.name, "period": context.period_label},
        label_heading=_("Anledning till avslut %(total)s pers. – t.o.m. %(until)s")
        % {"total": view.exits_total, "until": month_year(view.follow_up.end)},
        columns=(_("Antal"),),
        comment_heading=_("Kommentar"),
        rows=tuple(
            Row(f"{reason.number}. {reason.name}", (str(count),), comment=reason.description)
            for reason, count in view.exits
        ),
    )
    return Block("exits", TABLES, tables=[table])
