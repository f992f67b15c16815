"""Translation markers for finsam/lib, which may not import Django.

`gettext` (imported as `_`) marks a message, and makemessages extracts it like any other; it
translates through the function the application installs at start-up (Django's gettext, see
finsam/apps.py), so a message is translated when it is built, in the language of the request
that reads the file. Without an installed function (a script, a test of the library alone) it
returns the Swedish source text unchanged. Messages with values use named placeholders,
`_("Rad %(line)s: %(message)s") % {...}`, so the msgid stays the same whatever the values.
`gettext_noop` marks a text that is built at import time, before any language is active; it is
translated where it is used, `_(CONSTANT)`.
"""

from collections.abc import Callable

__all__ = ["gettext", "gettext_noop", "use_translator"]


def _untranslated(message: str) -> str:
    return message


_translate: Callable[[str], str] = _untranslated


def gettext(message: str) -> str:
    return _translate(message)


def gettext_noop(message: str) -> str:
    return message


def use_translator(translate: Callable[[str], str]) -> None:
    """Install the application's gettext; called once when Django has loaded its apps."""
    global _translate
    _translate = translate
