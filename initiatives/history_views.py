"""An initiative's history page (staff, auditors and admins)."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from finsam.audit.pages import render_history
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from initiatives.history import initiative_sources
from initiatives.models import Initiative


@tenant_view(Perm.VIEW_HISTORY)
def initiative_history(request: HttpRequest, tenant: Tenant, pk: int) -> HttpResponse:
    initiative = get_scoped_or_404(Initiative, tenant, pk=pk)
    context = {
        "title": f"Historik för {initiative}",
        "back": reverse("initiatives:detail", args=[tenant.association.slug, initiative.pk]),
        "back_label": initiative.name,
        "explanation": (
            "Insatsens uppgifter och status, beslut, mål och utfall, uppföljningsperioder och "
            "deltagarsiffror."
        ),
    }
    return render_history(request, tenant, initiative_sources(initiative), context)
