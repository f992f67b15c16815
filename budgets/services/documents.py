"""Creating a budget document and changing its settings and sections."""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budgets.models import (
    BudgetColumn,
    BudgetDocument,
    BudgetLine,
    BudgetSection,
    ColumnKind,
    LineKind,
    SectionKind,
)
from budgets.services.common import budget_write, locked_draft
from finsam.models import Association
from finsam.problems import Problems, check_model
from finsam.saving import saved
from finsam.versions import version_checked

# What a new document starts with: the three usual sections and the carried-forward line,
# written in the language of the person who creates it.
STARTING_SECTIONS = [
    (gettext_lazy("Intäkter"), SectionKind.REVENUE, gettext_lazy("Summa intäkter")),
    (gettext_lazy("Verksamhet"), SectionKind.OPERATIONS, gettext_lazy("Summa verksamhet")),
    (
        gettext_lazy("Administration"),
        SectionKind.ADMINISTRATION,
        gettext_lazy("Summa administration"),
    ),
]
SETTING_FIELDS = BudgetDocument.SETTING_FIELDS


def document_create(
    *, association: Association, year: int, title: str, user: Any
) -> BudgetDocument:
    """A new draft for `year`: one budget column, the usual sections, a carried-forward line."""
    with budget_write(user):
        Association.objects.select_for_update().get(pk=association.pk)
        latest = BudgetDocument.objects.filter(association=association, year=year).aggregate(
            Max("revision")
        )["revision__max"]
        document = saved(
            BudgetDocument(
                association=association, year=year, title=title, revision=(latest or 0) + 1
            )
        )
        saved(
            BudgetColumn(
                document=document,
                order=0,
                kind=ColumnKind.BUDGET,
                year=year,
                label=_("Budget %(year)s") % {"year": year},
            )
        )
        for order, (name, kind, subtotal) in enumerate(STARTING_SECTIONS):
            section = saved(
                BudgetSection(
                    document=document,
                    order=order,
                    name=str(name),
                    kind=kind,
                    subtotal_label=str(subtotal),
                )
            )
            if kind == SectionKind.REVENUE:
                saved(
                    BudgetLine(
                        document=document,
                        section=section,
                        order=0,
                        label=_("Balanserat resultat"),
                        kind=LineKind.CARRIED_FORWARD,
                    )
                )
        return document


def document_update(
    *, document: BudgetDocument, settings: dict[str, Any], user: Any, expected: int | None = None
) -> BudgetDocument:
    """Change the document's title, display defaults, counted share, labels and explanation.

    `expected` is the version the form showed: settings changed by someone else since are
    not overwritten (StaleEditError)."""
    with budget_write(user):
        locked = locked_draft(document)
        version_checked(locked, expected, what=_("Budgetens inställningar"))
        for name, value in settings.items():
            if name not in SETTING_FIELDS:
                raise ValidationError(_("Okänd inställning: %(name)s.") % {"name": name})
            old = getattr(locked, name)
            if old != value:
                setattr(locked, name, value)
        saved(locked)
        return locked


SECTION_FIELDS = ("name", "kind", "show_subtotal", "subtotal_label")


def check_new_section(document: BudgetDocument, values: Mapping[str, Any]) -> None:
    """A new section's heading and kind, both needed, and the model's own rules, on the
    values given (a form's valid fields), each at its field. Public: the structure page runs
    it beside the form's own checks."""
    problems = Problems()
    if "name" in values and not values["name"]:
        problems.add("name", _("Ange rubrik för det nya avsnittet."))
    if "kind" in values and not values["kind"]:
        problems.add("kind", _("Ange slag för det nya avsnittet."))
    with problems.gathered(new_fields_only=True):
        check_model(BudgetSection(document=document), values, SECTION_FIELDS)
    problems.raise_any()


def section_add(*, document: BudgetDocument, name: str, kind: str, user: Any) -> BudgetSection:
    """A new section last among its kind's neighbours: revenue before costs."""
    with budget_write(user):
        locked = locked_draft(document)
        check_new_section(locked, {"name": name, "kind": kind})
        last = locked.sections.aggregate(Max("order"))["order__max"]
        section = saved(
            BudgetSection(
                document=locked,
                order=0 if last is None else last + 1,
                name=name,
                kind=kind,
                subtotal_label=_("Summa %(section)s") % {"section": name.lower()},
            )
        )
        return section


def section_update(
    *,
    section: BudgetSection,
    name: str,
    subtotal_label: str,
    show_subtotal: bool,
    user: Any,
    expected: int | None = None,
) -> BudgetSection:
    """Change a section's heading and subtotal; with `expected` (the version the form
    showed) a section changed meanwhile by someone else is refused."""
    with budget_write(user):
        locked_draft(section.document)
        stored = BudgetSection.objects.get(pk=section.pk)
        version_checked(stored, expected, what=_("Avsnittet ”%(name)s”") % {"name": stored.name})
        stored.name, stored.subtotal_label = name, subtotal_label
        stored.show_subtotal = show_subtotal
        saved(stored)
        return stored
