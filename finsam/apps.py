from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class FinsamConfig(AppConfig):
    name = "finsam"
    verbose_name = _("Finsam")

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from finsam import lookups, tenant_links, waiting_items
        from finsam.audit.recording import fill_history_row
        from finsam.lib import text
        from finsam.two_factor import signals  # noqa: F401  (connects the sign-in receiver)

        lookups.register()
        text.use_translator(gettext)
        pre_create_historical_record.connect(fill_history_row, dispatch_uid="finsam-audit")
        tenant_links.connect()
        waiting_items.register()
