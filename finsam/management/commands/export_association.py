"""python manage.py export_association SLUG --output FILE (format: docs/backup.md)"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.backup.writer import export_association
from finsam.commands import TranslatedHelp
from finsam.models import Association


class Command(BaseCommand):
    help = TranslatedHelp(
        gettext_lazy(
            "Skriver ett förbunds alla uppgifter, med historik och filer, till en zip-fil."
        )
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("slug", help=_("förbundets kortnamn"))
        parser.add_argument("--output", required=True, help=_("filen som skrivs (.zip)"))

    def handle(self, *args, **options) -> None:
        association = Association.objects.filter(slug=options["slug"]).first()
        if association is None:
            raise CommandError(
                _("Det finns inget förbund med kortnamnet ”%(slug)s”.") % {"slug": options["slug"]}
            )
        target = Path(options["output"])
        if not target.parent.is_dir():
            raise CommandError(_("Mappen %(folder)s finns inte.") % {"folder": target.parent})
        exported = export_association(association, target)
        for name in exported.missing_files:
            self.stderr.write(
                _("Varning: %(name)s saknas i MEDIA_ROOT och kom inte med.") % {"name": name}
            )
        done = _("%(name)s: %(rows)s rader och %(files)s filer skrivna till %(target)s.") % {
            "name": association.name,
            "rows": sum(exported.rows.values()),
            "files": len(exported.files),
            "target": target,
        }
        self.stdout.write(self.style.SUCCESS(done))
