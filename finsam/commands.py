"""What the project's management commands share."""

from django.utils.functional import Promise


class TranslatedHelp:
    """A command's `help = TranslatedHelp(gettext_lazy("..."))`: argparse needs a str, and the
    text is translated when read, in the language the command runs in."""

    def __init__(self, text: str | Promise) -> None:
        self.text = text

    def __get__(self, instance: object, owner: type | None = None) -> str:
        return str(self.text)
