"""Entering the running year's outcome to date and full-year forecast by hand."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from budgets.followup import Entered
from budgets.models import BudgetColumn, BudgetDocument, FollowUpFigure
from budgets.services.common import budget_write
from finsam.errors import StaleEditError
from finsam.lib.numbers import fits_money, too_large_message
from finsam.problems import Problems
from finsam.versions import stale_message


def follow_up_save(
    *, column: BudgetColumn, figures: dict[int, Entered], expected: dict[int, Entered], user: Any
) -> None:
    """Save the figures per line; refuse all if any line changed since the form was opened.

    Follow-up is allowed on adopted budgets too: it does not change the budget itself.
    """
    with budget_write(user):
        document = BudgetDocument.objects.select_for_update().get(pk=column.document_id)
        rows = {f.line_id: f for f in FollowUpFigure.objects.filter(column=column)}
        current = {pk: Entered(r.outcome_to_date, r.forecast) for pk, r in rows.items()}
        stale = [pk for pk in figures if current.get(pk, Entered()) != expected.get(pk, Entered())]
        if stale:
            raise StaleEditError(
                stale_message(_("Uppföljningen")),
                {pk: current.get(pk, Entered()) for pk in stale},
            )
        labels = dict(document.lines.values_list("pk", "label"))
        # Every line with a figure too large is named in one answer; nothing is saved then
        # (the transaction is undone).
        problems = Problems()
        for pk, entered in figures.items():
            before = current.get(pk, Entered())
            if entered == before or pk not in labels:
                continue
            row = rows.get(pk) or FollowUpFigure(line_id=pk, column=column)
            row.outcome_to_date, row.forecast = entered.outcome_to_date, entered.forecast
            row.updated_by = user if getattr(user, "is_authenticated", False) else None
            if not all(fits_money(a) for a in (row.outcome_to_date, row.forecast) if a is not None):
                problems.add(None, too_large_message(labels[pk]))
                continue
            try:
                row.full_clean()
            except ValidationError as error:  # too many digits: the whole save is refused
                problems.add(None, f"{labels[pk]}: {' '.join(error.messages)}")
                continue
            row.save()
        problems.raise_any()
