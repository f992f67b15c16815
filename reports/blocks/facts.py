"""The association's facts as a report's opening states them: when it was formed, its
members, its legal basis and organisation number; and its vision.

(The verksamhetsplan's blocks, built alongside, use the same keys with the same output; the
two are one block once both are in.)
"""

from django.utils.translation import gettext as _

from finsam.lib.dates import long_date
from members.selectors import members_during_year
from reports.blocks.phrases import joined
from reports.blocks.registry import block
from reports.context import BuildContext
from reports.data import Block

PARAGRAPHS = "reports/blocks/_paragraphs.html"


@block("introduction", _("Inledning: bildat, medlemmar, rättslig grund, organisationsnummer"))
def introduction_block(context: BuildContext) -> Block:
    association = context.association
    facts = []
    if association.formed_on:
        facts.append(
            _("%(name)s bildades den %(date)s.")
            % {"name": association.name, "date": long_date(association.formed_on)}
        )
    members = [member.name for member in members_during_year(association, context.year)]
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


@block("vision", _("Förbundets vision"))
def vision_block(context: BuildContext) -> Block:
    return _paragraphs("vision", [context.association.vision], css="vision")


def _paragraphs(key: str, paragraphs: list[str], css: str = "") -> Block:
    shown = [text for text in paragraphs if text.strip()]
    return Block(key, PARAGRAPHS, context={"paragraphs": shown, "css": css})
