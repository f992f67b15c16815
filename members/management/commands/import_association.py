"""python manage.py import_association FILE"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.backup.archive import BackupError
from members.backup.restore import import_association


class Command(BaseCommand):
    help = (
        "Läser in ett förbund från en fil som export_association skrivit, i en installation "
        "där förbundet inte finns. Allt eller inget."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="filen från export_association (.zip)")

    def handle(self, *args, **options) -> None:
        try:
            restored = import_association(Path(options["file"]))
        except BackupError as error:
            raise CommandError(f"{error} Inget har ändrats.") from error
        for username in restored.created_users:
            self.stdout.write(
                f"Ny användare {username}, utan lösenord: en administratör sätter ett, "
                "eller användaren återställer det."
            )
        for name in restored.created_members:
            self.stdout.write(f"Ny medlemsorganisation: {name}.")
        self.stdout.write(
            self.style.SUCCESS(
                f"{restored.association.name} (/{restored.association.slug}/): {restored.rows} "
                f"rader och {restored.files} filer inlästa."
            )
        )
