from members.management.import_command import ImportCommand


class Command(ImportCommand):
    help = (
        "Läser in en råbalans (Konto, Benämning, Ingående balans, Periodens förändring, "
        "Utgående balans) från en xlsx- eller csv-fil."
    )
    kind = "trial_balance"
    needs_period_end = True
