"""Board members' comments on a budget draft: on one line or on the whole budget.

A comment is not part of the budget: it never changes a figure, is never printed and stays
(with its answers) after the budget is adopted, as the record of what the board asked. A reply
is a comment with a parent, so one model and one history carry the whole thread; only a thread's
first comment is resolved (`resolved_at`), by office staff once it is answered.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from budgets.models.document import BudgetDocument
from budgets.models.lines import BudgetLine
from finsam.models.audit import audited
from finsam.tenant_links import TenantOwned


class BudgetComment(TenantOwned, models.Model):
    document = models.ForeignKey(
        BudgetDocument, on_delete=models.CASCADE, related_name="comments", verbose_name=_("budget")
    )
    # Empty: the comment is on the whole budget.
    line = models.ForeignKey(
        BudgetLine,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        verbose_name=_("budgetrad"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name=_("svar på"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("skriven av"),
    )
    text = models.TextField(_("kommentar"))
    created_at = models.DateTimeField(_("skriven"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("klarmarkerad"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("klarmarkerad av"),
    )
    # Raised by every resolve (finsam.versions): two people marking the same thread are told.
    version = models.PositiveIntegerField(default=1, editable=False)

    tenant_path = "document__association"
    history = audited()

    class Meta:
        verbose_name = _("budgetkommentar")
        verbose_name_plural = _("budgetkommentarer")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    def clean(self) -> None:
        target, parent = self.line, self.parent
        if target is not None and self.document_id and target.document_id != self.document_id:
            raise ValidationError({"line": _("Raden hör till en annan budget.")})
        if parent is not None and self.document_id and parent.document_id != self.document_id:
            raise ValidationError({"parent": _("Kommentaren hör till en annan budget.")})
        if parent is not None and parent.parent_id:
            raise ValidationError({"parent": _("Svara på trådens första kommentar.")})
