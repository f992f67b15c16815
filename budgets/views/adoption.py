"""Adopting a budget in two steps: the board's decision is typed, then confirmed.

The first page lists what adoption freezes and the checks: an error means the budget cannot
be adopted; a warning needs the board's written motivation. The confirmation page repeats
the decision and says what adoption does; only its button adopts. Both carry the checksum of
the figures shown, so figures that changed in between are not adopted unseen.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from budgets import services
from budgets.forms import AdoptForm
from budgets.models import BudgetDocument
from budgets.services.status import adoption_preview, check_adoptable
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from members.models import Meeting


@tenant_view(Perm.EDIT)
def adopt(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    document = get_scoped_or_404(BudgetDocument, tenant, pk=pk)
    if not document.is_draft:
        messages.error(request, "Budgeten är redan fastställd.")
        return redirect("budgets:document", tenant.association.slug, document.pk)
    preview = adoption_preview(document)
    meetings = Meeting.objects.filter(association=tenant.association).order_by("-date")
    form = AdoptForm(request.POST or None, initial={"figures": preview.checksum})
    step = "decision"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = meetings.filter(pk=data["meeting"] or 0).first()
        if data["meeting"] and meeting is None:
            form.add_error("meeting", "Mötet finns inte i förbundet.")
        elif not data["confirmed"]:
            try:
                check_adoptable(preview, data["motivation"].strip())
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                step = "confirm"
        else:
            try:
                services.document_adopt(
                    document=document,
                    adopted_on=data["adopted_on"],
                    meeting=meeting,
                    diary_number=data["diary_number"],
                    motivation=data["motivation"],
                    expected=data["figures"],
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            except services.StaleEditError as stale:
                form.add_error(None, str(stale))
            else:
                messages.success(request, "Budgeten är fastställd; siffrorna är sparade och låsta.")
                return redirect("budgets:document", tenant.association.slug, document.pk)
    context = {
        "document": document,
        "form": form,
        "preview": preview,
        "meetings": meetings[:20],
        "step": step,
        "meeting": meetings.filter(pk=form.cleaned_data.get("meeting") or 0).first()
        if step == "confirm"
        else None,
    }
    return render(request, "budgets/adopt.html", context)
