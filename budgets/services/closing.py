"""Closing a year of the books (bokslut) and reopening it.

A closed year's books refuse further imports (budgets.accounts.importing); its closing
equity, read from the books when the year is closed, is kept on the closing and proposed as
the next budget's opening (budgets.opening). Closing needs the books to hold the whole year.
Reopening needs a reason; both land in history naming who acted.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from budgets.opening import books_closing_equity
from budgets.services.common import budget_write
from finsam.models import Association, YearClosing
from finsam.problems import Problems
from finsam.versions import version_checked


def year_close(
    *, association: Association, year: int, user: Any, expected_version: int | None
) -> YearClosing:
    """Close `year`: lock its books and keep its closing equity."""
    with budget_write(user):
        Association.objects.select_for_update().get(pk=association.pk)
        closing = YearClosing.objects.filter(association=association, year=year).first()
        version_checked(
            closing, expected_version, what=_("Bokslutet för %(year)s") % {"year": year}
        )
        if closing is not None and closing.is_closed:
            raise ValidationError(_("Året %(year)s är redan stängt.") % {"year": year})
        equity = books_closing_equity(association, year)
        if equity is None:
            raise ValidationError(
                _(
                    "Bokföringen för %(year)s saknar årets slut (utgående balans eller "
                    "decembers verifikationer); läs in hela året innan du stänger det."
                )
                % {"year": year}
            )
        closing = closing or YearClosing(association=association, year=year)
        closing.closed_on = timezone.localdate()
        closing.closed_by = user
        closing.closing_equity = equity
        closing.reopened_on, closing.reopened_by, closing.reopen_reason = None, None, ""
        closing.full_clean()
        closing.save()
        return closing


def year_reopen(
    *, association: Association, year: int, user: Any, reason: str, expected_version: int
) -> YearClosing:
    """Reopen a closed year so its books can be imported again; the reason is kept."""
    reason = reason.strip()
    problems = Problems()
    if not reason:
        problems.add("reason", _("Skriv varför året öppnas igen."))
    with budget_write(user, reason=reason):
        closing = (
            YearClosing.objects.select_for_update()
            .filter(association=association, year=year)
            .first()
        )
        not_closed = _("Året %(year)s är inte stängt.") % {"year": year}
        if problems:
            # A missing reason is told whatever the page read, with a year not closed.
            if closing is None or not closing.is_closed:
                problems.add(None, not_closed)
            problems.raise_any()
        version_checked(
            closing, expected_version, what=_("Bokslutet för %(year)s") % {"year": year}
        )
        if closing is None or not closing.is_closed:
            raise ValidationError(not_closed)
        closing.reopened_on = timezone.localdate()
        closing.reopened_by = user
        closing.reopen_reason = reason
        closing.full_clean()
        closing.save()
        return closing
