"""python manage.py import_association FILE (format: docs/backup.md)"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.backup.archive import BackupError
from finsam.backup.restore import import_association
from finsam.commands import TranslatedHelp


class Command(BaseCommand):
    help = TranslatedHelp(
        gettext_lazy(
            "Läser in ett förbund från en fil som export_association skrivit, i en installation "
            "där förbundet inte finns. Allt eller inget."
        )
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help=_("filen från export_association (.zip)"))

    def handle(self, *args, **options) -> None:
        try:
            restored = import_association(Path(options["file"]))
        except BackupError as error:
            raise CommandError(_("%(problem)s Inget har ändrats.") % {"problem": error}) from error
        for username in restored.created_users:
            self.stdout.write(
                _(
                    "Ny användare %(username)s, utan lösenord: en administratör sätter ett, "
                    "eller användaren återställer det."
                )
                % {"username": username}
            )
        for line in restored.created_shared:
            self.stdout.write(line)
        association = restored.association
        done = _("%(name)s (/%(slug)s/): %(rows)s rader och %(files)s filer inlästa.") % {
            "name": association.name,
            "slug": association.slug,
            "rows": restored.rows,
            "files": restored.files,
        }
        self.stdout.write(self.style.SUCCESS(done))
