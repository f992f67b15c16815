"""The files members brings in through the platform's import pipeline: their stored kinds and
how each is read, applied and offered as a template."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from finsam.imports.batches import Importer, from_table, register_importer
from members.imports.blank_files import blank_file
from members.imports.contributions import apply_contributions, read_contributions
from members.imports.population import apply_population, read_population


class MemberImportKind(models.TextChoices):
    CONTRIBUTIONS = "contributions", _("Medlemsbidrag")
    POPULATION = "population", _("Invånarantal")


def register() -> None:
    register_importer(
        MemberImportKind.CONTRIBUTIONS,
        Importer(
            MemberImportKind.CONTRIBUTIONS.label,
            from_table(read_contributions),
            lambda up, plan, _b: apply_contributions(up.association, plan.entries),
            blank=lambda association, year: blank_file(
                association, MemberImportKind.CONTRIBUTIONS, year
            ),
        ),
    )
    register_importer(
        MemberImportKind.POPULATION,
        Importer(
            MemberImportKind.POPULATION.label,
            from_table(read_population),
            lambda up, plan, _b: apply_population(up.association, plan.entries),
            blank=lambda association, year: blank_file(
                association, MemberImportKind.POPULATION, year
            ),
        ),
    )
