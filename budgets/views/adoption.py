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
from django.utils.translation import gettext as _

from budgets import services
from budgets.forms import AdoptForm
from budgets.models import BudgetDocument
from budgets.services.status import adoption_preview, check_adoptable
from finsam.forms import add_errors, service_check
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from members.models import Meeting


@tenant_view(Perm.EDIT)
def adopt(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    document = get_scoped_or_404(BudgetDocument, tenant, pk=pk)
    if not document.is_draft:
        messages.error(request, _("Budgeten är redan fastställd."))
        return redirect("budgets:document", tenant.association.slug, document.pk)
    preview = adoption_preview(document)
    meetings = Meeting.objects.filter(association=tenant.association).order_by("-date")
    initial = {"figures": preview.checksum}
    form = AdoptForm(request.POST or None, initial=initial, meetings=meetings)
    step = "decision"
    if request.method == "POST" and not form.is_valid():
        # The checks' refusal in the same answer as the form's own (a missing date).
        service_check(
            form, lambda motivation: check_adoptable(preview, motivation.strip()), "motivation"
        )
    elif request.method == "POST":
        if not form.cleaned_data["confirmed"]:
            step = "confirm" if _decided(form, preview) else step
        elif _adopted(request, form, document):
            messages.success(request, _("Budgeten är fastställd; siffrorna är sparade och låsta."))
            return redirect("budgets:document", tenant.association.slug, document.pk)
    context = {
        "document": document,
        "form": form,
        "preview": preview,
        "meetings": meetings[:20],
        "step": step,
        "meeting": form.cleaned_data.get("meeting") if step == "confirm" else None,
    }
    return render(request, "budgets/adopt.html", context)


def _decided(form: AdoptForm, preview) -> bool:
    """The first step: the checks allow adoption, with the motivation the warnings need."""
    try:
        check_adoptable(preview, form.cleaned_data["motivation"].strip())
    except ValidationError as error:
        add_errors(form, error)
        return False
    return True


def _adopted(request: HttpRequest, form: AdoptForm, document: BudgetDocument) -> bool:
    """The confirmed step: adopt the figures the page showed, or say why not."""
    data = form.cleaned_data
    try:
        services.document_adopt(
            document=document,
            adopted_on=data["adopted_on"],
            meeting=data["meeting"],
            diary_number=data["diary_number"],
            motivation=data["motivation"],
            expected=data["figures"],
            user=request.user,
        )
    except ValidationError as error:
        add_errors(form, error)
        return False
    except services.StaleEditError as stale:
        form.add_error(None, str(stale))
        return False
    return True
