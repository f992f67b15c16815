"""Comments on a budget draft: board members and staff comment, staff resolve."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from budgets.forms import CommentForm, ResolveCommentForm
from budgets.models import BudgetDocument
from budgets.services.comments import comment_add, comment_resolve
from budgets.views.common import posted_to_document
from finsam.errors import StaleEditError
from finsam.permissions import Perm
from finsam.tenancy import Tenant, tenant_view


def _back(document: BudgetDocument) -> HttpResponse:
    response = redirect("budgets:document", document.association.slug, document.pk)
    response["Location"] += "#kommentarer"
    return response


@tenant_view(Perm.COMMENT)
@posted_to_document
def comment_add_view(
    request: HttpRequest, tenant: Tenant, document: BudgetDocument
) -> HttpResponse:
    form = CommentForm(request.POST, document=document)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return _back(document)
    try:
        comment_add(document=document, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return _back(document)
    messages.success(request, _("Kommentaren är sparad."))
    return _back(document)


@tenant_view(Perm.EDIT)
@posted_to_document
def comment_resolve_view(
    request: HttpRequest, tenant: Tenant, document: BudgetDocument, comment: int
) -> HttpResponse:
    found = document.comments.filter(pk=comment, parent__isnull=True).first()
    if found is None:
        messages.error(request, _("Kommentaren finns inte i den här budgeten."))
        return _back(document)
    form = ResolveCommentForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("version", []):
            messages.error(request, str(error))
        return _back(document)
    try:
        comment_resolve(comment=found, user=request.user, expected=form.cleaned_data["version"])
    except StaleEditError as stale:
        messages.error(request, str(stale))
        return _back(document)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(document)
    messages.success(request, _("Kommentaren är markerad som klar."))
    return _back(document)
