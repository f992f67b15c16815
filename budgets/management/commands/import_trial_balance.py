from django.utils.translation import gettext_lazy

from finsam.commands import TranslatedHelp
from finsam.management.import_command import ImportCommand


class Command(ImportCommand):
    help = TranslatedHelp(
        gettext_lazy(
            "Läser in en råbalans (Konto, Benämning, Ingående balans, Periodens förändring, "
            "Utgående balans) från en xlsx- eller csv-fil."
        )
    )

    kind = "trial_balance"
    needs_period_end = True
