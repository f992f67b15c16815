"""Sign-in limits: per account and address, and per account over all addresses.

django-axes counts failures per (account, address) and per account (AXES_LOCKOUT_PARAMETERS)
but compares every count with one limit. Here the pair is locked at AXES_FAILURE_LIMIT and the
account, over all addresses, at the higher FINSAM_ACCOUNT_FAILURE_LIMIT: one address (an office
behind one proxy) cannot lock everybody out, and many addresses cannot share out the guesses
at one password. No lock is per address alone, for the same reason.

A completed sign-in clears that account's failures only (`reset_user_attempts` with the
account's name deletes rows of that name, from every address).
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import QuerySet, Sum


def _failures(attempts: QuerySet) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        """The pair's failures, or the pair's limit once the account's reach the account's."""
        pair, account = (_failures(q) for q in self.get_user_attempts(request, credentials))
        if account >= settings.FINSAM_ACCOUNT_FAILURE_LIMIT:
            return max(pair, get_failure_limit(request, credentials))
        return pair
