"""Board members' comments on a budget draft: on one line or on the whole budget (the thread
and its rules: finsam.models.comments)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from budgets.models.document import BudgetDocument
from budgets.models.lines import BudgetLine
from finsam.models.audit import audited
from finsam.models.comments import Comment
from finsam.problems import Problems


class BudgetComment(Comment):
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

    tenant_path = "document__association"
    history = audited()

    class Meta(Comment.Meta):
        verbose_name = _("budgetkommentar")
        verbose_name_plural = _("budgetkommentarer")

    def clean(self) -> None:
        target, parent = self.line, self.parent
        problems = Problems()  # every rule broken at once, each at its field
        if target is not None and self.document_id and target.document_id != self.document_id:
            problems.add("line", _("Raden hör till en annan budget."))
        if (
            parent is not None
            and self.document_id
            and self.document_id != getattr(parent, "document_id", None)
        ):
            problems.add("parent", _("Kommentaren hör till en annan budget."))
        with problems.gathered():
            super().clean()
        problems.raise_any()
