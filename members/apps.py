from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Förbund och medlemmar")

    def ready(self) -> None:
        from members import backup, waiting
        from members.imports import kinds

        backup.register()
        kinds.register()
        waiting.register()
