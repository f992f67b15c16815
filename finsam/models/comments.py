"""A comment thread on an association's draft document: what budget and report comments share.

A comment is not part of its document: it never changes a figure, is never printed and stays
(with its answers) after the document is adopted, as the record of what the board asked. A reply
is a comment with a parent, so one model and one history carry the whole thread; only a
thread's first comment is resolved (`resolved_at`), by office staff once it is answered. Each
app's concrete model adds the document, the part commented on, and checks that both agree.
"""

from typing import TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from finsam.tenant_links import TenantOwned


class Comment(TenantOwned, models.Model):
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

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    def clean(self) -> None:
        # A reply of a reply: its parent is itself a reply (read without a query).
        if self.parent is not None and getattr(self.parent, "parent_id", None):
            raise ValidationError({"parent": _("Svara på trådens första kommentar.")})


C = TypeVar("C", bound=Comment)


def unanswered_threads(comments: QuerySet[C]) -> QuerySet[C]:
    """The threads that wait for an answer: first comments, not resolved, and with no reply by
    anyone but their author (a board member adding to their own question has no answer yet)."""
    answers = comments.model._default_manager.filter(parent=OuterRef("pk")).exclude(
        author=OuterRef("author")
    )
    return comments.filter(parent=None, resolved_at=None).exclude(Exists(answers))
