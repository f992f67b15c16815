"""The files members brings in through the platform's import pipeline: their stored kinds and
how each is read, applied and offered as a template."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from finsam.imports.batches import Importer, Upload, from_table, register_importer
from finsam.imports.rows import Plan
from finsam.models import ImportBatch
from members.imports.blank_files import blank_file
from members.imports.contributions import ContributionPlan, apply_contributions, read_contributions
from members.imports.population import PopulationPlan, apply_population, read_population


class MemberImportKind(models.TextChoices):
    CONTRIBUTIONS = "contributions", _("Medlemsbidrag")
    POPULATION = "population", _("Invånarantal")


# A plan is applied only when it read without problems, so it is the kind's own plan.


def _apply_contributions(upload: Upload, plan: Plan, _batch: ImportBatch) -> str:
    assert isinstance(plan, ContributionPlan)
    return apply_contributions(upload.association, plan.entries)


def _apply_population(upload: Upload, plan: Plan, _batch: ImportBatch) -> str:
    assert isinstance(plan, PopulationPlan)
    return apply_population(upload.association, plan.entries)


def register() -> None:
    register_importer(
        MemberImportKind.CONTRIBUTIONS,
        Importer(
            MemberImportKind.CONTRIBUTIONS.label,
            from_table(read_contributions),
            _apply_contributions,
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
            _apply_population,
            blank=lambda association, year: blank_file(
                association, MemberImportKind.POPULATION, year
            ),
        ),
    )
