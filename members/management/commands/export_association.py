"""python manage.py export_association SLUG --output FILE"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.backup.writer import export_association
from members.models import Association


class Command(BaseCommand):
    help = "Skriver ett förbunds alla uppgifter, med historik och inlästa filer, till en zip-fil."

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", help="förbundets kortnamn")
        parser.add_argument("--output", required=True, help="filen som skrivs (.zip)")

    def handle(self, *args, **options) -> None:
        association = Association.objects.filter(slug=options["slug"]).first()
        if association is None:
            raise CommandError(f"Det finns inget förbund med kortnamnet ”{options['slug']}”.")
        target = Path(options["output"])
        if not target.parent.is_dir():
            raise CommandError(f"Mappen {target.parent} finns inte.")
        exported = export_association(association, target)
        for name in exported.missing_files:
            self.stderr.write(f"Varning: {name} saknas i MEDIA_ROOT och kom inte med.")
        self.stdout.write(
            self.style.SUCCESS(
                f"{association.name}: {sum(exported.rows.values())} rader och "
                f"{len(exported.files)} filer skrivna till {target}."
            )
        )
