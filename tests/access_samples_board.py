"""Access-sweep samples for the board, auditor and office pages (issue #16, part "board").

Finnveden and Västra Mälardalen have no board seats or auditors in their demo data, so the
samples make one (inside the sweep test's transaction) the first time they are asked for.
"""

from datetime import date

from finsam.models import Association
from members.models import Auditor, BoardSeat, OfficePost, Person


def _person(association: Association) -> Person:
    person, _ = Person.objects.get_or_create(association=association, name="Prov Person")
    return person


def _first_member(association: Association):
    return association.memberships.order_by("order", "pk").first().member


def _seat(association: Association) -> dict:
    seat = BoardSeat.objects.filter(association=association).order_by("pk").first()
    if seat is None:
        seat = BoardSeat.objects.create(
            association=association,
            person=_person(association),
            appointed_by=_first_member(association),
            kind="ordinary",
            start=date(2015, 1, 1),
        )
    return {"pk": seat.pk}


def _auditor(association: Association) -> dict:
    auditor = Auditor.objects.filter(association=association).order_by("pk").first()
    if auditor is None:
        auditor = Auditor.objects.create(
            association=association,
            firm="Prov Revision AB",
            kind="ordinary",
            start=date(2015, 1, 1),
        )
        auditor.appointed_by.set([_first_member(association)])
    return {"pk": auditor.pk}


def _post(association: Association) -> dict:
    post = OfficePost.objects.filter(association=association).order_by("pk").first()
    if post is None:
        post = OfficePost.objects.create(
            association=association, title="Samordnare", start=date(2015, 1, 1)
        )
    return {"pk": post.pk}


SAMPLES = {
    "members:board_seat_edit": _seat,
    "members:board_seat_end": _seat,
    "members:auditor_edit": _auditor,
    "members:auditor_end": _auditor,
    "members:office_post_edit": _post,
    "members:office_post_end": _post,
}
