"""The initiatives of the plan year, one subsection each (numbered under their section, as
"7.1.1"): the description, its facts (target group, period, staffing, owner, members) and its
goals with their targets.

An initiative belongs to the plan when it is granted or running and its period (where set)
reaches into the plan year, or when it ended within the plan year. The order is the order of
their start, then of entry, as plans list them.
"""

from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from finsam.lib.markup import render_markup
from initiatives.models import Initiative, InitiativeStatus
from members.models import Member
from reports.blocks.goals import goal_prefetch, goals_table
from reports.blocks.registry import block
from reports.blocks.wording import joined, period_text
from reports.context import BuildContext
from reports.data import Block, Section

PLAN = frozenset({"verksamhetsplan"})
ONGOING = (InitiativeStatus.GRANTED, InitiativeStatus.RUNNING)


@block("initiatives", _("Årets insatser med mål (ett underavsnitt per insats)"), PLAN)
def initiatives_block(context: BuildContext) -> Block:
    children = [initiative_section(each) for each in plan_initiatives(context)]
    return Block("initiatives", "reports/blocks/_tables.html", children=children)


def plan_initiatives(context: BuildContext) -> list[Initiative]:
    found = (
        Initiative.objects.filter(association=context.association)
        .select_related("owner")
        .prefetch_related(
            Prefetch("members", queryset=Member.objects.order_by("name")),
            goal_prefetch(),
        )
    )
    first, last = context.period_start, context.period_end
    chosen = [each for each in found if active_in(each, first, last)]
    return sorted(chosen, key=lambda each: (each.start or date.max, each.pk))


def active_in(initiative: Initiative, first: date, last: date) -> bool:
    reaches = (initiative.start is None or initiative.start <= last) and (
        initiative.end is None or initiative.end >= first
    )
    if initiative.status in ONGOING:
        return reaches
    return initiative.status == InitiativeStatus.ENDED and initiative.end is not None and reaches


def initiative_section(initiative: Initiative) -> Section:
    goals = list(initiative.goals.all())
    tables = (
        [goals_table(_("Mål för %(name)s") % {"name": initiative.name}, goals)] if goals else []
    )
    block = Block("initiative", "reports/blocks/_initiative.html", tables=tables)
    block.context["facts"] = _facts(initiative)
    return Section(
        heading=initiative.name, text_html=render_markup(initiative.description), block=block
    )


def _facts(initiative: Initiative) -> list[tuple[str, str]]:
    facts = [
        (_("Målgrupp"), initiative.target_group),
        (_("Period"), period_text(initiative.start, initiative.end)),
        (_("Bemanning"), initiative.staffing),
        (_("Projektägare"), initiative.owner.name if initiative.owner else ""),
        (_("Deltagande medlemmar"), joined([m.name for m in initiative.members.all()])),
    ]
    return [(label, value) for label, value in facts if value]
