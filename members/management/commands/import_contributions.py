from members.management.import_command import ImportCommand


class Command(ImportCommand):
    help = "Läser in medlemsbidrag (År, Medlem, Belopp) från en xlsx- eller csv-fil."
    kind = "contributions"
