"""`python manage.py export_budget SLUG DOCUMENT_ID --output FILE.xlsx`: the page's xlsx file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from budgets.models import BudgetDocument
from budgets.selectors import budget_sheet
from budgets.xlsx.export import export_budget


class Command(BaseCommand):
    help = "Skriver en budget till xlsx, samma fil som budgetsidans nedladdning."

    def add_arguments(self, parser) -> None:
        parser.add_argument("association", help="förbundets kortnamn")
        parser.add_argument("document", type=int, help="budgetens id")
        parser.add_argument("--output", type=Path, required=True, help="filen som skrivs")

    def handle(self, *args, association: str, document: int, output: Path, **options) -> None:
        found = BudgetDocument.objects.filter(association__slug=association, pk=document).first()
        if found is None:
            raise CommandError(f"Förbundet {association} har ingen budget med id {document}.")
        if not output.parent.is_dir():
            raise CommandError(f"Mappen {output.parent} finns inte.")
        # The page's download with no options chosen: the document's own unit and signs.
        output.write_bytes(export_budget(budget_sheet(found)))
        self.stdout.write(f"Skrev {found} (revision {found.revision}) till {output}.")
