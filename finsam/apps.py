from django.apps import AppConfig


class FinsamConfig(AppConfig):
    name = "finsam"
    verbose_name = "Finsam"

    def ready(self) -> None:
        from finsam import lookups, tenant_links
        from finsam.two_factor import signals  # noqa: F401  (connects the sign-in receiver)

        lookups.register()
        tenant_links.connect()
