"""What a budget's history pages show: which historical rows belong to a document, a line
or a cell, and when the document was adopted.

Children are found through their own history (the line ids a document ever had), so a
line or figure deleted since still shows. A document's contribution lines are computed from
the funding of its years, so the funding's history for those years belongs to it too.
"""

from datetime import datetime, time

from django.db.models import Q
from django.utils import timezone

from budgets.models import (
    Account,
    BudgetAmount,
    BudgetColumn,
    BudgetDocument,
    BudgetLine,
    BudgetSection,
    DocumentStatus,
    FollowUpFigure,
    Footnote,
)
from finsam.audit.log import Source
from members.history import funding_sources
from members.models import FundingYear


def _line_ids(document: BudgetDocument):
    return BudgetLine.history.filter(document_id=document.pk).values("id")


def document_sources(document: BudgetDocument) -> list[Source]:
    lines = _line_ids(document)
    years = BudgetColumn.history.filter(document_id=document.pk).values("year")
    funding = list(FundingYear.objects.filter(association=document.association, year__in=years))
    return [
        Source(BudgetDocument.history.model, Q(id=document.pk)),
        *(
            Source(model.history.model, Q(document_id=document.pk))
            for model in (BudgetColumn, BudgetSection, BudgetLine, Footnote)
        ),
        Source(BudgetAmount.history.model, Q(line_id__in=lines)),
        Source(FollowUpFigure.history.model, Q(line_id__in=lines)),
        Source(Account.history.model, Q(budget_line_id__in=lines)),
        *funding_sources(funding),
    ]


def line_sources(line: BudgetLine) -> list[Source]:
    return [
        Source(BudgetLine.history.model, Q(id=line.pk)),
        Source(BudgetAmount.history.model, Q(line_id=line.pk)),
        Source(FollowUpFigure.history.model, Q(line_id=line.pk)),
        Source(Account.history.model, Q(budget_line_id=line.pk)),
    ]


def cell_sources(line: BudgetLine, column: BudgetColumn) -> list[Source]:
    where = Q(line_id=line.pk, column_id=column.pk)
    return [
        Source(BudgetAmount.history.model, where),
        Source(FollowUpFigure.history.model, where),
    ]


def adopted_at(document: BudgetDocument) -> datetime | None:
    """When the adoption was recorded (the first historical row saying "adopted"); a
    document adopted before history began counts from the end of its adoption day."""
    if document.is_draft:
        return None
    recorded = (
        BudgetDocument.history.filter(id=document.pk, status=DocumentStatus.ADOPTED)
        .order_by("history_id")
        .values_list("history_date", flat=True)
        .first()
    )
    if recorded is not None:
        return recorded
    assert document.adopted_on is not None  # an adopted document has its date (constraint)
    return timezone.make_aware(datetime.combine(document.adopted_on, time.max))
