"""The kinds of file the import pipeline knows, with their names: each app registers its own
(`finsam.imports.batches.register_importer`, from its AppConfig.ready), so the platform names
none. The stored value of a kind is what the app registers it as."""

from django.utils.functional import Promise

_LABELS: dict[str, str | Promise] = {}


def register_kind(kind: str, label: str | Promise) -> None:
    _LABELS[kind] = label


def kind_choices() -> list[tuple[str, str | Promise]]:
    """The registered kinds in the order of INSTALLED_APPS: the choices of `ImportBatch.kind`."""
    return list(_LABELS.items())


def kind_label(kind: str) -> str:
    return str(_LABELS.get(kind, kind))
