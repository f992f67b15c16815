"""Rules for the board, the auditors and the office that span rows, checked before a save.

The database holds what one row can say (a seat ends after it starts, one open seat per
person and kind, a share of full time between 0 and 100); these rules need other rows: the
person is the association's own, the appointing members are members on the start date, and
the board has one chair (and one vice chair) at a time. The services lock the association
before calling them, so two people saving at once cannot both pass.

Every message is raised on the field it is about, so the form shows it next to that field.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from finsam.models import Association
from finsam.problems import Problems
from members.models import BoardPosition, BoardSeat, Member, Person
from members.selectors import members_of


def _day(day: date | None) -> str:
    return day.isoformat() if day else _("tills vidare")


def check_person(person: Person | None, association: Association) -> None:
    """A seat, an auditor or a post names only a person of its own association."""
    if person is not None and person.association_id != association.pk:
        raise ValidationError(
            {"person": _("%(person)s hör till ett annat förbund.") % {"person": person}}
        )


def check_appointing(
    members: Iterable[Member], association: Association, start: date, field: str = "appointed_by"
) -> None:
    """Only an organisation with a membership in the association on `start` appoints."""
    chosen = list(members)
    if not chosen:
        raise ValidationError({field: _("Välj minst en medlem som utser.")})
    belonging = set(members_of(association, start, start).values_list("pk", flat=True))
    outside = [m.name for m in chosen if m.pk not in belonging]
    if outside:
        raise ValidationError(
            {
                field: _("%(members)s är inte medlem i förbundet den %(day)s.")
                % {"members": ", ".join(outside), "day": start.isoformat()}
            }
        )


def check_board_seat(seat: BoardSeat) -> None:
    """The rules of a seat that need other rows (see the module's docstring), every broken
    one told at once at its field; a person not chosen yet is the caller's to tell."""
    association = seat.association
    problems = Problems()
    if seat.person_id is not None:
        with problems.gathered():
            check_person(seat.person, association)
    if seat.appointed_by_id is not None:
        with problems.gathered():
            check_appointing([seat.appointed_by], association, seat.start)
    if seat.position:
        with problems.gathered():
            _check_one_holder(seat)
    problems.raise_any()


def _check_one_holder(seat: BoardSeat) -> None:
    """One chair and one vice chair at a time: no other seat with the position overlaps."""
    overlapping = Q(end__isnull=True) | Q(end__gte=seat.start)
    if seat.end is not None:
        overlapping &= Q(start__lte=seat.end)
    other = (
        BoardSeat.objects.filter(association_id=seat.association_id, position=seat.position)
        .filter(overlapping)
        .exclude(pk=seat.pk)
        .select_related("person")
        .first()
    )
    if other is not None:
        raise ValidationError(
            {
                "position": _("%(person)s är %(position)s %(start)s – %(end)s.")
                % {
                    "person": other.person,
                    "position": BoardPosition(seat.position).label.lower(),
                    "start": other.start.isoformat(),
                    "end": _day(other.end),
                }
            }
        )
