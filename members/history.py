"""Which history belongs to a funding year: budgets show it beside their own."""

from django.db.models import Q

from finsam.audit.log import Source
from members.models import AgreedContribution, FixedKeyShare, FundingYear, PopulationFigure


def funding_sources(funding_years: list[FundingYear]) -> list[Source]:
    """A year's decision, its agreed amounts and fixed shares, and the population key."""
    ids = [fy.pk for fy in funding_years]
    return [
        Source(FundingYear.history.model, Q(id__in=ids)),
        Source(AgreedContribution.history.model, Q(funding_year_id__in=ids)),
        Source(FixedKeyShare.history.model, Q(funding_year_id__in=ids)),
        Source(PopulationFigure.history.model, Q(date__in=[fy.key_date for fy in funding_years])),
    ]
