from members.management.import_command import ImportCommand


class Command(ImportCommand):
    help = "Läser in bokföring från en SIE-fil (typ 1-4); åren i filens #RAR ersätts."
    kind = "sie"
