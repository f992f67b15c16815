"""What waits for a user after sign-in: per association, the items that wait for their role there.

The platform names no item kind. Each app registers its providers (`register_waiting`, from its
AppConfig.ready, as `finsam.imports.kinds` does for import kinds): a provider says under which
heading its items stand, which roles they wait for, and reads them for one association and day
with a fixed number of queries, however many items there are. A heading may gather the items of
several apps (budget drafts and report drafts stand under one heading).

Every provider reads one association only: nothing of another association reaches its list.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, QuerySet
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from finsam.models import Association, UserRole
from finsam.permissions import Perm, Role, role_allows

# The headings the apps share: one wording for budget drafts and report drafts alike.
NEXT_MEETING = _("Inför nästa styrelsemöte")
DRAFTS = _("Utkast som väntar på fastställelse")
DUE = _("Rapporter att fastställa")
CHECKS = _("Kontroller som inte går igenom")
IMPORTS = _("Importer som väntar på bekräftelse")
COMMENTS = _("Obesvarade kommentarer från styrelsen")
ADOPTED = _("Fastställda dokument att läsa")
CHANGES = _("Senaste ändringarna")


@dataclass(frozen=True)
class Item:
    """One thing to do, where it is done (`url`), and by when (`due`, `overdue`)."""

    text: str
    url: str
    note: str = ""
    due: date | None = None
    overdue: bool = False


ItemReader = Callable[[Association, date], list[Item]]


@dataclass(frozen=True)
class Provider:
    heading: str | Promise
    roles: frozenset[Role]
    items: ItemReader
    # Headings are shown in the order of their lowest `order`.
    order: int = 50


@dataclass
class Section:
    heading: str
    items: list[Item]


@dataclass
class AssociationWaiting:
    """One association's heading on the start page: the user's role and what waits there."""

    association: Association
    role: Role
    sections: list[Section] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(section.items) for section in self.sections)


_PROVIDERS: dict[str, Provider] = {}


def day_text(value: date | datetime, format_name: str | None = None) -> str:
    """A date (or date and time) in an item's text, with no-break spaces: a list item's line
    must not break inside "1 december 2026"."""
    return date_format(value, format_name).replace(" ", "\u00a0")


def unanswered_note(count: int) -> str:
    """The note of a document with board comments nobody has answered."""
    return ngettext("%(count)s obesvarad kommentar", "%(count)s obesvarade kommentarer", count) % {
        "count": count
    }


def unanswered_items(threads: QuerySet, document: str, url: Callable[[int], str]) -> list[Item]:
    """One item per document (`document`: the comment's field naming it, a model with a title
    and a year) that has unanswered comment threads, counted; `url` links a document's id."""
    per_document = (
        threads.values(f"{document}_id", f"{document}__title")
        .annotate(count=Count("pk"))
        .order_by(f"{document}__year", f"{document}_id")
    )
    return [
        Item(
            text=row[f"{document}__title"],
            url=url(row[f"{document}_id"]),
            note=unanswered_note(row["count"]),
        )
        for row in per_document
    ]


def register_waiting(key: str, provider: Provider) -> None:
    _PROVIDERS[key] = provider


def roles_with(perm: Perm) -> frozenset[Role]:
    """The roles allowed `perm`: a provider's items wait for those who may act on them."""
    return frozenset(role for role in Role if role_allows(role, perm))


def roles_of(user) -> list[tuple[Association, Role]]:
    """The associations the user holds a role in, with the role, by name.

    A superuser acts as admin everywhere but is listed only where they hold a role: the lists
    of every association of an installation (about 80 in Sweden) would make one long and slow
    page (`other_associations` names the rest).
    """
    grants = UserRole.objects.filter(user=user).select_related("association")
    return [
        (grant.association, Role(grant.role))
        for grant in sorted(grants, key=lambda grant: grant.association.name)
    ]


def other_associations(user) -> list[Association]:
    """For a superuser, the associations they hold no role in (for others, none)."""
    if not user.is_superuser:
        return []
    return list(Association.objects.exclude(user_roles__user=user).order_by("name"))


def waiting_in(association: Association, role: Role, today: date) -> AssociationWaiting:
    """What waits for `role` in `association` on `today`; headings without items left out."""
    shown = AssociationWaiting(association, role)
    by_heading: dict[str, Section] = {}
    for provider in _providers_for(role):
        items = provider.items(association, today)
        if not items:
            continue
        heading = str(provider.heading)
        if heading not in by_heading:
            by_heading[heading] = Section(heading, [])
            shown.sections.append(by_heading[heading])
        by_heading[heading].items.extend(items)
    return shown


def waiting_for(user, today: date) -> list[AssociationWaiting]:
    """Every association of the user, each with what waits for the user's role there."""
    return [waiting_in(association, role, today) for association, role in roles_of(user)]


def _providers_for(role: Role) -> Iterable[Provider]:
    chosen = [p for p in _PROVIDERS.values() if role in p.roles]
    return sorted(chosen, key=lambda p: p.order)
