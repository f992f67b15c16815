"""The one rule for stale edits: a form carries the version it read, the save refuses a stale one.

A model that forms edit has a `version` counter. The form posts the version the page showed
(`VersionField`); the service locks the row, compares (`version_checked`) and raises the
version with the save, so of two people who opened the same thing the second to save is
refused, with the stored value shown, instead of silently overwriting the first.
"""

from typing import Protocol

from django import forms
from django.utils.translation import gettext as _

from finsam.errors import StaleEditError

# What a row that does not exist yet counts as (a year of referrals nobody has entered): a
# form opened before someone created it is stale just like one opened before a change.
ABSENT = 0


class Versioned(Protocol):
    version: int


class VersionField(forms.IntegerField):
    """The version the page showed, hidden; a post without it is refused by the form (no
    version means nothing can be checked, so nothing is saved)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Sidan skickade inte vilken version du utgick från; ladda om sidan."),
                "invalid": _("Sidan skickade en felaktig version; ladda om sidan."),
            },
        )
        super().__init__(**kwargs)


def stale_message(what: str, *, now: str | None = None) -> str:
    """The one wording of a refused stale save, wherever it is raised or shown: e.g.
    stale_message("Målet") -> "Målet har ändrats av någon annan sedan du öppnade sidan; din
    ändring sparades inte."; `now` adds what is stored now where the page cannot show it."""
    message = _(
        "%(what)s har ändrats av någon annan sedan du öppnade sidan; din ändring sparades inte."
    ) % {"what": what}
    if now is None:
        return message
    return f"{message} {_('Nuvarande värde: %(now)s.') % {'now': now}}"


def version_checked(locked: Versioned | None, expected: int | None, *, what: str) -> None:
    """Refuse the save unless `locked` (read under its lock; None: not there) still has the
    version the form read; otherwise raise it, so the next stale form is refused in turn.
    The caller saves `locked`. `expected` None is for writes no person's form made (the
    demo, figures computed from another table): nothing to compare, the version still moves.
    """
    current = ABSENT if locked is None else locked.version
    if expected is not None and current != expected:
        raise StaleEditError(stale_message(what), locked)
    if locked is not None:
        locked.version += 1
