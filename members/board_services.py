"""Writes of the board, the auditors and the office, as staff make them in the application.

Each service is atomic: it locks the association (the rules in `members.board_rules` read
other rows), refuses a stale form (`version_checked`), and saves through the model so the
history records the change and who made it. A seat is never deleted: it ends on a date, and
a deputy replaced mid-term is two steps, the old seat ending one day and the new one
starting the next (Växjö kommun's deputy in August 2014).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.models import Association
from finsam.problems import Problems, check_model
from finsam.versions import version_checked
from members.board_rules import check_appointing, check_board_seat, check_person
from members.models import Auditor, BoardSeat, Member, OfficePost, Person
from members.services import board_seat_save

# What each form sets on its row (the auditor's appointing members are rows of their own,
# checked by `check_appointing`).
SEAT_VALUES = ("person", "appointed_by", "kind", "position", "start", "end")
AUDITOR_VALUES = ("person", "firm", "kind", "start", "end")
OFFICE_VALUES = ("person", "title", "fte_percent", "employer", "start", "end")
ROW_VALUES: dict[type, tuple[str, ...]] = {
    BoardSeat: SEAT_VALUES,
    Auditor: AUDITOR_VALUES,
    OfficePost: OFFICE_VALUES,
}


@dataclass(frozen=True)
class PersonChoice:
    """A person picked from the association's list, or a name typed for a new one."""

    person: Person | None = None
    new_name: str = ""


@dataclass(frozen=True)
class SeatData:
    who: PersonChoice
    appointed_by: Member
    kind: str
    start: date
    position: str = ""
    end: date | None = None


@dataclass(frozen=True)
class AuditorData:
    who: PersonChoice
    kind: str
    start: date
    appointed_by: list[Member] = field(default_factory=list)
    firm: str = ""
    end: date | None = None


@dataclass(frozen=True)
class OfficeData:
    who: PersonChoice
    title: str
    start: date
    fte_percent: Decimal | None = None
    employer: str = ""
    end: date | None = None


def _lock(association_id: int) -> None:
    Association.objects.select_for_update().get(pk=association_id)


def check_person_choice(who: PersonChoice, *, required: bool) -> None:
    """A person picked or a name typed, not both (and one of them if `required`). Public: the
    form runs it beside its own checks."""
    name = who.new_name.strip()
    if who.person is not None and name:
        raise ValidationError(
            {"new_name": _("Välj en person i listan eller skriv ett nytt namn, inte båda.")}
        )
    if who.person is None and not name and required:
        raise ValidationError({"person": _("Välj en person eller skriv ett nytt namn.")})


def _person(association: Association, who: PersonChoice, *, required: bool) -> Person | None:
    """The chosen person, or the typed name: an existing person of that name is reused."""
    check_person_choice(who, required=required)
    name = who.new_name.strip()
    if who.person is not None:
        check_person(who.person, association)
        return who.person
    if not name:
        return None
    found = Person.objects.filter(association=association, name__iexact=name).first()
    if found is not None:
        return found
    person = Person(association=association, name=name)
    person.full_clean()
    person.save()
    return person


def check_row_values(row: BoardSeat | Auditor | OfficePost, values: Mapping[str, Any]) -> None:
    """The model's own rules (an end before the start, a second open seat, neither person
    nor firm, a share of full time) on the values given (a form's valid fields), each at
    its field. Public: the forms run it beside their own checks. A person typed by name is
    made only on save: until then the rules on the person wait."""
    fields = ROW_VALUES[type(row)]
    given = {name: values[name] for name in fields if name in values}
    if given.get("person") is None and values.get("new_name") != "":  # typed, or unreadable
        given.pop("person", None)
    check_model(row, given, fields)


# Board seats


def _seat_saved(seat: BoardSeat, problems: Problems | None = None) -> BoardSeat:
    """Save the seat, or refuse with every problem: the person's, the seat's rules across
    other rows and the model's, together."""
    problems = problems or Problems()
    with problems.gathered():
        check_board_seat(seat)
    with problems.gathered(new_fields_only=True):
        # The person's own problem is already told; the model would only repeat it.
        seat.full_clean(exclude=["person"] if problems and seat.person_id is None else None)
    problems.raise_any()
    return board_seat_save(seat=seat)


def _apply_seat(seat: BoardSeat, data: SeatData) -> BoardSeat:
    problems = Problems()
    with problems.gathered():
        seat.person = _person(seat.association, data.who, required=True)  # type: ignore[assignment]
    seat.appointed_by = data.appointed_by
    seat.kind, seat.position = data.kind, data.position
    seat.start, seat.end = data.start, data.end
    return _seat_saved(seat, problems)


def board_seat_appoint(*, association: Association, data: SeatData) -> BoardSeat:
    """A new seat on the board."""
    with transaction.atomic():
        _lock(association.pk)
        return _apply_seat(BoardSeat(association=association), data)


def board_seat_update(*, seat: BoardSeat, expected_version: int, data: SeatData) -> BoardSeat:
    """Correct a seat as entered; refused if someone saved it since the form was opened."""
    with transaction.atomic():
        _lock(seat.association_id)
        locked = BoardSeat.objects.select_for_update().get(pk=seat.pk)
        version_checked(locked, expected_version, what=_("Styrelseplatsen"))
        return _apply_seat(locked, data)


def board_seat_end(*, seat: BoardSeat, expected_version: int, end: date) -> BoardSeat:
    """End a seat: `end` is its last day; a successor's seat starts the day after."""
    with transaction.atomic():
        _lock(seat.association_id)
        locked = BoardSeat.objects.select_for_update().get(pk=seat.pk)
        version_checked(locked, expected_version, what=_("Styrelseplatsen"))
        locked.end = end
        return _seat_saved(locked)


# Auditors


def _apply_auditor(auditor: Auditor, data: AuditorData) -> Auditor:
    association = auditor.association
    problems = Problems()
    with problems.gathered():
        auditor.person = _person(association, data.who, required=False)
    with problems.gathered():
        check_appointing(data.appointed_by, association, data.start)
    auditor.firm, auditor.kind = data.firm.strip(), data.kind
    auditor.start, auditor.end = data.start, data.end
    with problems.gathered(new_fields_only=True):
        auditor.full_clean()
    problems.raise_any()
    auditor.save()
    auditor.appointed_by.set(data.appointed_by)
    return auditor


def auditor_add(*, association: Association, data: AuditorData) -> Auditor:
    with transaction.atomic():
        _lock(association.pk)
        return _apply_auditor(Auditor(association=association), data)


def auditor_update(*, auditor: Auditor, expected_version: int, data: AuditorData) -> Auditor:
    with transaction.atomic():
        _lock(auditor.association_id)
        locked = Auditor.objects.select_for_update().get(pk=auditor.pk)
        version_checked(locked, expected_version, what=_("Revisorsuppdraget"))
        return _apply_auditor(locked, data)


def auditor_end(*, auditor: Auditor, expected_version: int, end: date) -> Auditor:
    with transaction.atomic():
        _lock(auditor.association_id)
        locked = Auditor.objects.select_for_update().get(pk=auditor.pk)
        version_checked(locked, expected_version, what=_("Revisorsuppdraget"))
        locked.end = end
        locked.full_clean()
        locked.save()
        return locked


# The office (kansli)


def _apply_post(post: OfficePost, data: OfficeData) -> OfficePost:
    problems = Problems()
    with problems.gathered():
        post.person = _person(post.association, data.who, required=False)
    post.title, post.employer = data.title.strip(), data.employer.strip()
    post.fte_percent = data.fte_percent
    post.start, post.end = data.start, data.end
    return _post_saved(post, problems)


def _post_saved(post: OfficePost, problems: Problems | None = None) -> OfficePost:
    """Save the post, or refuse with the person's problem and the model's together."""
    problems = problems or Problems()
    with problems.gathered():
        post.full_clean()
    problems.raise_any()
    post.save()
    return post


def office_post_add(*, association: Association, data: OfficeData) -> OfficePost:
    with transaction.atomic():
        _lock(association.pk)
        return _apply_post(OfficePost(association=association), data)


def office_post_update(*, post: OfficePost, expected_version: int, data: OfficeData) -> OfficePost:
    with transaction.atomic():
        _lock(post.association_id)
        locked = OfficePost.objects.select_for_update().get(pk=post.pk)
        version_checked(locked, expected_version, what=_("Tjänsten"))
        return _apply_post(locked, data)


def office_post_end(*, post: OfficePost, expected_version: int, end: date) -> OfficePost:
    with transaction.atomic():
        _lock(post.association_id)
        locked = OfficePost.objects.select_for_update().get(pk=post.pk)
        version_checked(locked, expected_version, what=_("Tjänsten"))
        locked.end = end
        return _post_saved(locked)
