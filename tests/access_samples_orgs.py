"""Access-sweep arguments for the members and population pages (helper "orgs", #16)."""

from finsam.models import Association


def _first_membership(association: Association) -> dict:
    return {"pk": association.memberships.order_by("pk").first().pk}


def _first_population_figure(association: Association) -> dict:
    return {"pk": association.population_figures.order_by("pk").first().pk}


SAMPLES = {
    "members:membership_end": _first_membership,
    "members:population_figure_edit": _first_population_figure,
    "members:population_figure_delete": _first_population_figure,
}
