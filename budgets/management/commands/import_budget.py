"""`python manage.py import_budget FILE.xlsx --association SLUG [--dry-run]`: a budget workbook
as a draft; with --dry-run, the list of changes it would make and nothing changed."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from budgets.services import document_import
from budgets.services.import_preview import ImportPreview, import_preview
from budgets.xlsx.importer import BudgetFileError, read_budget
from finsam.models import Association


class Command(BaseCommand):
    help = "Läser in en budget från xlsx (formatet i docs/budget-xlsx.md) som utkast."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--association", required=True, help="förbundets kortnamn")
        parser.add_argument(
            "--dry-run", action="store_true", help="visa ändringarna utan att läsa in"
        )

    def handle(self, *args, file: Path, association: str, dry_run: bool, **options) -> None:
        found = Association.objects.filter(slug=association).first()
        if found is None:
            raise CommandError(f"Inget förbund med kortnamnet {association}.")
        if not file.is_file():
            raise CommandError(f"Filen {file} finns inte.")
        try:
            plan = read_budget(file.read_bytes())
            if dry_run:
                self._preview(import_preview(association=found, plan=plan, user=None))
                return
            document = document_import(association=found, plan=plan, user=None)
        except BudgetFileError as error:
            raise CommandError("Inget lästes in:\n" + "\n".join(error.problems)) from error
        except ValidationError as error:
            raise CommandError("Inget lästes in: " + " ".join(error.messages)) from error
        self.stdout.write(f"Inläst som utkast: {document} (revision {document.revision}).")

    def _preview(self, preview: ImportPreview) -> None:
        for change in preview.changes:
            self.stdout.write(f"{change.where}: {change.before} → {change.after}")
        for note in preview.notes:
            self.stdout.write(f"Följer inte med: {note}")
        self.stdout.write(f"{len(preview.changes)} ändringar; inget är inläst (--dry-run).")
