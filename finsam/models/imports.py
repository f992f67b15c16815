"""A record of every file brought into an association: who, when, what file, what it did."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from finsam.imports.kinds import kind_choices
from finsam.models.association import Association
from finsam.models.audit import audited


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Förhandsgranskas")
    APPLIED = "applied", _("Inläst")
    DISCARDED = "discarded", _("Avbruten")


class ImportBatch(models.Model):
    """An uploaded file: kept as uploaded (with its checksum) so it can be downloaded again.

    The file itself lies in the media storage (MEDIA_ROOT/imports/<association>/), named by
    its checksum, so that large SIE files are streamed from disk and never held in memory.

    A batch is created when the file is uploaded and previewed; nothing else changes until
    someone confirms it, and then everything the file says is written in one transaction.
    """

    association = models.ForeignKey(Association, on_delete=models.CASCADE, related_name="imports")
    # The kinds are registered by the apps that read them (`finsam.imports.kinds`).
    kind = models.CharField(_("slag"), max_length=20, choices=kind_choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    filename = models.CharField(_("filnamn"), max_length=255)
    file = models.FileField(_("fil"), max_length=300)
    size = models.PositiveBigIntegerField(_("storlek (byte)"), default=0)
    sha256 = models.CharField(_("kontrollsumma (SHA-256)"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("av"),
        help_text=_("Tomt: inläst från kommandoraden."),
    )
    uploaded_at = models.DateTimeField(_("uppladdad"), auto_now_add=True)
    applied_at = models.DateTimeField(_("inläst"), null=True, blank=True)
    summary = models.TextField(_("resultat"), blank=True)
    period_end = models.DateField(
        _("periodens slut"),
        null=True,
        blank=True,
        help_text=_("För råbalanser: vilken dag saldona avser."),
    )

    tenant_path = "association"
    # Confirming an import (and what it replaced, in `summary`) is in the association's history.
    history = audited(table_name="members_historicalimportbatch")

    class Meta:
        db_table = "members_importbatch"
        verbose_name = _("import")
        verbose_name_plural = _("importer")
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"

    @staticmethod
    def checksum(content: bytes) -> str:
        return hashlib.sha256(content).hexdigest()

    def stored_name(self) -> str:
        """Where the file lies: named by its checksum, the uploaded name kept in `filename`."""
        suffix = Path(self.filename).suffix.lower()
        suffix = suffix if suffix[1:].isalnum() and len(suffix) <= 6 else ""
        return f"imports/{self.association.slug}/{self.sha256[:32]}{suffix}"
