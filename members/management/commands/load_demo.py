from django.core.management.base import BaseCommand

from finsam.demo import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = "Läser in (eller läser om) demoförbunden från seeds och demoanvändarna."

    def handle(self, *args, **options) -> None:
        load_demo(report=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(f"\nDemoanvändare (lösenord för alla: {DEMO_PASSWORD}):")
        )
        for user in DEMO_USERS:
            role = user.role.label if user.role else "superanvändare, förvaltar förbunden i /admin/"
            self.stdout.write(f"  {user.username:<11} {role}")
