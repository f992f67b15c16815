"""Creating a budget document and changing its settings and sections."""

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
from budgets.services.common import budget_write, fingerprint, locked_draft
from finsam.errors import StaleEditError
from finsam.saving import saved
from members.models import Association

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
SETTING_FIELDS = (
    "title",
    "unit",
    "costs_negative",
    "counted_share",
    "revenue_total_label",
    "cost_total_label",
    "result_label",
    "result_with_sign",
    "balance_explanation",
)


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


def settings_fingerprint(document: BudgetDocument) -> str:
    return fingerprint(*(getattr(document, name) for name in SETTING_FIELDS))


def document_update(
    *, document: BudgetDocument, settings: dict[str, Any], user: Any, expected: str | None = None
) -> BudgetDocument:
    """Change the document's title, display defaults, counted share, labels and explanation.

    `expected` is `settings_fingerprint` of the settings the form showed: settings changed
    by someone else since are not overwritten (StaleEditError)."""
    with budget_write(user):
        locked = locked_draft(document)
        if expected is not None and settings_fingerprint(locked) != expected:
            raise StaleEditError(
                _(
                    "Budgetens inställningar har ändrats av någon annan sedan du öppnade sidan; "
                    "de aktuella visas nu. Din ändring sparades inte."
                )
            )
        for name, value in settings.items():
            if name not in SETTING_FIELDS:
                raise ValidationError(_("Okänd inställning: %(name)s.") % {"name": name})
            old = getattr(locked, name)
            if old != value:
                setattr(locked, name, value)
        saved(locked)
        return locked


def section_add(*, document: BudgetDocument, name: str, kind: str, user: Any) -> BudgetSection:
    """A new section last among its kind's neighbours: revenue before costs."""
    with budget_write(user):
        locked = locked_draft(document)
        last = locked.sections.aggregate(Max("order"))["order__max"]
        section = saved(
            BudgetSection(
                document=locked,
                order=0 if last is None else last + 1,
                name=name,
                kind=kind,
                subtotal_label=f"Summa {name.lower()}",
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
    expected: tuple[str, str, bool] | None = None,
) -> BudgetSection:
    """Change a section's heading and subtotal; with `expected` (name, subtotal label, shown
    as the form showed them) a section changed meanwhile by someone else is refused."""
    with budget_write(user):
        locked_draft(section.document)
        stored = BudgetSection.objects.get(pk=section.pk)
        current = (stored.name, stored.subtotal_label, stored.show_subtotal)
        if expected is not None and current != expected:
            raise StaleEditError(
                _(
                    "Avsnittet har ändrats till ”%(stored_name)s” sedan du öppnade sidan; "
                    "ändringen sparades inte."
                )
                % {"stored_name": stored.name},
                current,
            )
        stored.name, stored.subtotal_label = name, subtotal_label
        stored.show_subtotal = show_subtotal
        saved(stored)
        return stored
