from members.management.import_command import ImportCommand


class Command(ImportCommand):
    help = "Läser in invånarantal (Kommun, Datum, Invånare) från en xlsx- eller csv-fil."
    kind = "population"
