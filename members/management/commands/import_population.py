from django.utils.translation import gettext as _

from finsam.management.import_command import ImportCommand


class Command(ImportCommand):
    @property
    def help(self) -> str:  # a property: argparse needs a str, translated when asked for
        return _("Läser in invånarantal (Kommun, Datum, Invånare) från en xlsx- eller csv-fil.")

    kind = "population"
