"""`__in` with integers no integer column can hold matches nothing, instead of failing.

Django already treats `id=10**30` so (an empty result, not a database error), but not
`id__in=[10**30]`: SQLite raises OverflowError before the query runs. Ids posted by forms
(a ModelMultipleChoiceField, a list of member ids) reach such lookups, so a crafted huge id
was a 500. Registered for every integer field (and so every id) in FinsamConfig.ready.
"""

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    def get_prep_lookup(self):
        prepared = super().get_prep_lookup()
        if not self.rhs_is_direct_value():
            return prepared
        return [value for value in prepared if not _beyond_64_bits(value)]


def _beyond_64_bits(value: object) -> bool:
    return isinstance(value, int) and not -(2**63) <= value < 2**63


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
