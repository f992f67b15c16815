from django.utils.translation import gettext_lazy

from finsam.commands import TranslatedHelp
from finsam.management.import_command import ImportCommand


class Command(ImportCommand):
    help = TranslatedHelp(
        gettext_lazy(
            "Läser in bokföring från en SIE-fil (typ 1-4); filen ersätter bara det den innehåller."
        )
    )

    kind = "sie"
