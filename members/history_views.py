"""One funding year's history: its decision, agreed amounts, fixed shares and population key."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from finsam.audit.pages import render_history
from finsam.permissions import Perm
from finsam.tenancy import Tenant, get_scoped_or_404, tenant_view
from members.history import funding_sources
from members.models import FundingYear


@tenant_view(Perm.VIEW_HISTORY)
def funding_year_history(request: HttpRequest, tenant: Tenant, year: int) -> HttpResponse:
    funding_year = get_scoped_or_404(FundingYear, tenant, year=year)
    context = {
        "title": _("Historik för finansieringen %(year)s") % {"year": year},
        "back": reverse("members:funding_year", args=[tenant.association.slug, year]),
        "back_label": _("Finansiering %(year)s") % {"year": year},
        "explanation": _(
            "Statens bidrag, fördelningsnyckeln, överenskomna belopp, fasta andelar och "
            "invånarantalen den 1 november året före, som bidragen räknas fram ur."
        ),
    }
    return render_history(request, tenant, funding_sources([funding_year]), context)
