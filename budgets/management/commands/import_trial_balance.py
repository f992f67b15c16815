from django.utils.translation import gettext as _

from finsam.management.import_command import ImportCommand


class Command(ImportCommand):
    @property
    def help(self) -> str:  # a property: argparse needs a str, translated when asked for
        return _(
            "Läser in en råbalans (Konto, Benämning, Ingående balans, Periodens förändring, "
            "Utgående balans) från en xlsx- eller csv-fil."
        )

    kind = "trial_balance"
    needs_period_end = True
