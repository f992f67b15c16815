from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finsam.commands import TranslatedHelp
from finsam.demo import DEMO_PASSWORD, DEMO_USERS, load_demo


class Command(BaseCommand):
    help = TranslatedHelp(
        gettext_lazy("Läser in (eller läser om) demoförbunden från seeds och demoanvändarna.")
    )

    def handle(self, *args, **options) -> None:
        load_demo(report=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                "\n"
                + _("Demoanvändare (lösenord för alla: %(password)s):")
                % {"password": DEMO_PASSWORD}
            )
        )
        for user in DEMO_USERS:
            role = (
                user.role.label if user.role else _("superanvändare, förvaltar förbunden i /admin/")
            )
            self.stdout.write(f"  {user.username:<11} {role}")
