"""Reads for an association's members pages: memberships, organisations to pick, figures."""

from django.db.models import Q, QuerySet

from finsam.models import Association
from members.models import Member, Membership, PopulationFigure

SEARCH_LIMIT = 20


def memberships_of(association: Association) -> QuerySet[Membership]:
    """Every membership of the association, past and present, in the association's order."""
    return (
        Membership.objects.filter(association=association)
        .select_related("member")
        .order_by("order", "member__name", "valid_from")
    )


def organisations_matching(text: str) -> QuerySet[Member]:
    """Shared organisations whose name (now or earlier) or number contains `text`."""
    text = text.strip()
    if not text:
        return Member.objects.none()
    digits = "".join(ch for ch in text if ch.isdigit())
    found = Q(name__icontains=text) | Q(former_names__name__icontains=text)
    if len(digits) >= 4:
        found |= Q(org_number__contains=digits[:6]) & Q(org_number__contains=digits[6:])
    return Member.objects.filter(found).distinct().order_by("name")[:SEARCH_LIMIT]


def population_figures_of(association: Association) -> QuerySet[PopulationFigure]:
    return (
        PopulationFigure.objects.filter(association=association)
        .select_related("member")
        .order_by("-date", "member__name")
    )
