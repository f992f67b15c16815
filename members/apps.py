from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Förbund och medlemmar")

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from finsam.audit.recording import fill_history_row

        pre_create_historical_record.connect(fill_history_row, dispatch_uid="finsam-audit")
