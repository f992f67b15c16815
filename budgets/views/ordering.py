"""Moving columns and sections up and down, and the page that confirms a deletion.

Deleting a line, a column or a section is two steps: the structure page links to the
confirmation page (`delete_confirm`), whose button posts to the item's own endpoint with
`bekraftat`; a delete posted without it is sent to the confirmation page instead.
"""

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from budgets.models import BudgetDocument
from budgets.services.ordering import column_move, section_lines_fingerprint, section_move
from budgets.views.common import CONFIRMED, posted_to_document
from budgets.views.structure import _attempt, _back
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view


@tenant_view(Perm.EDIT)
@posted_to_document
def column_move_view(
    request: HttpRequest, tenant: Tenant, document: BudgetDocument, column: int
) -> HttpResponse:
    found = get_scoped_or_404(document.columns.all(), tenant, pk=column)
    done = _("Kolumnen är flyttad.")
    return _move(request, document, done, column_move, "kolumner", column=found)


@tenant_view(Perm.EDIT)
@posted_to_document
def section_move_view(
    request: HttpRequest, tenant: Tenant, document: BudgetDocument, section: int
) -> HttpResponse:
    found = get_scoped_or_404(document.sections.all(), tenant, pk=section)
    done, anchor = _("Avsnittet är flyttat."), f"section-{found.pk}"
    return _move(request, document, done, section_move, anchor, section=found)


def _move(
    request: HttpRequest,
    document: BudgetDocument,
    done: str,
    service: Callable,
    anchor: str,
    **item: Any,
) -> HttpResponse:
    """Up ("upp") or down, from the order the page showed (`was`)."""
    up, expected = request.POST.get("action") == "upp", request.POST.get("was") or None
    _attempt(request, done, service, up=up, expected=expected, **item)
    return _back(document, anchor=anchor)


@tenant_view(Perm.EDIT)
def delete_confirm(
    request: HttpRequest, tenant: Tenant, pk: int, what: str, item: int
) -> HttpResponse:
    """Ask before deleting a line ("rad"), a column ("kolumn"), a section ("avsnitt") or a
    footnote ("fotnot")."""
    document = get_scoped_or_404(BudgetDocument, tenant, pk=pk)
    slug = document.association.slug
    fields: dict[str, object]
    if what == "rad":
        line = get_scoped_or_404(document.lines.all(), tenant, pk=item)
        message = _("Ta bort raden ”%(line_label)s” med alla dess belopp?") % {
            "line_label": line.label
        }
        # The version the confirmed page showed: a line changed meanwhile is not deleted unseen.
        action, fields = reverse("budgets:line", args=[slug, pk, item]), {"version": line.version}
    elif what == "kolumn":
        column = get_scoped_or_404(document.columns.all(), tenant, pk=item)
        message = _("Ta bort kolumnen ”%(column_label)s” med alla dess belopp?") % {
            "column_label": column.label
        }
        action, fields = reverse("budgets:columns", args=[slug, pk]), {"column": item}
    elif what == "avsnitt":
        section = get_scoped_or_404(document.sections.all(), tenant, pk=item)
        count = section.lines.count()
        message = ngettext(
            "Ta bort avsnittet ”%(section)s” med dess %(count)s rader och deras belopp?",
            "Ta bort avsnittet ”%(section)s” med dess %(count)s rader och deras belopp?",
            count,
        ) % {"section": section, "count": count}
        action = reverse("budgets:sections", args=[slug, pk])
        fields = {"section": item, "rader": section_lines_fingerprint(section)}
    elif what == "fotnot":
        footnote = get_scoped_or_404(document.footnotes.all(), tenant, pk=item)
        message = _("Ta bort fotnot %(number)s, ”%(text)s”?") % {
            "number": footnote.number,
            "text": footnote.text,
        }
        action = reverse("budgets:footnotes", args=[slug, pk])
        fields = {"footnote": item}
    else:
        raise Http404(_("Okänt slag att ta bort."))
    context = {
        "message": message,
        "action": action,
        "fields": fields | {"action": "ta-bort", CONFIRMED: "1"},
        "cancel": reverse("budgets:structure", args=[slug, pk]) + "#" + _anchor(what, item),
    }
    return render(request, "confirm.html", context)


def _anchor(what: str, item: int) -> str:
    """Where on the structure page the item stands, for "Avbryt" to return to."""
    places = {"rad": f"line-{item}", "avsnitt": f"section-{item}", "kolumn": "kolumner"}
    return places.get(what, "fotnoter")
