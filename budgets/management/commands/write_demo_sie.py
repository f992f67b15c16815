import tomllib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from budgets.accounts.demo_books import books_to_sie
from finsam.commands import TranslatedHelp
from finsam.models import Association


class Command(BaseCommand):
    help = TranslatedHelp(
        gettext_lazy(
            "Skriver ett demoförbunds bokföring (fixtures/<förbund>/accounts.toml) som SIE 4-fil."
        )
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("association", help=_("förbundets kortnamn, t.ex. vaxjo"))

    def handle(self, *args, association: str, **options) -> None:
        folder = settings.BASE_DIR / "fixtures" / association
        source = folder / "accounts.toml"
        if not source.is_file():
            raise CommandError(_("%(path)s finns inte.") % {"path": source})
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        orgnr = (
            Association.objects.filter(slug=association)
            .values_list("org_number", flat=True)
            .first()
        )
        target = folder / data["sie_file"]
        target.write_bytes(books_to_sie(data, orgnr or _orgnr_from_fixture(folder)))
        self.stdout.write(_("Skrev %(path)s") % {"path": target})


def _orgnr_from_fixture(folder) -> str:
    members = tomllib.loads((folder / "members.toml").read_text(encoding="utf-8"))
    return members["association"].get("org_number", "")
