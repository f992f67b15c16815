"""The association as a plan presents it: the introduction (formed, members, legal basis,
organisation number), its mission, its vision and the target groups it gives priority."""

from django.utils.translation import gettext as _

from initiatives.models import PriorityTargetGroup
from members.selectors import members_during_year
from reports.blocks.registry import block
from reports.blocks.wording import joined, long_date
from reports.context import BuildContext
from reports.data import Block

PARAGRAPHS = "reports/blocks/_paragraphs.html"
PLAN = frozenset({"verksamhetsplan"})


@block("introduction", _("Inledning: bildat, medlemmar, rättslig grund, organisationsnummer"))
def introduction_block(context: BuildContext) -> Block:
    association = context.association
    facts = []
    if association.formed_on:
        facts.append(
            _("%(name)s bildades den %(date)s.")
            % {"name": association.name, "date": long_date(association.formed_on)}
        )
    members = [
        member.name_on(context.period_start)
        for member in members_during_year(association, context.year)
    ]
    if members:
        facts.append(_("Medlemmar är %(members)s.") % {"members": joined(members)})
    paragraphs = [" ".join(facts)]
    if association.legal_basis:
        paragraphs.append(_("Rättslig grund: %(basis)s") % {"basis": association.legal_basis})
    if association.org_number:
        paragraphs.append(
            _("Organisationsnummer: %(number)s.") % {"number": association.org_number}
        )
    return _paragraphs("introduction", paragraphs)


@block("mission", _("Förbundets uppdrag (ändamål)"))
def mission_block(context: BuildContext) -> Block:
    return _paragraphs("mission", [context.association.purpose])


@block("vision", _("Förbundets vision"))
def vision_block(context: BuildContext) -> Block:
    return _paragraphs("vision", [context.association.vision], css="vision")


@block("target_groups", _("Prioriterade målgrupper"), PLAN)
def target_groups_block(context: BuildContext) -> Block:
    groups = PriorityTargetGroup.objects.filter(association=context.association)
    return Block(
        "target_groups",
        "reports/blocks/_list.html",
        context={"items": [group.description for group in groups]},
    )


def _paragraphs(key: str, paragraphs: list[str], css: str = "") -> Block:
    shown = [text for text in paragraphs if text.strip()]
    return Block(key, PARAGRAPHS, context={"paragraphs": shown, "css": css})
