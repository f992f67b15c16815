"""Writes of an association's members: shared organisations, memberships, population figures.

A member organisation is shared by every association it belongs to (one per organisation
number), so an association adds it once and others pick it; only its memberships belong to
the association. Renaming an organisation shows in every association that has it, so only a
superuser may give it a new name, from a date, keeping the old one for older documents.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from finsam.models import Association
from finsam.problems import Problems
from finsam.versions import version_checked
from members.models import Member, MemberKind, MemberName, Membership, PopulationFigure
from members.selectors import members_of, memberships_held


def organisation_create(*, name: str, kind: str, org_number: str) -> Member:
    """A new shared organisation; a number or name already there is refused at its field."""
    member = Member(name=name.strip(), kind=kind, org_number=org_number.strip())
    member.full_clean()
    member.save()
    return member


def organisation_join(
    *, association: Association, name: str, kind: str, org_number: str, valid_from: date | None
) -> Membership:
    """Add an organisation not in the application yet and make it a member: both or neither."""
    with transaction.atomic():
        member = organisation_create(name=name, kind=kind, org_number=org_number)
        return membership_start(association=association, member=member, valid_from=valid_from)


def membership_start(
    *, association: Association, member: Member, valid_from: date | None
) -> Membership:
    """Make `member` a member of `association` from `valid_from` (None: since it was formed).

    Periods of one member in one association never overlap; the association's row is locked
    while that is checked, so two people adding the same member cannot both succeed.
    """
    with transaction.atomic():
        Association.objects.select_for_update().get(pk=association.pk)
        membership = Membership(
            association=association,
            member=member,
            valid_from=valid_from,
            order=Membership.objects.filter(association=association).count(),
        )
        # Not gathered: the overlap is checked on a membership the model accepts, and the
        # model's own rule (one open membership) already says what an overlap would.
        membership.full_clean()
        _refuse_overlap(membership)
        membership.save()
        return membership


def membership_end(*, membership: Membership, valid_to: date, expected_version: int) -> Membership:
    """End a membership on `valid_to` (its last day as a member)."""
    with transaction.atomic():
        Association.objects.select_for_update().get(pk=membership.association_id)
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        version_checked(locked, expected_version, what=_("Medlemskapet"))
        if locked.valid_to is not None:
            ended = _("Medlemskapet har redan upphört %(day)s.") % {"day": locked.valid_to}
            raise ValidationError({"valid_to": ended})
        locked.valid_to = valid_to
        try:
            locked.full_clean()
        except ValidationError as error:  # only the end changed: say it there
            raise ValidationError({"valid_to": error.messages}) from error
        locked.save()
        return locked


def _refuse_overlap(membership: Membership) -> None:
    held = memberships_held(membership.association, membership.valid_from, membership.valid_to)
    others = held.filter(member_id=membership.member_id).exclude(pk=membership.pk)
    if others.exists():
        raise ValidationError(
            {"valid_from": _("Medlemmen är redan medlem i förbundet under den perioden.")}
        )


def member_rename(
    *, member: Member, name: str, valid_from: date, expected_version: int, user
) -> Member:
    """Give an organisation a new name from `valid_from`; superusers only.

    The name it had until then is kept as a dated row, so a document dated earlier still
    prints it (Finnveden's 2014 plan says Landstinget i Jönköpings län, not Region).
    """
    if not getattr(user, "is_superuser", False):
        raise PermissionDenied
    with transaction.atomic():
        locked = Member.objects.select_for_update().get(pk=member.pk)
        version_checked(locked, expected_version, what=_("Organisationen"))
        problems = Problems()
        if locked.named_since is not None and valid_from <= locked.named_since:
            problems.add(
                "valid_from",
                _("Det nya namnet måste gälla från en dag efter %(day)s.")
                % {"day": locked.named_since},
            )
        else:
            _keep_name(locked)
        locked.name, locked.named_since = name.strip(), valid_from
        with problems.gathered():
            locked.full_clean()
        problems.raise_any()
        locked.save()
        return locked


def _keep_name(member: Member) -> None:
    """Store the name in use until now as a dated row (no date: the first name)."""
    kept = MemberName(member=member, name=member.name, valid_from=member.named_since)
    kept.full_clean()
    kept.save()


def population_choices(association: Association):
    """The municipalities a population figure can be entered for: the association's own."""
    return members_of(association).filter(kind=MemberKind.MUNICIPALITY).order_by("name")


def population_figure_save(
    *, figure: PopulationFigure, expected_version: int | None
) -> PopulationFigure:
    """Add or change a municipality's population on a date; the municipality must be one of
    the association's members, and a changed figure must not be stale."""
    with transaction.atomic():
        Association.objects.select_for_update().get(pk=figure.association_id)
        if figure.pk is not None:
            locked = PopulationFigure.objects.select_for_update().get(pk=figure.pk)
            version_checked(locked, expected_version, what=_("Invånarantalet"))
            figure.version = locked.version
        problems = Problems()
        if not population_choices(figure.association).filter(pk=figure.member_id).exists():
            problems.add("member", _("Kommunen är inte medlem i förbundet."))
        with problems.gathered(new_fields_only=True):  # the model's words for it: once
            figure.full_clean()
        problems.raise_any()
        figure.save()
        return figure


def population_figure_delete(*, figure: PopulationFigure, expected_version: int) -> None:
    with transaction.atomic():
        locked = PopulationFigure.objects.select_for_update().get(pk=figure.pk)
        version_checked(locked, expected_version, what=_("Invånarantalet"))
        locked.delete()
