from django.utils.translation import gettext_lazy

from finsam.commands import TranslatedHelp
from finsam.management.import_command import ImportCommand


class Command(ImportCommand):
    help = TranslatedHelp(
        gettext_lazy("Läser in invånarantal (Kommun, Datum, Invånare) från en xlsx- eller csv-fil.")
    )

    kind = "population"
