"""Reads of the board, auditor and office pages: every row of the association, newest first,
so the pages show the history of the organisation as well as how it stands today."""

from django.db.models import QuerySet

from finsam.models import Association
from members.models import Auditor, BoardSeat, OfficePost


def board_seats_of(association: Association) -> QuerySet[BoardSeat]:
    return (
        BoardSeat.objects.filter(association=association)
        .select_related("person", "appointed_by")
        .order_by("-start", "appointed_by__name", "kind", "pk")
    )


def auditors_of(association: Association) -> QuerySet[Auditor]:
    return (
        Auditor.objects.filter(association=association)
        .select_related("person")
        .prefetch_related("appointed_by")
        .order_by("-start", "kind", "pk")
    )


def office_posts_of(association: Association) -> QuerySet[OfficePost]:
    return (
        OfficePost.objects.filter(association=association)
        .select_related("person")
        .order_by("-start", "title", "pk")
    )
