"""The books' files in the platform's import pipeline: SIE files and trial balances."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from finsam.imports.batches import Upload

SIE_SUFFIXES = (".se", ".si", ".sie")


class BookImportKind(models.TextChoices):
    SIE = "sie", _("Bokföring (SIE)")
    TRIAL_BALANCE = "trial_balance", _("Råbalans (kalkylblad)")


def looks_like_sie(upload: Upload) -> bool:
    """An SIE file by its name or by its first record, whatever kind it was uploaded as."""
    if upload.filename.lower().endswith(SIE_SUFFIXES):
        return True
    with upload.open() as stream:
        return stream.read(64).lstrip().startswith(b"#FLAGGA")
