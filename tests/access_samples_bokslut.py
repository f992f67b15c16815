"""Access sweep arguments for discharge (ansvarsfrihet): a member of the association in its
first funding year."""

from finsam.models import Association
from members.selectors import members_during_year


def _own_member(association: Association) -> dict:
    year = association.funding_years.order_by("year").first().year
    # A member only this association has (the state's authorities belong to every one).
    members = [m for m in members_during_year(association, year) if m.memberships.count() == 1]
    return {"year": year, "member": members[0].pk}


SAMPLES = {"members:discharge_edit": _own_member}
