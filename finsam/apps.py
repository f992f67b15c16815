from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinsamConfig(AppConfig):
    name = "finsam"
    verbose_name = _("Finsam")

    def ready(self) -> None:
        from finsam import lookups
        from finsam.two_factor import signals  # noqa: F401  (connects the sign-in receiver)

        lookups.register()
