from django.apps import AppConfig


class FinsamConfig(AppConfig):
    name = "finsam"
    verbose_name = "Finsam"

    def ready(self) -> None:
        from simple_history.signals import pre_create_historical_record

        from finsam import lookups
        from finsam.audit.recording import fill_history_row
        from finsam.two_factor import signals  # noqa: F401  (connects the sign-in receiver)

        lookups.register()
        pre_create_historical_record.connect(fill_history_row, dispatch_uid="finsam-audit")
