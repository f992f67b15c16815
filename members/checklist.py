"""The starting-out checklist on a new association's overview (issue #16).

Each step is computed from the association's own rows in one query. The overview shows the
list only while the association is starting out: some step is not done and nothing has been
adopted yet. An association that has adopted a budget or a report, or written an interim
report, runs (the four demo
associations all have, though some lack a board, an organisation number or a plan in the demo
data): a gap there is no longer a start-up step, and the list would never go away.

Budgets and reports sit above members in the layers: their rows are reached through the
association's reverse relations and their pages by URL name, never by importing the apps.
"""

from dataclasses import dataclass

from django.db.models import Exists, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from finsam.models import Association


@dataclass(frozen=True)
class Step:
    label: str
    url: str
    done: bool


@dataclass(frozen=True)
class Checklist:
    steps: list[Step]
    # True once a budget or a report is adopted or an interim report written: it runs.
    running: bool

    @property
    def shown(self) -> bool:
        return not self.running and not all(step.done for step in self.steps)


def setup_checklist(association: Association, year: int) -> Checklist:
    """The six steps of starting out, in the order they are best done.

    "This year's funding" is a funding year for `year` or later, or for a year the association
    already budgets: an association whose budgets and funding lie in earlier years has started
    long ago, and the list is for starting out, not a reminder of next year's decision.
    """
    budgets = association.budget_documents.all()
    found = (
        Association.objects.filter(pk=association.pk)
        .annotate(
            has_members=Exists(association.memberships.all()),
            has_funding=Exists(
                association.funding_years.filter(
                    Q(year__gte=year) | Q(year__in=budgets.values("year"))
                )
            ),
            has_board=Exists(association.board_seats.all()),
            has_budget=Exists(budgets),
            # reports.ReportKind.VERKSAMHETSPLAN, spelled out: members may not import reports.
            has_plan=Exists(association.reports.filter(kind="verksamhetsplan")),
            has_adopted=Exists(budgets.filter(adopted_on__isnull=False))
            | Exists(association.reports.filter(adoptions__isnull=False))
            # An interim report follows a year already under way (Växjö's demo has only one).
            | Exists(association.reports.filter(kind="delarsrapport")),
        )
        .values("has_members", "has_funding", "has_board", "has_budget", "has_plan", "has_adopted")
        .get()
    )
    slug = association.slug
    steps = [
        Step(
            _("Förbundets uppgifter"),
            reverse("members:facts", args=[slug]),
            bool(association.org_number),
        ),
        Step(_("Medlemmar"), reverse("members:memberships", args=[slug]), found["has_members"]),
        Step(
            _("Årets finansiering"),
            reverse("members:funding_years", args=[slug]),
            found["has_funding"],
        ),
        Step(_("Styrelsen"), reverse("members:board", args=[slug]), found["has_board"]),
        Step(_("Första budgeten"), reverse("budgets:list", args=[slug]), found["has_budget"]),
        Step(
            _("Första verksamhetsplanen"),
            reverse("reports:list", args=[slug]),
            found["has_plan"],
        ),
    ]
    return Checklist(steps, running=found["has_adopted"])


def open_checklist(association: Association, year: int) -> list[Step] | None:
    """The steps while some is not done; None once the association is set up."""
    checklist = setup_checklist(association, year)
    return checklist.steps if checklist.shown else None
